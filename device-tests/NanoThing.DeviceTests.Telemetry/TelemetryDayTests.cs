using System.Collections;
using NanoThing.Core.Sensors;
using NanoThing.Core.Telemetry;
using NanoThing.DeviceTests.Support;
using nanoFramework.TestFramework;

namespace NanoThing.DeviceTests.Telemetry
{
    /// <summary>
    /// A day of telemetry at the default settings (a sample a minute, 10 records a message) with a one-hour broker
    /// outage whose last ten minutes before it lose their PUBACKs, and an orderly reboot in the afternoon (while a batch is half full): every record taken arrives, first
    /// arrivals in seq order within each boot, and a seq that arrives twice is a QoS 1 redelivery of the same record.
    /// </summary>
    [TestClass]
    public class TelemetryDayTests
    {
        private const long Minute = 60000;

        [TestMethod]
        public void Day_WithAnOutageAndAReboot_DeliversEveryRecord()
        {
            MemoryStorage flash = new MemoryStorage();
            TestBroker broker = new TestBroker();
            ManualClock clock = new ManualClock();
            TrafficLog log = new TrafficLog();
            Bme280Reading reading = new Bme280Reading();
            ArrayList taken = new ArrayList();
            long rebootSeq = 0;
            TelemetryFeature feature = Boot(flash, broker, clock, log);
            for (long ms = 5000; ms <= 24 * 60 * Minute; ms += 5000)
            {
                clock.NowMs = ms;
                clock.Utc = new System.DateTime(2026, 1, 1, 0, 0, 0).AddMilliseconds(ms);
                if (ms == (9 * 60 * Minute) + (49 * Minute))
                {
                    broker.HoldAcks = true;
                }

                if (ms == 10 * 60 * Minute)
                {
                    broker.Drop();
                    broker.HoldAcks = false;
                }

                if (ms == 11 * 60 * Minute)
                {
                    broker.Connected = true;
                }

                if (ms == (14 * 60 * Minute) + (5 * Minute) + 30000)
                {
                    feature.Flush();
                    rebootSeq = feature.NextSeq;
                    feature = Boot(flash, broker, clock, log);
                }

                if (ms % Minute == 0)
                {
                    reading.SetValues(2000 + (int)(ms / Minute % 300), 101325u * 256, true, 46080);
                    taken.Add(feature.NextSeq);
                    feature.Sample(reading, ms);
                }

                feature.Step(ms, broker.Connected, true);
            }

            clock.NowMs += 11 * Minute;
            feature.Step(clock.NowMs, true, true);
            feature.Step(clock.NowMs + 2000, true, true);

            Assert.AreEqual(1440, taken.Count);
            Assert.AreEqual(0L, feature.Dropped);
            Assert.AreEqual(0, feature.Store.UsedSlots, "the buffer is empty at the end of the day");
            long lastFirstArrival = 0;
            int duplicates = 0;
            Hashtable seen = new Hashtable();
            for (int i = 0; i < broker.Seqs.Count; i++)
            {
                long seq = (long)broker.Seqs[i];
                if (seen.Contains(seq))
                {
                    duplicates++;
                    continue;
                }

                seen.Add(seq, seq);
                if (seq >= rebootSeq && lastFirstArrival < rebootSeq)
                {
                    lastFirstArrival = 0;
                }

                Assert.IsTrue(seq > lastFirstArrival, "seq " + seq.ToString() + " first arrived after " + lastFirstArrival.ToString());
                lastFirstArrival = seq;
            }

            for (int i = 0; i < taken.Count; i++)
            {
                Assert.IsTrue(seen.Contains(taken[i]), "record seq " + ((long)taken[i]).ToString() + " never arrived");
            }

            Assert.AreEqual(taken.Count, seen.Count, "nothing arrived that was not taken");
            Assert.IsTrue(duplicates > 0, "the PUBACK lost at the outage's start caused a redelivery");
            Assert.IsTrue(rebootSeq > 0);
        }

        private static TelemetryFeature Boot(MemoryStorage flash, TestBroker broker, ManualClock clock, TrafficLog log)
        {
            TelemetryFeature feature = new TelemetryFeature("kitchen", new TelemetryOptions("kitchen"), TelemetryFeatureTests.Settings(60, 60, 10), flash, broker, clock, log);
            feature.Restore();
            return feature;
        }
    }
}
