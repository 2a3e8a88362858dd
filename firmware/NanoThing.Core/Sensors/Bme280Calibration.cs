namespace NanoThing.Core.Sensors
{
    /// <summary>
    /// The factory trimming parameters of one BME280/BMP280 and the datasheet's integer compensation formulas.
    /// Source: Bosch BME280 datasheet (BST-BME280-DS002) section 4.2.2 (parameter layout) and 4.2.3 / 8.2
    /// (32-bit temperature, 64-bit pressure, 32-bit humidity), which the BMP280 datasheet (BST-BMP280-DS001,
    /// section 3.11) shares for temperature and pressure. Written here from the published formulas.
    /// Pure: no I/O, no allocation.
    /// </summary>
    public sealed class Bme280Calibration
    {
        /// <summary>Bytes of the first calibration block, 0x88..0xA1 (dig_T1..dig_P9, a reserved byte, dig_H1).</summary>
        public const int TemperaturePressureBlockLength = 26;

        /// <summary>Bytes of the second calibration block, 0xE1..0xE7 (dig_H2..dig_H6), BME280 only.</summary>
        public const int HumidityBlockLength = 7;

        /// <summary>Value returned for the pressure when the calibration makes the formula divide by zero.</summary>
        public const uint InvalidPressure = 0;

        private int _t1, _t2, _t3;
        private long _p1, _p2, _p3, _p4, _p5, _p6, _p7, _p8, _p9;
        private int _h1, _h2, _h3, _h4, _h5, _h6;
        private bool _hasHumidity;

        /// <summary>True when the humidity parameters were loaded (a BME280).</summary>
        public bool HasHumidity { get { return _hasHumidity; } }

        /// <summary>
        /// Loads the parameters from the raw register blocks. <paramref name="humidity"/> is null for a BMP280.
        /// Returns false (and leaves the object unusable for compensation) when the values are impossible:
        /// dig_T1 or dig_P1 zero, or either block all ones (what a bus stuck high reads).
        /// </summary>
        public bool Load(byte[] temperaturePressure, int tpOffset, byte[] humidity, int hOffset)
        {
            byte[] b = temperaturePressure;
            int o = tpOffset;
            _t1 = U16(b, o);
            _t2 = S16(b, o + 2);
            _t3 = S16(b, o + 4);
            _p1 = U16(b, o + 6);
            _p2 = S16(b, o + 8);
            _p3 = S16(b, o + 10);
            _p4 = S16(b, o + 12);
            _p5 = S16(b, o + 14);
            _p6 = S16(b, o + 16);
            _p7 = S16(b, o + 18);
            _p8 = S16(b, o + 20);
            _p9 = S16(b, o + 22);
            _hasHumidity = humidity != null;
            if (_hasHumidity)
            {
                _h1 = b[o + 25];
                byte[] h = humidity;
                int q = hOffset;
                _h2 = S16(h, q);
                _h3 = h[q + 2];
                // dig_H4 = 0xE4[7:0] (signed) << 4 | 0xE5[3:0]; dig_H5 = 0xE6 (signed) << 4 | 0xE5[7:4].
                _h4 = ((sbyte)h[q + 3] * 16) | (h[q + 4] & 0x0F);
                _h5 = ((sbyte)h[q + 5] * 16) | (h[q + 4] >> 4);
                _h6 = (sbyte)h[q + 6];
            }

            bool allOnes = AllOnes(b, o, 24) || (_hasHumidity && AllOnes(humidity, hOffset, HumidityBlockLength));
            return _t1 != 0 && _p1 != 0 && !allOnes;
        }

        /// <summary>
        /// Temperature in 0.01 degC (5123 = 51.23 degC) from the 20-bit raw value, and t_fine, the fine
        /// temperature that the pressure and humidity formulas need (datasheet "BME280_compensate_T_int32").
        /// </summary>
        public int CompensateTemperature(int adcT, out int tFine)
        {
            int var1 = (((adcT >> 3) - (_t1 << 1)) * _t2) >> 11;
            int d = (adcT >> 4) - _t1;
            int var2 = (((d * d) >> 12) * _t3) >> 14;
            tFine = var1 + var2;
            return (tFine * 5 + 128) >> 8;
        }

        /// <summary>
        /// Pressure in Pa as unsigned Q24.8 (24674867 = 96386.2 Pa) from the 20-bit raw value (datasheet
        /// "BME280_compensate_P_int64"). Returns <see cref="InvalidPressure"/> (0) when the calibration would
        /// divide by zero: the caller must treat 0 as a fault, never as a pressure.
        /// </summary>
        public uint CompensatePressure(int adcP, int tFine)
        {
            long var1 = (long)tFine - 128000;
            long var2 = var1 * var1 * _p6;
            var2 = var2 + ((var1 * _p5) << 17);
            var2 = var2 + (_p4 << 35);
            var1 = ((var1 * var1 * _p3) >> 8) + ((var1 * _p2) << 12);
            var1 = ((((long)1) << 47) + var1) * _p1 >> 33;
            if (var1 == 0)
            {
                return InvalidPressure;
            }

            long p = 1048576 - adcP;
            p = (((p << 31) - var2) * 3125) / var1;
            var1 = (_p9 * (p >> 13) * (p >> 13)) >> 25;
            var2 = (_p8 * p) >> 19;
            p = ((p + var1 + var2) >> 8) + (_p7 << 4);
            return (uint)p;
        }

        /// <summary>
        /// Relative humidity in %RH as unsigned Q22.10 (47445 = 46.333 %RH), clamped to 0..100 %RH, from the
        /// 16-bit raw value (datasheet "bme280_compensate_H_int32"). 0 when no humidity parameters were loaded.
        /// </summary>
        public uint CompensateHumidity(int adcH, int tFine)
        {
            if (!_hasHumidity)
            {
                return 0;
            }

            int x = tFine - 76800;
            int left = (((adcH << 14) - (_h4 << 20) - (_h5 * x)) + 16384) >> 15;
            int right = (((((((x * _h6) >> 10) * (((x * _h3) >> 11) + 32768)) >> 10) + 2097152) * _h2) + 8192) >> 14;
            x = left * right;
            x = x - (((((x >> 15) * (x >> 15)) >> 7) * _h1) >> 4);
            if (x < 0)
            {
                x = 0;
            }

            if (x > 419430400)
            {
                x = 419430400;
            }

            return (uint)(x >> 12);
        }

        private static int U16(byte[] b, int i)
        {
            return b[i] | (b[i + 1] << 8);
        }

        private static int S16(byte[] b, int i)
        {
            return (short)(b[i] | (b[i + 1] << 8));
        }

        private static bool AllOnes(byte[] b, int offset, int length)
        {
            for (int i = offset; i < offset + length; i++)
            {
                if (b[i] != 0xFF)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
