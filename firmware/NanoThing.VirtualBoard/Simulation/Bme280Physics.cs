namespace NanoThing.VirtualBoard.Simulation;

/// <summary>
/// The BME280 datasheet's floating-point compensation formulas (Bosch BME280 datasheet, appendix 8.1), used
/// to turn a physical reading into the raw ADC values a real chip would report. Kept independent of Core's
/// integer compensation on purpose, so the two implementations check each other.
/// </summary>
public static class Bme280Physics
{
    public static double Temperature(Bme280Calibration c, int adcT, out double tFine)
    {
        double var1 = (adcT / 16384.0 - c.T1 / 1024.0) * c.T2;
        double var2 = (adcT / 131072.0 - c.T1 / 8192.0) * (adcT / 131072.0 - c.T1 / 8192.0) * c.T3;
        tFine = (int)(var1 + var2); // the datasheet keeps t_fine as a 32-bit integer
        return (var1 + var2) / 5120.0;
    }

    public static double Pressure(Bme280Calibration c, int adcP, double tFine)
    {
        double var1 = tFine / 2.0 - 64000.0;
        double var2 = var1 * var1 * c.P6 / 32768.0;
        var2 += var1 * c.P5 * 2.0;
        var2 = var2 / 4.0 + c.P4 * 65536.0;
        var1 = (c.P3 * var1 * var1 / 524288.0 + c.P2 * var1) / 524288.0;
        var1 = (1.0 + var1 / 32768.0) * c.P1;
        if (var1 == 0.0) return 0;
        double p = 1048576.0 - adcP;
        p = (p - var2 / 4096.0) * 6250.0 / var1;
        var1 = c.P9 * p * p / 2147483648.0;
        var2 = p * c.P8 / 32768.0;
        return p + (var1 + var2 + c.P7) / 16.0;
    }

    public static double Humidity(Bme280Calibration c, int adcH, double tFine)
    {
        double h = tFine - 76800.0;
        h = (adcH - (c.H4 * 64.0 + c.H5 / 16384.0 * h)) *
            (c.H2 / 65536.0 * (1.0 + c.H6 / 67108864.0 * h * (1.0 + c.H3 / 67108864.0 * h)));
        h *= 1.0 - c.H1 * h / 524288.0;
        return Math.Clamp(h, 0.0, 100.0);
    }

    /// <summary>The raw values (20-bit temperature and pressure, 16-bit humidity) that read back as the given reading.</summary>
    public static (int AdcT, int AdcP, int AdcH) Encode(Bme280Calibration c, double celsius, double pascal, double percent)
    {
        int adcT = Solve(0, (1 << 20) - 1, a => Temperature(c, a, out _), celsius);
        Temperature(c, adcT, out double tFine);
        int adcP = Solve(0, (1 << 20) - 1, a => -Pressure(c, a, tFine), -pascal); // pressure falls as adc rises
        int adcH = Solve(0, 0xFFFF, a => Humidity(c, a, tFine), percent);
        return (adcT, adcP, adcH);
    }

    /// <summary>The smallest x in [lo, hi] with f(x) >= target, for a non-decreasing f.</summary>
    private static int Solve(int lo, int hi, Func<int, double> f, double target)
    {
        while (lo < hi)
        {
            int mid = lo + (hi - lo) / 2;
            if (f(mid) >= target) hi = mid; else lo = mid + 1;
        }

        return lo;
    }
}
