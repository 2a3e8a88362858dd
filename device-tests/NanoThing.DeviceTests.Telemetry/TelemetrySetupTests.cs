using System.Collections;
using NanoThing.Core.Agent;
using NanoThing.Core.Config;
using NanoThing.Core.Sensors;
using NanoThing.Core.Telemetry;
using NanoThing.DeviceTests.Support;
using nanoFramework.TestFramework;

namespace NanoThing.DeviceTests.Telemetry
{
    /// <summary>Telemetry as the device config asks for it (TelemetrySetup): off by default, the interval as every Nth sample, the topic; the config's interval and batch size are live settings.</summary>
    [TestClass]
    public class TelemetrySetupTests
    {
        private static DeviceConfig Config(string extra)
        {
            byte[] json = Text.Bytes("{\"thingName\":\"kitchen\",\"endpoint\":\"localhost\"" + extra + "}");
            ArrayList errors = new ArrayList();
            DeviceConfig config = DeviceConfig.Parse(json, 0, json.Length, errors);
            Assert.AreEqual(0, errors.Count, errors.Count == 0 ? string.Empty : (string)errors[0]);
            return config;
        }

        /// <summary>Twelve samples 10 s apart (temperatures 20.00, 20.01, ...), each followed by a connected step.</summary>
        private static void TwelveSamples(TelemetryFeature feature, ManualClock clock)
        {
            Bme280Reading reading = new Bme280Reading();
            for (int s = 0; s < 12; s++)
            {
                clock.Advance(10000);
                reading.SetValues(2000 + s, 101325u * 256, false, 0);
                feature.Sample(reading, clock.NowMs);
                feature.Step(clock.NowMs, true, true);
            }
        }

        [TestMethod]
        public void WithoutAnInterval_TelemetryIsOff_TakesNoRecord_AndWritesNothing()
        {
            MemoryStorage flash = new MemoryStorage();
            TestBroker broker = new TestBroker();
            ManualClock clock = new ManualClock();
            TelemetryFeature feature = TelemetrySetup.Create(Config(string.Empty), flash, broker, clock, new TrafficLog());
            feature.Restore();
            TwelveSamples(feature, clock);

            Assert.IsFalse(feature.IsOn, "off by default: the desired state may turn it on");
            Assert.AreEqual(0, broker.Received);
            Assert.AreEqual(1L, feature.NextSeq);
            Assert.AreEqual(0, flash.Writes, "telemetry that is off writes no flash (not even the seq lease)");
        }

        [TestMethod]
        public void Interval_BatchAndBasicIngestTopic_ComeFromTheConfig()
        {
            DeviceConfig config = Config(",\"telemetryIntervalSeconds\":60,\"telemetryBatchSize\":2,\"telemetryTopic\":\"$aws/rules/store/kitchen\",\"telemetryBufferBlocks\":5");
            TestBroker broker = new TestBroker();
            ManualClock clock = new ManualClock();
            TelemetryFeature feature = TelemetrySetup.Create(config, new MemoryStorage(), broker, clock, new TrafficLog());
            feature.Restore();
            TwelveSamples(feature, clock);

            Assert.AreEqual(1, broker.Received, "a record every 6th sample (60 s over 10 s), 2 a message");
            Assert.AreEqual("$aws/rules/store/kitchen", broker.LastTopic);
            Assert.AreEqual(5, feature.Store.Slots);
            Assert.IsTrue(broker.LastPayload.IndexOf("\"temperature\":20.05") > 0, broker.LastPayload);
            Assert.IsTrue(broker.LastPayload.IndexOf("\"temperature\":20.11") > 0, broker.LastPayload);
        }
    }
}
