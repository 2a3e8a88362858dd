using System.Collections;
using NanoThing.Core.Agent;
using NanoThing.Core.Config;
using NanoThing.Core.Seams;
using NanoThing.DeviceTests.Support;
using nanoFramework.TestFramework;

namespace NanoThing.DeviceTests.Agent
{
    /// <summary>
    /// A day of the agent with telemetry on (a record a minute: every 6th sample at the default 10 s), a one-hour
    /// broker outage whose last minutes before it lose their PUBACKs, and one orderly reboot in the afternoon, against
    /// the shadow service stand-in: every record taken arrives, each seq first arrives in order within its boot, and
    /// a seq that arrives again is a QoS 1 redelivery of the same record. The shadow keeps working meanwhile.
    /// </summary>
    [TestClass]
    public class ThingAgentTelemetryDayTests
    {
        private const long Minute = 60000;

        /// <summary>The default config with a telemetry record a minute (every 6th sample at the default 10 s).</summary>
        private const string TelemetryConfig = "{\"thingName\":\"kitchen\",\"endpoint\":\"localhost\",\"telemetryIntervalSeconds\":60}";

        private static AgentRig Boot(MemoryStorage flash)
        {
            return Boot(flash, new SeededRandom(2026));
        }

        private static AgentRig Boot(MemoryStorage flash, IRandom random)
        {
            TrafficLog traffic = new TrafficLog();
            RecordingMqttSession session = new RecordingMqttSession(traffic);
            ThingAgentOptions options = new ThingAgentOptions();
            options.FirmwareVersion = "1.0.0";
            options.ResetReason = "powerOn";
            DeviceConfig config = AgentRig.Parse(TelemetryConfig);
            options.Telemetry = TelemetrySetup.Create(config, flash, session, new ManualClock(), traffic);
            return new AgentRig(random, config, options, traffic, session);
        }

        [TestMethod]
        public void ADesiredIntervalTurnsTelemetryOnAtOnceAndIsReportedBack()
        {
            TrafficLog traffic = new TrafficLog();
            RecordingMqttSession session = new RecordingMqttSession(traffic);
            ThingAgentOptions options = new ThingAgentOptions();
            options.FirmwareVersion = "1.0.0";
            DeviceConfig config = AgentRig.Parse(AgentRig.DefaultConfig);
            MemoryStorage flash = new MemoryStorage();
            options.Telemetry = TelemetrySetup.Create(config, flash, session, new ManualClock(), traffic);
            AgentRig rig = new AgentRig(new FixedRandom(0), config, options, traffic, session);
            rig.RunUntil(100);
            rig.Reply("/get/accepted", "{\"state\":{},\"version\":3,\"clientToken\":\"nt-00000000-1\"}");
            string fullReport = rig.Traffic.Take();
            rig.Reply("/update/accepted", "{\"state\":{},\"version\":4,\"clientToken\":\"nt-00000000-2\"}");
            rig.RunFor(60000);
            string whileOff = rig.Traffic.Take();
            int flashWritesWhileOff = flash.Writes;
            rig.Session.Deliver(AgentRig.Root + "/update/delta", "{\"state\":{\"telemetryIntervalSeconds\":10,\"telemetryBatchSize\":2},\"version\":5}");
            rig.RunFor(100);
            string reportedBack = rig.Traffic.Take();
            rig.Reply("/update/accepted", "{\"state\":{},\"version\":6,\"clientToken\":\"nt-00000000-3\"}");
            rig.RunFor(20000);
            string whileOn = rig.Traffic.Take();

            Assert.IsTrue(fullReport.IndexOf("\"telemetryDropped\":0,\"led\":false,\"reportIntervalSeconds\":300,\"temperatureThreshold\":0.5,\"humidityThreshold\":2,\"pressureThreshold\":1,\"telemetryIntervalSeconds\":0,\"telemetryBatchSize\":10}") > 0, "the full report carries the telemetry settings: " + fullReport);
            Assert.IsTrue(whileOff.IndexOf(" dt/") < 0, "off by default: " + whileOff);
            Assert.AreEqual(0, flashWritesWhileOff, "telemetry that is off writes no flash");
            Assert.IsTrue(reportedBack.IndexOf("{\"state\":{\"reported\":{\"telemetryIntervalSeconds\":10,\"telemetryBatchSize\":2}},\"clientToken\":\"nt-00000000-3\"") > 0, "the applied values are reported back: " + reportedBack);
            Assert.IsTrue(whileOn.IndexOf("PUB q1 dt/nanothing/kitchen/telemetry {\"thing\":\"kitchen\",\"records\":[{\"seq\":1,") >= 0, "a record every sample, 2 a message: " + whileOn);
            Assert.IsTrue(whileOn.IndexOf("{\"seq\":2,") > 0 && whileOn.IndexOf("{\"seq\":3,") < 0, whileOn);
        }

        [TestMethod]
        public void AfterAnOutageTheBacklogWaitsForTheFullReportToBeAccepted()
        {
            MemoryStorage flash = new MemoryStorage();
            AgentRig rig = Boot(flash, new FixedRandom(0));
            rig.Session.ConnectResult = MqttConnectResult.NetworkError;
            rig.RunUntil(30 * Minute);
            int blocks = rig.Agent.Telemetry.Store.UsedSlots;
            rig.Session.ConnectResult = MqttConnectResult.Accepted;
            rig.RunFor(2000);
            string beforeGet = rig.Traffic.Take();
            rig.Reply("/get/accepted", "{\"state\":{},\"metadata\":{},\"version\":1,\"clientToken\":\"nt-00000000-1\"}");
            rig.RunFor(5000);
            string beforeAccepted = rig.Traffic.Take();
            rig.Reply("/update/accepted", "{\"state\":{},\"version\":2,\"clientToken\":\"nt-00000000-2\"}");
            rig.RunFor(1000);
            string afterAccepted = rig.Traffic.Take();

            Assert.IsTrue(blocks >= 2, "a record a minute for 30 minutes offline, in blocks of 10: " + blocks.ToString());
            Assert.IsTrue(beforeGet.IndexOf("/shadow/get ") > 0, beforeGet);
            Assert.IsTrue(beforeGet.IndexOf(" dt/") < 0, "no telemetry before the shadow was read: " + beforeGet);
            Assert.IsTrue(beforeAccepted.IndexOf("\"telemetryDropped\":0") > 0, "the full report carries telemetryDropped: " + beforeAccepted);
            Assert.IsTrue(beforeAccepted.IndexOf(" dt/") < 0, "no telemetry before the full report was accepted: " + beforeAccepted);
            Assert.IsTrue(afterAccepted.IndexOf("PUB q1 dt/nanothing/kitchen/telemetry {\"thing\":\"kitchen\",\"records\":[{\"seq\":1,") >= 0, "the oldest block first: " + afterAccepted);
        }

        [TestMethod]
        public void ADayWithAnOutageAndARebootDeliversEveryRecordOnceBySeq()
        {
            MemoryStorage flash = new MemoryStorage();
            ShadowServiceStandIn service = new ShadowServiceStandIn();
            AgentRig rig = Boot(flash);
            long firstBootLast = 0;
            long secondBootFirst = 0;
            for (int minute = 0; minute < 24 * 60; minute++)
            {
                rig.Chip.SetRaw(519888 + (minute * 37 % 4000) - 2000, 415148, 30000);
                if (minute == 595)
                {
                    rig.Session.HoldAcks = true;
                }

                if (minute == 600)
                {
                    rig.Session.DropLink();
                    rig.Session.HoldAcks = false;
                    rig.Session.ConnectResult = MqttConnectResult.NetworkError;
                }

                if (minute == 660)
                {
                    rig.Session.ConnectResult = MqttConnectResult.Accepted;
                }

                if (minute == 845)
                {
                    rig.Agent.PrepareForRestart();
                    firstBootLast = rig.Agent.Telemetry.NextSeq - 1;
                    rig = Boot(flash);
                    secondBootFirst = rig.Agent.Telemetry.NextSeq;
                }

                service.RunUntil(rig, rig.Clock.NowMs + Minute);
            }

            long secondBootLast = rig.Agent.Telemetry.NextSeq - 1;
            service.RunUntil(rig, rig.Clock.NowMs + (11 * Minute));
            int afterTheDay = 0;

            Hashtable seen = new Hashtable();
            long last = 0;
            for (int i = 0; i < service.TelemetrySeqs.Count; i++)
            {
                long seq = (long)service.TelemetrySeqs[i];
                if (seen.Contains(seq))
                {
                    continue;
                }

                seen.Add(seq, seq);
                afterTheDay += seq > secondBootLast ? 1 : 0;
                if (seq >= secondBootFirst && last < secondBootFirst)
                {
                    last = 0;
                }

                Assert.IsTrue(seq > last, "seq " + seq.ToString() + " first arrived after " + last.ToString());
                last = seq;
            }

            long taken = firstBootLast + (secondBootLast - secondBootFirst + 1);
            Assert.IsTrue(firstBootLast > 800 && secondBootLast > secondBootFirst, "records taken: " + firstBootLast.ToString() + ", " + secondBootFirst.ToString() + ".." + secondBootLast.ToString());
            for (long seq = 1; seq <= secondBootLast; seq = seq == firstBootLast ? secondBootFirst : seq + 1)
            {
                Assert.IsTrue(seen.Contains(seq), "record seq " + seq.ToString() + " never arrived");
            }

            Assert.AreEqual((int)taken, seen.Count - afterTheDay, "nothing arrived that was not taken");
            Assert.IsTrue(service.TelemetrySeqs.Count > seen.Count, "the PUBACKs withheld before the outage caused redeliveries");
            Assert.AreEqual("0", service.Get("telemetryDropped"));
            Assert.AreEqual(0, rig.Agent.Telemetry.Store.UsedSlots, "the buffer is empty at the end of the day");
        }
    }
}
