using NanoThing.Core.Agent;
using NanoThing.Core.Desired;
using NanoThing.Core.Reporting;
using NanoThing.Core.Sensors;
using NanoThing.DeviceTests.Support;
using nanoFramework.TestFramework;

namespace NanoThing.DeviceTests.Agent
{
    /// <summary>
    /// <see cref="SensorSampler"/> alone, over the datasheet-example BME280 simulation: a measurement on the policy's
    /// schedule, polled until it completes, its value in <see cref="SensorSampler.Reading"/>; a fault completes it too
    /// and is logged; <see cref="SensorSampler.NextPollMs"/> says when to come back.
    /// </summary>
    [TestClass]
    public class SensorSamplerTests
    {
        private static DeviceSettings _settings;
        private static ReportingPolicy _policy;
        private static TrafficLog _log;

        private static SensorSampler Start(SimulatedBme280 chip)
        {
            _settings = new DeviceSettings();
            _policy = new ReportingPolicy(_settings, "1.0.0", 0);
            _log = new TrafficLog();
            return new SensorSampler(new Bme280(chip), _policy, _log);
        }

        // Polls every 5 ms from start (inclusive) until a measurement completes; returns when, or -1 by end.
        private static long RunUntilComplete(SensorSampler sampler, long start, long end)
        {
            for (long now = start; now <= end; now += SensorSampler.MeasurementPollMs)
            {
                if (sampler.Poll(now))
                {
                    return now;
                }
            }

            return -1;
        }

        [TestMethod]
        public void AMeasurementStartsAtOnce_CompletesWithTheDatasheetValues_AndTheNextIsDueASampleIntervalLater()
        {
            SensorSampler sampler = Start(SimulatedBme280.DatasheetExample());
            Assert.IsFalse(sampler.Poll(0));
            Assert.IsTrue(sampler.IsMeasuring);
            Assert.AreEqual(0L + SensorSampler.MeasurementPollMs, sampler.NextPollMs(0), "polled closely while measuring");

            long done = RunUntilComplete(sampler, 5, 200);
            Assert.IsTrue(done > 0, "completed within the sensor's time-out");
            Assert.IsFalse(sampler.IsMeasuring);
            Assert.AreEqual((int)SensorStatus.Ok, (int)sampler.Reading.Status);
            Assert.AreEqual(2508, sampler.Reading.TemperatureCentiCelsius);
            Assert.AreEqual(_settings.SampleIntervalMs, sampler.NextPollMs(done), "from the start of the last measurement");
            Assert.IsFalse(sampler.Poll(_settings.SampleIntervalMs - 1));
            Assert.IsFalse(sampler.IsMeasuring);
            sampler.Poll(_settings.SampleIntervalMs);
            Assert.IsTrue(sampler.IsMeasuring);
            Assert.AreEqual("", _log.TakeLog());
        }

        [TestMethod]
        public void AFaultCompletesTheMeasurementAndIsLogged()
        {
            SimulatedBme280 chip = SimulatedBme280.DatasheetExample();
            chip.FailFromTransfer = 0;
            SensorSampler sampler = Start(chip);
            long done = RunUntilComplete(sampler, 0, 200);
            Assert.IsTrue(done >= 0);
            Assert.IsTrue(SensorStatusNames.IsFault(sampler.Reading.Status));
            Assert.IsTrue(_log.TakeLog().StartsWith("W: sensor bme280 (I2C address auto): "));
        }
    }
}
