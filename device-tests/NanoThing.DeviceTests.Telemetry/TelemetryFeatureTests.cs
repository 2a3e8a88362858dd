using NanoThing.Core.Desired;
using NanoThing.Core.Sensors;
using NanoThing.Core.Telemetry;
using NanoThing.DeviceTests.Support;
using nanoFramework.TestFramework;

namespace NanoThing.DeviceTests.Telemetry
{
    /// <summary>Telemetry alone: batching, delivery only after PUBACK, the buffer through an outage, and its steady state.</summary>
    [TestClass]
    public class TelemetryFeatureTests
    {
        /// <summary>A broker that acknowledges every message at once and keeps nothing (allocates nothing).</summary>
        private sealed class AckingDelivery : Core.Seams.IMqttDelivery
        {
            public int Sent;

            public int PublishQos1(string topic, byte[] payload, int offset, int length)
            {
                Sent++;
                return (Sent % 65535) + 1;
            }

            public bool IsAcknowledged(int messageId)
            {
                return true;
            }
        }

        /// <summary>Flash that takes every write and keeps nothing (allocates nothing): what Core allocates is measured alone.</summary>
        private sealed class FlashThatKeepsNothing : Core.Seams.IStorage
        {
            public byte[] Read(string name)
            {
                return null;
            }

            public bool Write(string name, byte[] data, int offset, int length)
            {
                return true;
            }
        }

        private static readonly Bme280Reading Reading = new Bme280Reading();
        private static MemoryStorage _flash;
        private static TestBroker _broker;
        private static ManualClock _clock;
        private static TrafficLog _log;

        private static DeviceSettings _settings;

        /// <summary>A feature sampled once a minute, a record per sample, <paramref name="batchSize"/> records a message, <paramref name="blocks"/> blocks of buffer.</summary>
        private static TelemetryFeature NewFeature(int batchSize, int blocks)
        {
            _flash = new MemoryStorage();
            _broker = new TestBroker();
            _clock = new ManualClock();
            _log = new TrafficLog();
            _settings = Settings(60, 60, batchSize);
            TelemetryOptions options = new TelemetryOptions("kitchen");
            options.BufferBlocks = blocks;
            TelemetryFeature feature = new TelemetryFeature("kitchen", options, _settings, _flash, _broker, _clock, _log);
            feature.Restore();
            return feature;
        }

        /// <summary>Settings sampling every <paramref name="sampleSeconds"/> with a record every <paramref name="intervalSeconds"/>, <paramref name="batchSize"/> a message.</summary>
        internal static DeviceSettings Settings(int sampleSeconds, int intervalSeconds, int batchSize)
        {
            DeviceSettings settings = new DeviceSettings();
            Assert.IsTrue(settings.TrySet(DeviceSettings.SampleIntervalSeconds, sampleSeconds));
            Assert.IsTrue(settings.TrySet(DeviceSettings.TelemetryIntervalSeconds, intervalSeconds));
            Assert.IsTrue(settings.TrySet(DeviceSettings.TelemetryBatchSize, batchSize));
            return settings;
        }

        /// <summary>A minute: one sample, then a pass of the agent.</summary>
        private static void Minute(TelemetryFeature feature, int centiCelsius, bool mayPublish)
        {
            _clock.Advance(60000);
            _clock.Utc = _clock.Utc.AddMinutes(1);
            Reading.SetValues(centiCelsius, 101325u * 256, true, 46080);
            feature.Sample(Reading, _clock.NowMs);
            feature.Step(_clock.NowMs, _broker.Connected, mayPublish);
        }

        [TestMethod]
        public void ConnectedBatch_IsOneMessage_OnFlashUntilItsPuback()
        {
            TelemetryFeature feature = NewFeature(2, 8);
            int writesAtBoot = _flash.Writes;
            _broker.HoldAcks = true;
            Minute(feature, 2143, true);
            Minute(feature, 2150, true);
            int blocksAwaitingPuback = feature.Store.UsedSlots;
            int blockLength = _flash.LengthOf(feature.Store.NameOf(0));
            _broker.HoldAcks = false;
            _broker.AckAll();
            feature.Step(_clock.NowMs, true, true);

            Assert.AreEqual(1, _broker.Received);
            Assert.AreEqual("dt/nanothing/kitchen/telemetry", _broker.LastTopic);
            Assert.AreEqual(
                "{\"thing\":\"kitchen\",\"records\":["
                + "{\"seq\":1,\"ts\":1767225660000,\"temperature\":21.43,\"humidity\":45,\"pressure\":1013.25},"
                + "{\"seq\":2,\"ts\":1767225720000,\"temperature\":21.5,\"humidity\":45,\"pressure\":1013.25}]}",
                _broker.LastPayload);
            Assert.AreEqual(2L, feature.RecordsAcknowledged);
            Assert.IsFalse(feature.InFlight);
            Assert.AreEqual(0, writesAtBoot, "the seq lease is written by the first record, not at boot");
            Assert.AreEqual(1, blocksAwaitingPuback, "the batch is on flash while its message waits for its PUBACK");
            Assert.AreEqual(TelemetryBlock.LengthOf(2), blockLength);
            Assert.AreEqual(0, feature.Store.UsedSlots);
            Assert.AreEqual(0, _flash.LengthOf(feature.Store.NameOf(0)), "emptied after the PUBACK");
            Assert.AreEqual(3, _flash.Writes, "the seq lease, the block, the emptied slot");
        }

        [TestMethod]
        public void PartialBatch_IsSentWhenTheBatchIntervalPasses()
        {
            TelemetryFeature feature = NewFeature(10, 8);
            for (int m = 0; m < 9; m++)
            {
                Minute(feature, 2000, true);
            }

            int before = _broker.Received;
            Minute(feature, 2000, true);
            _clock.Advance(9 * 60000);
            feature.Step(_clock.NowMs, true, true);

            Assert.AreEqual(0, before);
            Assert.AreEqual(1, _broker.Received, "10 records: a full batch");
            Minute(feature, 2000, true);
            _clock.Advance(10 * 60000);
            feature.Step(_clock.NowMs, true, true);
            Assert.AreEqual(2, _broker.Received, "one record, sent after the batch interval");
        }

        [TestMethod]
        public void ClockBeforeSntp_GivesUptimeAndTheFlag()
        {
            TelemetryFeature feature = NewFeature(1, 8);
            _clock.Utc = new System.DateTime(1970, 1, 1, 0, 0, 5);
            Minute(feature, 2000, true);

            Assert.AreEqual("{\"thing\":\"kitchen\",\"records\":[{\"seq\":1,\"ts\":60000,\"clockValid\":false,\"temperature\":20,\"humidity\":45,\"pressure\":1013.25}]}", _broker.LastPayload);
        }

        [TestMethod]
        public void Outage_BuffersOnFlash_ThenSendsOldestFirst_OnlyWhenAllowed_OneAtATime()
        {
            TelemetryFeature feature = NewFeature(2, 8);
            _broker.Drop();
            for (int m = 0; m < 6; m++)
            {
                Minute(feature, 2000 + m, false);
            }

            int blocks = feature.Store.UsedSlots;
            _broker.Connected = true;
            feature.Step(_clock.NowMs, true, false);
            int sentBeforeLeave = _broker.Received;
            feature.Step(_clock.NowMs, true, true);
            feature.Step(_clock.NowMs, true, true);
            int sentInOneGap = _broker.Received;
            _clock.Advance(2000);
            feature.Step(_clock.NowMs, true, true);
            _clock.Advance(2000);
            feature.Step(_clock.NowMs, true, true);
            _clock.Advance(2000);
            feature.Step(_clock.NowMs, true, true);

            Assert.AreEqual(3, blocks, "6 records in blocks of 2");
            Assert.AreEqual(0, sentBeforeLeave, "the shadow goes first");
            Assert.AreEqual(1, sentInOneGap, "the backlog at a bounded rate");
            Assert.AreEqual(3, _broker.Received);
            Assert.AreEqual(0, feature.Store.UsedSlots, "every block released after its PUBACK");
            Assert.AreEqual("1 2 3 4 5 6", SeqList(_broker));
        }

        [TestMethod]
        public void PowerCut_LosesAtMostTheBatchBeingFilled()
        {
            TelemetryFeature feature = NewFeature(2, 8);
            _broker.HoldAcks = true;
            Minute(feature, 2000, true);
            Minute(feature, 2001, true);
            Minute(feature, 2002, true);
            Assert.IsTrue(feature.InFlight);
            Assert.AreEqual(1, feature.Filling);

            // the power fails: no Flush; the same flash boots again and the broker acknowledges again
            _broker.HoldAcks = false;
            feature = Reboot();
            feature.Step(_clock.NowMs, true, true);
            Minute(feature, 2003, true);
            Minute(feature, 2004, true);
            feature.Step(_clock.NowMs, true, true);

            Assert.AreEqual("1 2 1 2 1 2 1001 1002", SeqList(_broker), "seqs 1 and 2: sent, sent again after the PUBACK time-out, and again from flash after the reboot; seq 3 (filling) is the only loss; numbering goes on after the lease");
            Assert.AreEqual(0, feature.Store.UsedSlots);
        }

        [TestMethod]
        public void LinkLostBeforePuback_SendsTheSameSeqsAgain()
        {
            TelemetryFeature feature = NewFeature(2, 8);
            _broker.HoldAcks = true;
            Minute(feature, 2000, true);
            Minute(feature, 2001, true);
            _broker.Drop();
            feature.Step(_clock.NowMs, false, false);
            _broker.HoldAcks = false;
            _broker.Connected = true;
            feature.Step(_clock.NowMs, true, true);
            feature.Step(_clock.NowMs, true, true);

            Assert.AreEqual("1 2 1 2", SeqList(_broker), "QoS 1 redelivery: the same seqs");
            Assert.AreEqual(0, feature.Store.UsedSlots);
            Assert.AreEqual(2L, feature.RecordsAcknowledged);
        }

        /// <summary>Ten records offline in blocks of 2 into a ring of 3 blocks: the 2 oldest blocks (seqs 1-4) dropped.</summary>
        private static TelemetryFeature OverflowedRing()
        {
            TelemetryFeature feature = NewFeature(2, 3);
            _broker.Drop();
            for (int m = 0; m < 10; m++)
            {
                Minute(feature, 2000, false);
            }

            return feature;
        }

        [TestMethod]
        public void FullBuffer_DropsTheOldest_AndCountsThem()
        {
            TelemetryFeature feature = OverflowedRing();

            _broker.Connected = true;
            for (int i = 0; i < 5; i++)
            {
                _clock.Advance(2000);
                feature.Step(_clock.NowMs, true, true);
            }

            Assert.AreEqual(4L, feature.Dropped);
            Assert.AreEqual("5 6 7 8 9 10", SeqList(_broker), "the newest records kept");
            Assert.IsTrue(_log.TakeLog().IndexOf("the oldest records were dropped, 4 in all (telemetryDropped)") >= 0);
        }

        /// <summary>What <paramref name="section"/> writes into a report (full or not), as JSON text.</summary>
        private static string Written(Core.Agent.TelemetryReportSection section, bool full)
        {
            Core.Json.JsonWriter writer = new Core.Json.JsonWriter(new byte[128]);
            writer.BeginObject();
            section.WriteReported(writer, full);
            writer.EndObject();
            return System.Text.Encoding.UTF8.GetString(writer.Buffer, 0, writer.Length);
        }

        [TestMethod]
        public void ReportSection_SendsTheDroppedCount_InFullReports_AndAgainOnlyUntilTheShadowHoldsIt()
        {
            TelemetryFeature feature = NewFeature(2, 3);
            Core.Agent.TelemetryReportSection section = new Core.Agent.TelemetryReportSection(feature);

            Assert.AreEqual("{\"telemetryDropped\":0}", Written(section, true), "a full report carries the count");
            Assert.AreEqual("{\"telemetryDropped\":0}", Written(section, false), "not yet accepted: sent again");
            section.OnReportAccepted();
            Assert.AreEqual("{}", Written(section, false), "the shadow holds 0: an ordinary report leaves it out");
            section.OnReportAccepted();
            Assert.AreEqual("{\"telemetryDropped\":0}", Written(section, true), "every full report carries it");
            section.OnReportAccepted();

            _broker.Drop();
            for (int m = 0; m < 10; m++)
            {
                Minute(feature, 2000, false);
            }

            Assert.IsTrue(feature.Dropped > 0);
            string grown = "{\"telemetryDropped\":" + feature.Dropped.ToString() + "}";
            Assert.AreEqual(grown, Written(section, false), "a grown count rides on the next report");
            section.OnReportRefused();
            Assert.AreEqual(grown, Written(section, false), "refused: written again");
            section.OnReportAccepted();
            Assert.AreEqual("{}", Written(section, false));
            Assert.IsFalse(section.HasPendingReport, "it never asks for a report by itself");
        }

        [TestMethod]
        public void DroppedCount_SurvivesReboots_WithOneSmallWritePerDroppedBlock()
        {
            TelemetryFeature feature = OverflowedRing();

            int writes = _flash.Writes;
            feature = Reboot();
            long afterFirstReboot = feature.Dropped;
            for (int m = 0; m < 4; m++)
            {
                Minute(feature, 2000, false);
            }

            feature = Reboot();

            Assert.AreEqual(1 + 5 + 2, writes, "the seq lease, 5 blocks, and the count once for each of the 2 blocks dropped");
            Assert.AreEqual(4L, afterFirstReboot, "kept across the reboot");
            Assert.AreEqual(8L, feature.Dropped, "monotonic: 4 before, 4 more after the first reboot");
        }

        /// <summary>A reboot without an orderly Flush (a power cut): the same flash and broker, a new feature.</summary>
        private static TelemetryFeature Reboot()
        {
            TelemetryOptions options = new TelemetryOptions("kitchen");
            options.BufferBlocks = 3;
            TelemetryFeature feature = new TelemetryFeature("kitchen", options, _settings, _flash, _broker, _clock, _log);
            feature.Restore();
            return feature;
        }

        [TestMethod]
        public void WithoutALog_AFullBufferAndABacklogAtBoot_AreHandledQuietly()
        {
            TelemetryFeature feature = OverflowedRing();
            TelemetryOptions options = new TelemetryOptions("kitchen");
            options.BufferBlocks = 3;
            TelemetryFeature quiet = new TelemetryFeature("kitchen", options, _settings, _flash, _broker, _clock, null);
            quiet.Restore();
            Minute(quiet, 2000, false);
            Minute(quiet, 2000, false);

            Assert.IsTrue(quiet.Store.UsedSlots > 0, "a backlog at boot (logged at Info when there is a log)");
            Assert.IsTrue(quiet.Dropped > feature.Dropped, "the buffer overflowed again (logged as a Warning when there is a log)");
        }

        /// <summary>"1 2 ... n".</summary>
        private static string Ascending(int n)
        {
            string list = string.Empty;
            for (int i = 1; i <= n; i++)
            {
                list = list + (i == 1 ? string.Empty : " ") + i.ToString();
            }

            return list;
        }

        [TestMethod]
        public void APublishThatCostsTheLinkTwice_PausesPublishingForAnHour_AndTheRecordsWaitInTheBuffer()
        {
            TelemetryFeature feature = NewFeature(2, 40);
            _broker.ClosesOnPublish = true; // a topic outside the thing's policy: AWS closes the connection
            Minute(feature, 2000, true);
            Minute(feature, 2000, true);
            Assert.IsFalse(_broker.Connected, "the first batch cost the link");
            _clock.Advance(1000);
            feature.Step(_clock.NowMs, false, false);
            _broker.Connected = true;
            _clock.Advance(2000);
            feature.Step(_clock.NowMs, true, true);
            Assert.IsFalse(_broker.Connected, "sent again after the reconnect: the link lost again");
            Assert.IsFalse(feature.IsPaused, "one lost link is not yet a pattern");
            _clock.Advance(1000);
            feature.Step(_clock.NowMs, false, false);
            Assert.IsTrue(feature.IsPaused);
            Assert.IsTrue(_log.TakeLog().IndexOf("publishing paused for 60 min, records kept in the buffer; allow iot:Publish on that topic") >= 0);

            int sent = feature.MessagesSent;
            _broker.Connected = true;
            for (int m = 0; m < 58; m++)
            {
                Minute(feature, 2000, true);
            }

            Assert.AreEqual(sent, feature.MessagesSent, "nothing published during the pause");
            Assert.IsTrue(_broker.Connected, "so the link (and the shadow on it) stays up");

            _broker.ClosesOnPublish = false; // the policy now allows the topic
            for (int m = 0; m < 120; m++)
            {
                Minute(feature, 2000, true);
            }

            _clock.Advance(2000);
            feature.Step(_clock.NowMs, true, true); // the last message's PUBACK
            Assert.IsFalse(feature.IsPaused);
            Assert.AreEqual(0, feature.Store.UsedSlots, "the backlog was sent once the pause was over");
            Assert.AreEqual(0L, feature.Dropped);
            Assert.AreEqual(Ascending(180 - feature.Filling), SeqList(_broker), "every record arrives, in order");
        }

        [TestMethod]
        public void ALinkLostLongAfterASend_OrAfterItsPuback_DoesNotPauseTelemetry()
        {
            TelemetryFeature feature = NewFeature(2, 40);
            for (int outage = 0; outage < 3; outage++)
            {
                _broker.HoldAcks = true;
                Minute(feature, 2000, true);
                Minute(feature, 2000, true);
                _clock.Advance(20000); // past the 10 s window: an ordinary outage, not a refusal
                _broker.Drop();
                feature.Step(_clock.NowMs, false, false);
                _broker.Connected = true;
                _broker.HoldAcks = false;
                _clock.Advance(2000);
                feature.Step(_clock.NowMs, true, true);
            }

            Assert.IsFalse(feature.IsPaused);
            _broker.ClosesOnPublish = true;
            Minute(feature, 2000, true);
            Minute(feature, 2000, true);
            _clock.Advance(1000);
            feature.Step(_clock.NowMs, false, false);
            Assert.IsFalse(feature.IsPaused, "one lost link right after a send, the earlier ones not: no pause");
        }

        [TestMethod]
        public void EveryNthSample_BecomesARecord()
        {
            TelemetryFeature feature = NewFeature(2, 8);
            Assert.IsTrue(_settings.TrySet(DeviceSettings.TelemetryIntervalSeconds, 150));
            for (int m = 0; m < 6; m++)
            {
                Minute(feature, 2000 + m, true);
            }

            Assert.AreEqual(1, _broker.Received);
            Assert.IsTrue(_broker.LastPayload.IndexOf("\"temperature\":20.02") > 0, _broker.LastPayload);
            Assert.IsTrue(_broker.LastPayload.IndexOf("\"temperature\":20.05") > 0, _broker.LastPayload);
        }

        [TestMethod]
        public void IntervalChange_ReschedulesFromTheLastRecord()
        {
            TelemetryFeature feature = NewFeature(1, 8);
            Minute(feature, 2000, true);
            Minute(feature, 2001, true);
            int everySample = _broker.Received;
            Assert.IsTrue(_settings.TrySet(DeviceSettings.TelemetryIntervalSeconds, 180));
            Minute(feature, 2002, true);
            Minute(feature, 2003, true);
            int beforeThird = _broker.Received;
            Minute(feature, 2004, true);
            int atThird = _broker.Received;
            Minute(feature, 2005, true);
            Assert.IsTrue(_settings.TrySet(DeviceSettings.TelemetryIntervalSeconds, 60));
            Minute(feature, 2006, true);

            Assert.AreEqual(2, everySample);
            Assert.AreEqual(2, beforeThird, "180 s over 60 s samples: every 3rd sample");
            Assert.AreEqual(3, atThird);
            Assert.AreEqual("1 2 3 4", SeqList(_broker), "back to every sample: the next sample is a record");
            Assert.IsTrue(_broker.LastPayload.IndexOf("\"temperature\":20.06") > 0, _broker.LastPayload);
        }

        [TestMethod]
        public void IntervalZero_StopsRecords_AndSendsTheOpenBatchAtOnce()
        {
            TelemetryFeature feature = NewFeature(10, 8);
            Minute(feature, 2000, true);
            Minute(feature, 2001, true);
            Minute(feature, 2002, true);
            int whileFilling = _broker.Received;
            Assert.IsTrue(_settings.TrySet(DeviceSettings.TelemetryIntervalSeconds, 0));
            feature.Step(_clock.NowMs, true, true);
            int afterOff = _broker.Received;
            for (int m = 0; m < 5; m++)
            {
                Minute(feature, 2100, true);
            }

            Assert.AreEqual(0, whileFilling);
            Assert.AreEqual(1, afterOff, "the open batch is sent when telemetry is turned off");
            Assert.AreEqual("1 2 3", SeqList(_broker));
            Assert.IsFalse(feature.IsOn);
            Assert.AreEqual(0, feature.Filling, "no records while off");
            Assert.AreEqual(4L, feature.NextSeq);

            Assert.IsTrue(_settings.TrySet(DeviceSettings.TelemetryIntervalSeconds, 60));
            Minute(feature, 2200, true);
            Assert.AreEqual(1, feature.Filling, "records again once it is on");
        }

        [TestMethod]
        public void SmallerBatchSize_SealsTheOpenBatchWhenItIsNowFull()
        {
            TelemetryFeature feature = NewFeature(10, 8);
            for (int m = 0; m < 4; m++)
            {
                Minute(feature, 2000 + m, true);
            }

            int before = _broker.Received;
            Assert.IsTrue(_settings.TrySet(DeviceSettings.TelemetryBatchSize, 5));
            feature.Step(_clock.NowMs, true, true);
            int atFive = _broker.Received;
            Assert.IsTrue(_settings.TrySet(DeviceSettings.TelemetryBatchSize, 3));
            feature.Step(_clock.NowMs, true, true);
            int atThree = _broker.Received;
            for (int m = 0; m < 3; m++)
            {
                Minute(feature, 2010 + m, true);
            }

            Assert.AreEqual(0, before);
            Assert.AreEqual(0, atFive, "4 records: not full at 5");
            Assert.AreEqual(1, atThree, "4 records: full at 3, sealed at once");
            Assert.AreEqual(2, _broker.Received);
            Assert.AreEqual("1 2 3 4 5 6 7", SeqList(_broker), "then 3 records a message");
        }

        [TestMethod]
        public void LargestBatchSize_FitsTheBuffers()
        {
            TelemetryFeature feature = NewFeature(TelemetryOptions.MaxBatchSize, 8);
            for (int m = 0; m < TelemetryOptions.MaxBatchSize; m++)
            {
                // a sample every 30 s: the batch fills before the batch interval (10 minutes) seals it
                _clock.Advance(30000);
                Reading.SetValues(2000 + m, 101325u * 256, true, 46080);
                feature.Sample(Reading, _clock.NowMs);
                feature.Step(_clock.NowMs, true, true);
            }

            Assert.AreEqual(1, _broker.Received);
            Assert.AreEqual(TelemetryOptions.MaxBatchSize, _broker.Seqs.Count, _broker.LastPayload);
            Assert.IsFalse(_settings.TrySet(DeviceSettings.TelemetryBatchSize, TelemetryOptions.MaxBatchSize + 1), "the memory budget is the setting's bound");
        }

        [TestMethod]
        public void SteadyState_AllocatesNothingPerRecord()
        {
#if NANOFRAMEWORK_1_0
            Assert.SkipTest("allocation is measured on the host run; nanoFramework has no per-thread allocation counter");
#else
            NewFeature(10, 8);
            AckingDelivery delivery = new AckingDelivery();
            TelemetryOptions options = new TelemetryOptions("kitchen");
            TelemetryFeature feature = new TelemetryFeature("kitchen", options, Settings(60, 60, 10), new FlashThatKeepsNothing(), delivery, _clock, _log);
            feature.Restore();
            for (int m = 0; m < 30; m++)
            {
                Minute(feature, 2000 + m, true);
            }

            long before = System.GC.GetAllocatedBytesForCurrentThread();
            for (int m = 0; m < 900; m++)
            {
                _clock.Advance(60000);
                Reading.SetValues(2000 + m, 101325u * 256, true, 46080);
                feature.Sample(Reading, _clock.NowMs);
                feature.Step(_clock.NowMs, true, true);
            }

            long allocated = System.GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.IsTrue(feature.RecordsAcknowledged >= 900);
            Assert.AreEqual(0L, allocated, "bytes allocated by 900 records in 90 messages, each written as a block and emptied after its PUBACK");
#endif
        }

        /// <summary>The seqs the broker received, in order, separated by spaces.</summary>
        internal static string SeqList(TestBroker broker)
        {
            string list = string.Empty;
            for (int i = 0; i < broker.Seqs.Count; i++)
            {
                list = list + (i == 0 ? string.Empty : " ") + ((long)broker.Seqs[i]).ToString();
            }

            return list;
        }
    }
}
