namespace NanoThing.Core.Sensors
{
    /// <summary>
    /// One result of <see cref="Bme280.TryComplete"/>, reused by the caller (no allocation per measurement).
    /// Values are meaningful only when <see cref="Status"/> is <see cref="SensorStatus.Ok"/> and the quantity's
    /// valid flag is set; on any other status every flag is false and every value 0 (never a stale value).
    /// An Ok reading always has temperature and pressure; humidity only from a BME280.
    /// </summary>
    public sealed class Bme280Reading
    {
        /// <summary>The outcome that produced this reading.</summary>
        public SensorStatus Status { get; private set; }

        /// <summary>True when <see cref="TemperatureCentiCelsius"/> holds a measured value.</summary>
        public bool TemperatureValid { get; private set; }

        /// <summary>Temperature in 0.01 degC (2508 = 25.08 degC).</summary>
        public int TemperatureCentiCelsius { get; private set; }

        /// <summary>True when <see cref="PressureQ24_8"/> holds a measured value.</summary>
        public bool PressureValid { get; private set; }

        /// <summary>Pressure in Pa, unsigned Q24.8 (value / 256 = Pa), as the datasheet's 64-bit formula returns it.</summary>
        public uint PressureQ24_8 { get; private set; }

        /// <summary>Pressure in 0.01 hPa (= Pa), rounded: 100653 = 1006.53 hPa.</summary>
        public int PressureCentiHectopascal
        {
            get { return (int)((PressureQ24_8 + 128u) >> 8); }
        }

        /// <summary>True when <see cref="HumidityQ22_10"/> holds a measured value (never on a BMP280).</summary>
        public bool HumidityValid { get; private set; }

        /// <summary>Relative humidity in %RH, unsigned Q22.10 (value / 1024 = %RH).</summary>
        public uint HumidityQ22_10 { get; private set; }

        /// <summary>Relative humidity in 0.01 %RH, rounded: 5500 = 55.00 %RH.</summary>
        public int HumidityCentiPercent
        {
            get { return (int)((HumidityQ22_10 * 100L + 512) >> 10); }
        }

        /// <summary>Clears every value and sets <paramref name="status"/> (a fault or progress status). Used by the driver, and by simulations and tests.</summary>
        public void SetStatus(SensorStatus status)
        {
            Status = status;
            TemperatureValid = false;
            TemperatureCentiCelsius = 0;
            PressureValid = false;
            PressureQ24_8 = 0;
            HumidityValid = false;
            HumidityQ22_10 = 0;
        }

        /// <summary>Stores a completed measurement (status Ok). Used by the driver, and by simulations and tests.</summary>
        public void SetValues(int centiCelsius, uint pressureQ24_8, bool hasHumidity, uint humidityQ22_10)
        {
            Status = SensorStatus.Ok;
            TemperatureValid = true;
            TemperatureCentiCelsius = centiCelsius;
            PressureValid = true;
            PressureQ24_8 = pressureQ24_8;
            HumidityValid = hasHumidity;
            HumidityQ22_10 = hasHumidity ? humidityQ22_10 : 0;
        }
    }
}
