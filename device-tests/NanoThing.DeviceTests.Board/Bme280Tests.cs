using NanoThing.Core.Seams;
using NanoThing.Core.Sensors;
using NanoThing.DeviceTests.Support;
using nanoFramework.TestFramework;

namespace NanoThing.DeviceTests.Board
{
    /// <summary>The driver's bus protocol and its faults, against <see cref="SimulatedBme280"/>.</summary>
    [TestClass]
    public class Bme280Tests
    {
        /// <summary>Runs Start then TryComplete every millisecond from <paramref name="startMs"/> until it is not Busy (bounded).</summary>
        private static SensorStatus Measure(Bme280 sensor, Bme280Reading reading, long startMs)
        {
            SensorStatus status = sensor.Start(startMs);
            if (status != SensorStatus.Busy)
            {
                Assert.AreEqual((int)status, (int)sensor.TryComplete(startMs, reading), "TryComplete repeats Start's fault");
                return status;
            }

            for (long now = startMs + 1; now < startMs + 1000; now++)
            {
                status = sensor.TryComplete(now, reading);
                if (status != SensorStatus.Busy)
                {
                    return status;
                }
            }

            return status;
        }

        [TestMethod]
        public void Bme280_DatasheetExample_ResetsReadsCalibrationMeasuresForced()
        {
            SimulatedBme280 chip = SimulatedBme280.DatasheetExample();
            chip.ResetBusyPolls = 2;
            Bme280 sensor = new Bme280(chip);
            Bme280Reading reading = new Bme280Reading();

            Assert.AreEqual((int)SensorStatus.Busy, (int)sensor.Start(0));
            Assert.AreEqual(0x76, sensor.Address);
            Assert.AreEqual((int)Bme280Model.Bme280, (int)sensor.Model);
            Assert.AreEqual("E0=B6 ", chip.WriteLog);
            Assert.AreEqual((int)SensorStatus.Busy, (int)sensor.TryComplete(1, reading));
            Assert.AreEqual((int)SensorStatus.Busy, (int)sensor.TryComplete(2, reading));
            Assert.AreEqual("E0=B6 ", chip.WriteLog, "no trigger while the NVM copy runs");
            Assert.AreEqual((int)SensorStatus.Busy, (int)sensor.TryComplete(3, reading));
            Assert.AreEqual("E0=B6 F2=01 F4=25 ", chip.WriteLog, "ctrl_hum x1, then ctrl_meas x1/x1 forced");

            int transfers = chip.Transfers;
            Assert.AreEqual((int)SensorStatus.Busy, (int)sensor.TryComplete(12, reading));
            Assert.AreEqual(transfers, chip.Transfers, "no status poll before the measurement time");
            Assert.AreEqual((int)SensorStatus.Busy, (int)sensor.TryComplete(13, reading));
            Assert.AreEqual((int)SensorStatus.Ok, (int)sensor.TryComplete(14, reading));

            Assert.AreEqual((int)SensorStatus.Ok, (int)reading.Status);
            Assert.IsTrue(reading.TemperatureValid);
            Assert.AreEqual(2508, reading.TemperatureCentiCelsius);
            Assert.IsTrue(reading.PressureValid);
            Assert.AreEqual(25767233u, reading.PressureQ24_8);
            Assert.AreEqual(100653, reading.PressureCentiHectopascal);
            Assert.IsTrue(reading.HumidityValid);
            Assert.AreEqual(56317u, reading.HumidityQ22_10);
            Assert.AreEqual(5500, reading.HumidityCentiPercent);
            Assert.AreEqual((int)SensorStatus.Idle, (int)sensor.TryComplete(15, reading));
        }

        [TestMethod]
        public void SecondMeasurement_DoesNotResetAgain()
        {
            SimulatedBme280 chip = SimulatedBme280.DatasheetExample();
            Bme280 sensor = new Bme280(chip);
            Bme280Reading reading = new Bme280Reading();
            Assert.AreEqual((int)SensorStatus.Ok, (int)Measure(sensor, reading, 0));
            chip.SetRaw(519888 + 1600, 415148, 27000);
            Assert.AreEqual((int)SensorStatus.Ok, (int)Measure(sensor, reading, 5000));
            Assert.AreEqual(1, chip.Resets);
            Assert.AreEqual(2, chip.Measurements);
            Assert.AreEqual(2558, reading.TemperatureCentiCelsius, "adc_T 521488 -> t_fine 130988 -> 25.58 degC");
            Assert.AreEqual(39188u, reading.HumidityQ22_10, "humidity uses the new t_fine (39190 at t_fine 128422)");
        }

        [TestMethod]
        public void Start_WhileBusy_DoesNotTriggerTwice()
        {
            SimulatedBme280 chip = SimulatedBme280.DatasheetExample();
            Bme280 sensor = new Bme280(chip);
            Bme280Reading reading = new Bme280Reading();
            Assert.AreEqual((int)SensorStatus.Ok, (int)Measure(sensor, reading, 0));
            Assert.AreEqual((int)SensorStatus.Busy, (int)sensor.Start(100));
            Assert.AreEqual((int)SensorStatus.Busy, (int)sensor.Start(101));
            Assert.IsTrue(sensor.IsBusy);
            Assert.AreEqual(2, chip.Measurements);
        }

        [TestMethod]
        public void Bmp280_AtSecondaryAddress_IsFoundAndHasNoHumidity()
        {
            SimulatedBme280 chip = SimulatedBme280.DatasheetExample();
            chip.Registers[0xD0] = 0x58;
            chip.Address = 0x77;
            Bme280 sensor = new Bme280(chip);
            Bme280Reading reading = new Bme280Reading();
            Assert.AreEqual((int)SensorStatus.Ok, (int)Measure(sensor, reading, 0));
            Assert.AreEqual(0x77, sensor.Address);
            Assert.AreEqual((int)Bme280Model.Bmp280, (int)sensor.Model);
            Assert.AreEqual("E0=B6 F4=25 ", chip.WriteLog, "no ctrl_hum on a BMP280");
            Assert.AreEqual(2508, reading.TemperatureCentiCelsius);
            Assert.AreEqual(25767233u, reading.PressureQ24_8);
            Assert.IsFalse(reading.HumidityValid);
            Assert.AreEqual(0u, reading.HumidityQ22_10);
        }

        /// <summary>Two chips on one bus, each answering its own address.</summary>
        private sealed class TwoChipBus : II2cBus
        {
            private readonly SimulatedBme280 _a;
            private readonly SimulatedBme280 _b;

            public TwoChipBus(SimulatedBme280 a, SimulatedBme280 b)
            {
                _a = a;
                _b = b;
            }

            public I2cStatus WriteRead(int address, byte[] write, int writeOffset, int writeLength, byte[] read, int readOffset, int readLength)
            {
                return (address == _a.Address ? _a : _b).WriteRead(address, write, writeOffset, writeLength, read, readOffset, readLength);
            }

            public I2cStatus Write(int address, byte[] data, int offset, int length)
            {
                return (address == _a.Address ? _a : _b).Write(address, data, offset, length);
            }
        }

        [TestMethod]
        public void OtherDeviceAtThePrimaryAddress_IsSkipped_ForTheBme280AtTheSecondary()
        {
            SimulatedBme280 other = new SimulatedBme280(0x55);
            SimulatedBme280 chip = SimulatedBme280.DatasheetExample();
            chip.Address = 0x77;
            Bme280 sensor = new Bme280(new TwoChipBus(other, chip));
            Bme280Reading reading = new Bme280Reading();
            Assert.AreEqual((int)SensorStatus.Ok, (int)Measure(sensor, reading, 0));
            Assert.AreEqual(0x77, sensor.Address);
            Assert.AreEqual("", other.WriteLog, "nothing written to the other device");
            Assert.AreEqual(2508, reading.TemperatureCentiCelsius);
        }

        [TestMethod]
        public void ConfiguredAddress_ProbesOnlyThatAddress()
        {
            SimulatedBme280 chip = SimulatedBme280.DatasheetExample();
            Bme280 sensor = new Bme280(chip, Bme280.SecondaryAddress);
            Assert.AreEqual((int)SensorStatus.NotFound, (int)sensor.Start(0));
            Assert.AreEqual(1, chip.Transfers);
        }

        [TestMethod]
        public void NoDevice_IsNotFound_AndNothingIsWritten()
        {
            SimulatedBme280 chip = SimulatedBme280.DatasheetExample();
            chip.Address = 0x50;
            Bme280 sensor = new Bme280(chip);
            Bme280Reading reading = new Bme280Reading();
            Assert.AreEqual((int)SensorStatus.NotFound, (int)sensor.Start(0));
            Assert.AreEqual(2, chip.Transfers, "both addresses probed");
            Assert.AreEqual("", chip.WriteLog);
            Assert.AreEqual((int)SensorStatus.NotFound, (int)sensor.TryComplete(1, reading), "the fault, once");
            Assert.AreEqual((int)SensorStatus.NotFound, (int)reading.Status);
            Assert.AreEqual((int)SensorStatus.Idle, (int)sensor.TryComplete(2, reading));
            Assert.IsFalse(reading.TemperatureValid);
        }

        [DataRow(0x55)]
        [DataRow(0x00)]
        [DataRow(0xFF)]
        public void WrongChipId_IsAFault_AndNoResetIsWritten(int chipId)
        {
            SimulatedBme280 chip = SimulatedBme280.DatasheetExample();
            chip.Registers[0xD0] = (byte)chipId;
            Bme280 sensor = new Bme280(chip);
            Assert.AreEqual((int)SensorStatus.WrongChipId, (int)sensor.Start(0));
            Assert.AreEqual("", chip.WriteLog);
            Assert.AreEqual((int)Bme280Model.None, (int)sensor.Model);
        }

        [DataRow(0)]
        [DataRow(1)]
        [DataRow(2)]
        [DataRow(3)]
        [DataRow(4)]
        [DataRow(5)]
        [DataRow(6)]
        [DataRow(7)]
        [DataRow(8)]
        [DataRow(9)]
        public void BusErrorAtAnyTransfer_IsAFaultValue_NeverAStaleValue(int failingTransfer)
        {
            SimulatedBme280 chip = SimulatedBme280.DatasheetExample();
            Bme280 sensor = new Bme280(chip);
            Bme280Reading reading = new Bme280Reading();
            Assert.AreEqual((int)SensorStatus.Ok, (int)Measure(sensor, reading, 0));
            int transfersPerFirstMeasurement = chip.Transfers;

            // A fresh driver fails at the given transfer of its first measurement.
            chip = SimulatedBme280.DatasheetExample();
            chip.FailFromTransfer = failingTransfer;
            chip.FailureStatus = I2cStatus.PartialTransfer;
            sensor = new Bme280(chip);
            Assert.IsTrue(failingTransfer < transfersPerFirstMeasurement);
            SensorStatus status = Measure(sensor, reading, 0);
            Assert.AreEqual((int)SensorStatus.BusError, (int)status);
            Assert.AreEqual((int)SensorStatus.BusError, (int)reading.Status);
            Assert.IsFalse(reading.TemperatureValid);
            Assert.IsFalse(reading.PressureValid);
            Assert.IsFalse(reading.HumidityValid);
            Assert.AreEqual(0, reading.TemperatureCentiCelsius);
        }

        [TestMethod]
        public void BusErrorAfterAGoodReading_ClearsTheReading_ThenRecoversWithANewReset()
        {
            SimulatedBme280 chip = SimulatedBme280.DatasheetExample();
            Bme280 sensor = new Bme280(chip);
            Bme280Reading reading = new Bme280Reading();
            Assert.AreEqual((int)SensorStatus.Ok, (int)Measure(sensor, reading, 0));
            Assert.IsTrue(reading.TemperatureValid);

            chip.FailFromTransfer = chip.Transfers + 1;
            Assert.AreEqual((int)SensorStatus.BusError, (int)Measure(sensor, reading, 1000));
            Assert.IsFalse(reading.TemperatureValid, "no stale value after a fault");
            Assert.AreEqual((int)Bme280Model.None, (int)sensor.Model);

            chip.FailFromTransfer = int.MaxValue;
            Assert.AreEqual((int)SensorStatus.Ok, (int)Measure(sensor, reading, 2000));
            Assert.AreEqual(2, chip.Resets, "detected and reset again after the fault");
            Assert.AreEqual(2508, reading.TemperatureCentiCelsius);
        }

        [TestMethod]
        public void StuckMeasuring_TimesOutAfterTheBound_NotBefore()
        {
            SimulatedBme280 chip = SimulatedBme280.DatasheetExample();
            chip.ResetBusyPolls = 0;
            chip.StuckMeasuring = true;
            Bme280 sensor = new Bme280(chip);
            Bme280Reading reading = new Bme280Reading();
            Assert.AreEqual((int)SensorStatus.Busy, (int)sensor.Start(0));
            Assert.AreEqual((int)SensorStatus.Busy, (int)sensor.TryComplete(0, reading));
            Assert.AreEqual((int)SensorStatus.Busy, (int)sensor.TryComplete(Bme280.MeasurementTimeoutMs, reading));
            Assert.AreEqual((int)SensorStatus.Timeout, (int)sensor.TryComplete(Bme280.MeasurementTimeoutMs + 1, reading));
            Assert.AreEqual((int)SensorStatus.Timeout, (int)reading.Status);
        }

        [TestMethod]
        public void StuckNvmCopy_TimesOut()
        {
            SimulatedBme280 chip = SimulatedBme280.DatasheetExample();
            chip.ResetBusyPolls = 1000;
            Bme280 sensor = new Bme280(chip);
            Bme280Reading reading = new Bme280Reading();
            Assert.AreEqual((int)SensorStatus.Busy, (int)sensor.Start(0));
            Assert.AreEqual((int)SensorStatus.Busy, (int)sensor.TryComplete(Bme280.ResetTimeoutMs, reading));
            Assert.AreEqual((int)SensorStatus.Timeout, (int)sensor.TryComplete(Bme280.ResetTimeoutMs + 1, reading));
        }

        [TestMethod]
        public void ZeroCalibration_IsInvalidCalibration()
        {
            SimulatedBme280 chip = new SimulatedBme280(0x60);
            chip.SetRaw(519888, 415148, 30000);
            Bme280 sensor = new Bme280(chip);
            Bme280Reading reading = new Bme280Reading();
            Assert.AreEqual((int)SensorStatus.InvalidCalibration, (int)Measure(sensor, reading, 0));
            Assert.AreEqual(0, chip.Measurements, "no measurement triggered with a bad calibration");
        }

        [DataRow(0x80000, 415148, 30000)]
        [DataRow(519888, 0x80000, 30000)]
        [DataRow(519888, 415148, 0x8000)]
        public void SkippedPattern_IsNoData(int rawT, int rawP, int rawH)
        {
            SimulatedBme280 chip = SimulatedBme280.DatasheetExample();
            chip.SetRaw(rawT, rawP, rawH);
            Bme280 sensor = new Bme280(chip);
            Bme280Reading reading = new Bme280Reading();
            Assert.AreEqual((int)SensorStatus.NoData, (int)Measure(sensor, reading, 0));
            Assert.IsFalse(reading.TemperatureValid);
        }

        [TestMethod]
        public void StatusNames_AreStableStrings()
        {
            Assert.AreEqual("notFound", SensorStatusNames.Of(SensorStatus.NotFound));
            Assert.AreEqual("wrongChipId", SensorStatusNames.Of(SensorStatus.WrongChipId));
            Assert.AreEqual("busError", SensorStatusNames.Of(SensorStatus.BusError));
            Assert.AreEqual("timeout", SensorStatusNames.Of(SensorStatus.Timeout));
            Assert.IsTrue(SensorStatusNames.IsFault(SensorStatus.NoData));
            Assert.IsFalse(SensorStatusNames.IsFault(SensorStatus.Busy));
            Assert.IsFalse(SensorStatusNames.IsFault(SensorStatus.Ok));
        }
    }
}
