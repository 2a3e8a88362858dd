using NanoThing.Core.Seams;
using NanoThing.VirtualBoard.Simulation;

namespace NanoThing.VirtualBoard.Tests;

[TestClass]
public sealed class SimulatedBme280Tests
{
    private static readonly Bme280Calibration Cal = Bme280Calibration.Typical;

    [TestMethod]
    public void DatasheetExampleTemperatureAndPressure()
    {
        // BMP280 datasheet 3.12: adc_T = 519888 -> 25.08 C; adc_P = 415148 -> 100653.27 Pa (double formulas).
        double t = Bme280Physics.Temperature(Cal, 519888, out double tFine);
        Assert.AreEqual(25.08, t, 0.005);
        Assert.AreEqual(100653.27, Bme280Physics.Pressure(Cal, 415148, tFine), 0.05);
    }

    [TestMethod]
    [DataRow(-10.0, 95000.0, 10.0)]
    [DataRow(21.5, 101325.0, 45.0)]
    [DataRow(39.9, 108000.0, 90.0)]
    public void EncodedRawValuesReadBackAsTheReading(double celsius, double pascal, double humidity)
    {
        var (adcT, adcP, adcH) = Bme280Physics.Encode(Cal, celsius, pascal, humidity);
        Assert.AreEqual(celsius, Bme280Physics.Temperature(Cal, adcT, out double tFine), 0.01);
        Assert.AreEqual(pascal, Bme280Physics.Pressure(Cal, adcP, tFine), 0.2);
        Assert.AreEqual(humidity, Bme280Physics.Humidity(Cal, adcH, tFine), 0.01);
    }

    [TestMethod]
    public void RegisterMapAnswersLikeTheChip()
    {
        var chip = new SimulatedBme280(new FixedWeather(new WeatherReading(22, 100000, 50)));
        var id = new byte[1];
        Assert.AreEqual(I2cStatus.Ok, chip.WriteRead(0x76, [0xD0], 0, 1, id, 0, 1));
        Assert.AreEqual(0x60, id[0]);
        Assert.AreEqual(I2cStatus.AddressNotAcknowledged, chip.WriteRead(0x77, [0xD0], 0, 1, id, 0, 1));

        var calib = new byte[26];
        chip.WriteRead(0x76, [0x88], 0, 1, calib, 0, 26);
        Assert.AreEqual(27504, calib[0] | calib[1] << 8, "dig_T1 little-endian at 0x88");
        Assert.AreEqual(75, calib[25], "dig_H1 at 0xA1");

        var e = new byte[7];
        chip.WriteRead(0x76, [0xE1], 0, 1, e, 0, 7);
        Assert.AreEqual(362, (short)(e[0] | e[1] << 8), "dig_H2");
        Assert.AreEqual(324, e[3] << 4 | (e[4] & 0x0F), "dig_H4 = 0xE4[11:4] | 0xE5[3:0]");
        Assert.AreEqual(50, e[5] << 4 | e[4] >> 4, "dig_H5 = 0xE6[11:4] | 0xE5[7:4]");
    }

    [TestMethod]
    public void ForcedModeLatchesAMeasurementIntoTheDataRegisters()
    {
        var weather = new FixedWeather(new WeatherReading(18.25, 99000, 61));
        var chip = new SimulatedBme280(weather, address: 0x77);
        chip.Write(0x77, [0xF2, 0x01, 0xF4, 0x25], 0, 4); // osrs_h x1, osrs_t x1, osrs_p x1, forced
        Assert.AreEqual(1, chip.Measurements);

        var data = new byte[8];
        Assert.AreEqual(I2cStatus.Ok, chip.WriteRead(0x77, [0xF7], 0, 1, data, 0, 8));
        int adcP = data[0] << 12 | data[1] << 4 | data[2] >> 4;
        int adcT = data[3] << 12 | data[4] << 4 | data[5] >> 4;
        int adcH = data[6] << 8 | data[7];
        Assert.AreEqual(18.25, Bme280Physics.Temperature(Cal, adcT, out double tFine), 0.01);
        Assert.AreEqual(99000, Bme280Physics.Pressure(Cal, adcP, tFine), 0.2);
        Assert.AreEqual(61, Bme280Physics.Humidity(Cal, adcH, tFine), 0.01);

        var ctrl = new byte[1];
        chip.WriteRead(0x77, [0xF4], 0, 1, ctrl, 0, 1);
        Assert.AreEqual(0x24, ctrl[0], "after a forced measurement the chip is back in sleep mode");
    }

    [TestMethod]
    public void AFaultedChipFailsEveryTransferUntilHealed()
    {
        var chip = new SimulatedBme280(new FixedWeather(new WeatherReading(20, 100000, 40)));
        chip.Fault(I2cStatus.ClockStretchTimeout);
        var buffer = new byte[1];
        Assert.AreEqual(I2cStatus.ClockStretchTimeout, chip.WriteRead(0x76, [0xD0], 0, 1, buffer, 0, 1));
        Assert.AreEqual(I2cStatus.ClockStretchTimeout, chip.Write(0x76, [0xF4, 0x25], 0, 2));
        Assert.AreEqual(0, chip.Measurements);
        chip.Fault(I2cStatus.Ok);
        Assert.AreEqual(I2cStatus.Ok, chip.WriteRead(0x76, [0xD0], 0, 1, buffer, 0, 1));
    }

    [TestMethod]
    public void DailyWeatherIsReproducibleForASeedAndPlausible()
    {
        TimeSpan now = TimeSpan.Zero;
        var a = new DailyWeather(7, () => now);
        var b = new DailyWeather(7, () => now);
        for (int minute = 0; minute < 24 * 60; minute += 5)
        {
            now = TimeSpan.FromMinutes(minute);
            WeatherReading x = a.Now(), y = b.Now();
            Assert.AreEqual(x, y);
            Assert.IsTrue(x.Celsius is > 15 and < 27, $"temperature {x.Celsius} at minute {minute}");
            Assert.IsTrue(x.RelativeHumidity is >= 5 and <= 95);
            Assert.IsTrue(x.Pascal is > 100000 and < 102700);
        }

        Assert.AreNotEqual(new DailyWeather(8, () => now).Now(), new DailyWeather(7, () => now).Now());
    }
}
