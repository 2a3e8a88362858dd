using NanoThing.Core.Agent;
using NanoThing.Core.Seams;
using nanoFramework.TestFramework;

namespace NanoThing.DeviceTests.Agent
{
    /// <summary>
    /// What the agent takes from the shadow after a restart (settings live in RAM only) and the memory diagnostics
    /// it reports: exact traffic on the fake seams of <see cref="AgentRig"/>.
    /// </summary>
    [TestClass]
    public class ThingAgentRestartTests
    {
        private const string Root = AgentRig.Root;
        private const string Values = "\"temperature\":25.08,\"humidity\":55,\"pressure\":1006.53";
        private const string Thresholds = "\"temperatureThreshold\":0.5,\"humidityThreshold\":2,\"pressureThreshold\":1,\"telemetryIntervalSeconds\":0,\"telemetryBatchSize\":10";

        private static string FirstReport(string extra, string settings, long version)
        {
            return "PUB q1 " + Root + "/update {\"state\":{\"reported\":{" + Values + ",\"faults\":null,\"buttonPresses\":0,\"firmwareVersion\":\"1.0.0\",\"uptimeSeconds\":0" + extra + ",\"resetReason\":\"powerOn\"," + settings + "}},\"clientToken\":\"nt-00000000-2\",\"version\":" + version.ToString() + "}";
        }

        [TestMethod]
        public void AfterARestartTheDesiredStateIsTakenWholeEvenWithoutADelta()
        {
            // Before the restart the device had applied and reported led=true and a 60 s interval: desired equals
            // reported, so AWS sends no delta. The rebooted device must still turn its LED on and report it so.
            AgentRig rig = new AgentRig(0);
            rig.RunUntil(500);
            rig.Traffic.Take();
            rig.Reply("/get/accepted", "{\"state\":{\"desired\":{\"led\":true,\"reportIntervalSeconds\":60},\"reported\":{\"led\":true,\"reportIntervalSeconds\":60}},\"metadata\":{},\"version\":12,\"clientToken\":\"nt-00000000-1\"}");
            Assert.IsTrue(rig.Led.Level, "LED restored from the shadow's desired state");
            rig.Expect(new string[] { FirstReport("", "\"led\":true,\"reportIntervalSeconds\":60," + Thresholds, 12) });
        }

        [TestMethod]
        public void ADesiredValueThatIsInvalidAfterARestartIsAnsweredInErrors()
        {
            AgentRig rig = new AgentRig(0);
            rig.RunUntil(500);
            rig.Traffic.Take();
            rig.Reply("/get/accepted", "{\"state\":{\"desired\":{\"led\":\"on\"},\"reported\":{\"led\":false},\"delta\":{\"led\":\"on\"}},\"metadata\":{},\"version\":5,\"clientToken\":\"nt-00000000-1\"}");
            Assert.IsFalse(rig.Led.Level);
            Assert.IsNotNull(rig.Agent.Desired.ErrorOf("led"));
        }

        [TestMethod]
        public void LaterGetsApplyOnlyTheDelta()
        {
            AgentRig rig = new AgentRig(0);
            rig.ConnectAndSync(3);
            Assert.IsFalse(rig.Led.Level);
            rig.Session.DropLink();
            rig.RunFor(3000);
            rig.Traffic.Take();
            // A shadow whose desired led=true is already reported (someone else's doing): the running device keeps its own
            // setting until a delta says otherwise.
            rig.Reply("/get/accepted", "{\"state\":{\"desired\":{\"led\":true},\"reported\":{\"led\":true}},\"metadata\":{},\"version\":9,\"clientToken\":\"" + rig.Token(3) + "\"}");
            Assert.IsFalse(rig.Led.Level);
        }

        [TestMethod]
        public void FreeMemoryIsReportedWithTheUptimeWhenAGaugeIsGiven()
        {
            ThingAgentOptions options = new ThingAgentOptions();
            options.FirmwareVersion = "1.0.0";
            options.ResetReason = "powerOn";
            options.MemoryGauge = new FixedGauge(73216);
            AgentRig rig = new AgentRig(0, AgentRig.DefaultConfig, options);
            rig.RunUntil(500);
            rig.Traffic.Take();
            rig.Reply("/get/accepted", "{\"state\":{},\"metadata\":{},\"version\":3,\"clientToken\":\"nt-00000000-1\"}");
            rig.Expect(new string[] { FirstReport(",\"freeMemoryBytes\":73216", "\"led\":false,\"reportIntervalSeconds\":300," + Thresholds, 3) });
        }

        private sealed class FixedGauge : IMemoryGauge
        {
            private readonly long _bytes;

            public FixedGauge(long bytes)
            {
                _bytes = bytes;
            }

            public long FreeManagedBytes()
            {
                return _bytes;
            }
        }
    }
}
