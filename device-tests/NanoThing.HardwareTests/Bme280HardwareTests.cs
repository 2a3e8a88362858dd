using System;
using System.Threading;
using nanoFramework.TestFramework;
using NanoThing.Core.Sensors;

namespace NanoThing.HardwareTests
{
    /// <summary>
    /// The BME280/BMP280 on the board answers through the real I2C adapter with values inside the part's
    /// operating range. Skipped when no part acknowledges either address (nothing wired); any other fault fails.
    /// </summary>
    [TestClass]
    public class Bme280HardwareTests
    {
        // The part's operating range (datasheet section 1): -40..85 degC; 300..1100 hPa; 0..100 %RH.
        private const int MinimumCentiCelsius = -4000;
        private const int MaximumCentiCelsius = 8500;
        private const int MinimumCentiHectopascal = 30000;
        private const int MaximumCentiHectopascal = 110000;
        private const int MaximumCentiPercent = 10000;

        // Detection + reset + one forced measurement take a few tens of ms; this bounds a hung part.
        private const int MeasurementBoundMilliseconds = 1000;

        [TestMethod]
        public void SensorAnswersWithASaneReading()
        {
            Bme280 sensor = new Bme280(HardwareBoard.I2cBus(), HardwareBoard.SensorAddress());
            Bme280Reading reading = new Bme280Reading();

            SensorStatus status = Measure(sensor, reading);
            if (status == SensorStatus.NotFound)
            {
                Assert.SkipTest("no BME280/BMP280 acknowledged 0x76 or 0x77 on SDA " + HardwareBoard.I2cDataPin().ToString() + " / SCL " + HardwareBoard.I2cClockPin().ToString() + "; wire one as README 'The real board' shows");
            }

            Assert.IsTrue(status == SensorStatus.Ok, "the sensor at 0x" + sensor.Address.ToString("X2") + " failed: " + SensorStatusNames.Of(status));
            Assert.IsTrue(reading.TemperatureValid, "an Ok reading without temperature");
            Assert.IsTrue(reading.PressureValid, "an Ok reading without pressure");
            int centiCelsius = reading.TemperatureCentiCelsius;
            Assert.IsTrue(centiCelsius >= MinimumCentiCelsius && centiCelsius <= MaximumCentiCelsius, "temperature " + centiCelsius.ToString() + " x0.01 degC is outside -40..85 degC");
            int centiHectopascal = reading.PressureCentiHectopascal;
            Assert.IsTrue(centiHectopascal >= MinimumCentiHectopascal && centiHectopascal <= MaximumCentiHectopascal, "pressure " + centiHectopascal.ToString() + " x0.01 hPa is outside 300..1100 hPa");
            if (sensor.Model == Bme280Model.Bme280)
            {
                Assert.IsTrue(reading.HumidityValid, "a BME280 reading without humidity");
                int centiPercent = reading.HumidityCentiPercent;
                Assert.IsTrue(centiPercent >= 0 && centiPercent <= MaximumCentiPercent, "humidity " + centiPercent.ToString() + " x0.01 %RH is outside 0..100 %RH");
            }

            OutputHelper.WriteLine("BME280 at 0x" + sensor.Address.ToString("X2") + ": " + centiCelsius.ToString() + " x0.01 degC; " + centiHectopascal.ToString() + " x0.01 hPa; " + reading.HumidityCentiPercent.ToString() + " x0.01 %RH");
        }

        // The driver never blocks: poll it on the real clock, pausing one measurement time between polls, with a bound.
        private static SensorStatus Measure(Bme280 sensor, Bme280Reading reading)
        {
            long deadline = Environment.TickCount64 + MeasurementBoundMilliseconds;
            SensorStatus status = sensor.Start(Environment.TickCount64);
            while (status == SensorStatus.Busy || status == SensorStatus.Idle)
            {
                if (Environment.TickCount64 > deadline)
                {
                    return SensorStatus.Timeout;
                }

                Thread.Sleep(Bme280.MeasurementTimeMs);
                status = sensor.TryComplete(Environment.TickCount64, reading);
                if (status == SensorStatus.Idle)
                {
                    // The reset/detection step finished; request the measurement itself.
                    status = sensor.Start(Environment.TickCount64);
                }
            }

            return status;
        }
    }
}
