using NanoThing.Core.Seams;
using NanoThing.DeviceTests.Support;
using nanoFramework.TestFramework;

namespace NanoThing.DeviceTests.Agent
{
    /// <summary>
    /// A whole day of the thing in milliseconds: the agent on fake seams against a shadow service stand-in, with the
    /// temperature drifting every minute, five broker outages (connects refused for three minutes each), a sensor
    /// fault, a desired LED change and a button press. At the end the shadow's reported state must hold exactly the
    /// latest readings and settings: nothing that mattered was lost across the outages.
    /// </summary>
    [TestClass]
    public class ThingAgentDayTests
    {
        private const long Minute = 60000;
        private const int Minutes = 24 * 60;

        private static bool IsOutageStart(int minute)
        {
            return minute % 240 == 180 && minute < 1380;
        }

        [TestMethod]
        public void ADayWithOutagesFaultsDeltasAndAPressEndsWithTheLatestStateReported()
        {
            AgentRig rig = new AgentRig(new SeededRandom(2026), AgentRig.DefaultConfig, null);
            ShadowServiceStandIn service = new ShadowServiceStandIn();
            int outages = 0;
            for (int minute = 0; minute < Minutes; minute++)
            {
                long start = minute * Minute;
                rig.Chip.SetRaw(minute >= 1380 ? 519888 : 519888 + (minute * 37 % 4000) - 2000, 415148, 30000);
                if (IsOutageStart(minute))
                {
                    outages++;
                    rig.Session.DropLink();
                    rig.Session.ConnectResult = MqttConnectResult.NetworkError;
                }

                if (IsOutageStart(minute - 3))
                {
                    rig.Session.ConnectResult = MqttConnectResult.Accepted;
                }

                if (minute == 300)
                {
                    rig.Chip.FailFromTransfer = 0;
                }

                if (minute == 310)
                {
                    rig.Chip.FailFromTransfer = int.MaxValue;
                }

                if (minute == 500)
                {
                    rig.Session.Deliver(AgentRig.Root + "/update/delta", "{\"state\":{\"led\":true},\"version\":" + service.Version.ToString() + "}");
                }

                if (minute == 600)
                {
                    rig.Button.Set(false);
                    service.RunUntil(rig, start + 200);
                    rig.Button.Set(true);
                }

                service.RunUntil(rig, start + Minute);
            }

            Assert.AreEqual(5, outages);
            Assert.AreEqual("25.08", service.Get("temperature"));
            Assert.AreEqual("55", service.Get("humidity"));
            Assert.AreEqual("1006.53", service.Get("pressure"));
            Assert.AreEqual("(absent)", service.Get("faults.bme280"), "the fault was cleared");
            Assert.AreEqual("true", service.Get("led"));
            Assert.IsTrue(rig.Led.Level);
            Assert.AreEqual("1", service.Get("buttonPresses"));
            Assert.AreEqual("\"1.0.0\"", service.Get("firmwareVersion"));
            Assert.AreEqual("\"powerOn\"", service.Get("resetReason"));
            Assert.AreEqual("300", service.Get("reportIntervalSeconds"));

            Assert.AreEqual(6, rig.Agent.Connects, "the first connect and one after each outage");
            Assert.AreEqual(6, service.Connects);
            Assert.AreEqual(6, service.Gets, "a GET after every connect");
            Assert.AreEqual(0, rig.Agent.DroppedMessages);
            Assert.AreEqual(0, rig.Agent.ReportsRejected);
            Assert.IsTrue(service.Updates >= Minutes * 60 / 300, "at least one report per report interval: " + service.Updates.ToString());
            Assert.IsTrue(service.Updates <= Minutes * 60 / 5, "never faster than the minimum interval: " + service.Updates.ToString());
            for (int i = 1; i < rig.ConnectTimes.Count; i++)
            {
                long gap = (long)rig.ConnectTimes[i] - (long)rig.ConnectTimes[i - 1];
                Assert.IsTrue(gap >= 1000, "two connects within " + gap.ToString() + " ms");
            }

            Assert.IsTrue(rig.ConnectTimes.Count > 6 + 5, "connects were refused during the outages: " + rig.ConnectTimes.Count.ToString());
        }

        [TestMethod]
        public void RefusedConnectsBackOffWithFullJitterWithinTheDoublingWindowUpToTheCap()
        {
            AgentRig rig = new AgentRig(new SeededRandom(99), AgentRig.DefaultConfig, null);
            ShadowServiceStandIn service = new ShadowServiceStandIn();
            rig.Session.ConnectResult = MqttConnectResult.RefusedServerUnavailable;
            service.RunUntil(rig, 30 * Minute);
            Assert.IsTrue(rig.ConnectTimes.Count >= 15, rig.ConnectTimes.Count.ToString());
            long longest = 0;
            for (int i = 1; i < rig.ConnectTimes.Count; i++)
            {
                long gap = (long)rig.ConnectTimes[i] - (long)rig.ConnectTimes[i - 1];
                long window = i - 1 >= 7 ? 120000 : 1000L << (i - 1);
                Assert.IsTrue(gap >= 1000 && gap <= (window < 1000 ? 1000 : window), "attempt " + i.ToString() + " after " + gap.ToString() + " ms, window " + window.ToString());
                longest = gap > longest ? gap : longest;
            }

            Assert.IsTrue(longest > 64000, "the window grew towards the cap: longest wait " + longest.ToString());

            // Connected for 30 s resets the backoff: the next loss reconnects within the first window (1 s).
            rig.Session.ConnectResult = MqttConnectResult.Accepted;
            service.RunUntil(rig, rig.Clock.NowMs + 3 * Minute);
            Assert.IsTrue(rig.Agent.IsConnected);
            rig.Session.DropLink();
            long lostAt = rig.Clock.NowMs;
            int before = rig.ConnectTimes.Count;
            service.RunUntil(rig, lostAt + 1001);
            Assert.AreEqual(before + 1, rig.ConnectTimes.Count);
            Assert.IsTrue((long)rig.ConnectTimes[before] - lostAt <= 1000);
            Assert.IsTrue(rig.Agent.IsConnected);
        }
    }
}
