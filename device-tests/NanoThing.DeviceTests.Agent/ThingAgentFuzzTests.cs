using NanoThing.Core.Agent;
using NanoThing.Core.Desired;
using NanoThing.DeviceTests.Support;
using nanoFramework.TestFramework;

namespace NanoThing.DeviceTests.Agent
{
    /// <summary>
    /// Thousands of malformed, truncated, deep, huge and random documents on every shadow reply topic, through the
    /// agent's inbox and step: nothing throws out of Core, the agent's memory stays within its fixed bounds (inbox
    /// buffer and message count, error names), and afterwards it still applies a valid delta and reports it exactly.
    /// Deterministic (seeded): a failure replays.
    /// </summary>
    [TestClass]
    public class ThingAgentFuzzTests
    {
        private const int Documents = 4000;

        private static readonly string[] Topics = new string[]
        {
            AgentRig.Root + "/update/delta",
            AgentRig.Root + "/get/accepted",
            AgentRig.Root + "/get/rejected",
            AgentRig.Root + "/update/accepted",
            AgentRig.Root + "/update/rejected",
            "$aws/things/kitchen/shadow/name/x/update/delta",
        };

        private static readonly string[] Seeds = new string[]
        {
            "{\"state\":{\"led\":true,\"reportIntervalSeconds\":60,\"temperatureThreshold\":0.25},\"metadata\":{\"led\":{\"timestamp\":1}},\"version\":7,\"timestamp\":1}",
            "{\"state\":{\"desired\":{\"led\":false},\"reported\":{\"led\":true,\"errors\":{\"led\":\"x\",\"zz\":\"y\"}},\"delta\":{\"led\":false}},\"metadata\":{},\"version\":9,\"clientToken\":\"nt-00000000-1\"}",
            "{\"code\":409,\"message\":\"Version conflict\",\"clientToken\":\"nt-00000000-2\"}",
            "{\"state\":{\"reported\":{\"led\":true}},\"version\":12,\"clientToken\":\"nt-00000000-3\"}",
            "{\"state\":{\"a\":{\"b\":[1,2,{\"c\":null}]},\"\\u00e9\\ud83d\\ude00\":\"\\\"\",\"n\":-1.5e300},\"version\":-4}",
        };

        private static byte[] Document(SeededRandom random)
        {
            int kind = random.Next(6);
            byte[] seed = Text.Bytes(Seeds[random.Next(Seeds.Length)]);
            if (kind == 0)
            {
                byte[] noise = new byte[random.Next(300)];
                for (int i = 0; i < noise.Length; i++)
                {
                    noise[i] = (byte)random.Next(256);
                }

                return noise;
            }

            if (kind == 1)
            {
                byte[] cut = new byte[random.Next(seed.Length)];
                System.Array.Copy(seed, cut, cut.Length);
                return cut;
            }

            if (kind == 2)
            {
                int depth = 1 + random.Next(300);
                string open = random.Next(2) == 0 ? "{\"state\":" : "";
                string deep = "";
                for (int i = 0; i < depth; i++)
                {
                    deep += random.Next(2) == 0 ? "[" : "{\"led\":";
                }

                return Text.Bytes(open + deep);
            }

            if (kind == 3)
            {
                // Larger than the inbox (dropped and counted) or just within it (parsed).
                int size = random.Next(2) == 0 ? 13000 : 11000;
                byte[] huge = new byte[size];
                byte[] head = Text.Bytes("{\"state\":{\"" + random.Next(1000).ToString() + "\":\"");
                System.Array.Copy(head, huge, head.Length);
                for (int i = head.Length; i < size - 4; i++)
                {
                    huge[i] = (byte)('a' + i % 26);
                }

                huge[size - 4] = (byte)'"';
                huge[size - 3] = (byte)'}';
                huge[size - 2] = (byte)'}';
                huge[size - 1] = (byte)' ';
                return huge;
            }

            if (kind == 4)
            {
                string key = random.Next(3) == 0 ? "led" : "k" + random.Next(40).ToString();
                string[] values = new string[] { "true", "1", "\"on\"", "null", "1e999", "-0", "0.125", "[]", "{}", "86401", "2.5" };
                return Text.Bytes("{\"state\":{\"" + key + "\":" + values[random.Next(values.Length)] + "},\"version\":" + random.Next(20).ToString() + "}");
            }

            for (int flips = 1 + random.Next(4); flips > 0; flips--)
            {
                seed[random.Next(seed.Length)] = (byte)random.Next(256);
            }

            return seed;
        }

        // The test holds no more than one step's records: kept for the whole run, the traffic and log lines of 4,000
        // documents need megabytes (nanoCLR's 10 MB heap ran out; a board has about 90 KB).
        private static void TakeWhatTheStepRecorded(AgentRig rig)
        {
            rig.Traffic.Take();
            Assert.IsTrue(rig.Traffic.LogLines <= 2 * rig.Agent.Inbox.MaxMessages + 2, "one step logs at most a line per message and a drop line");
            rig.Traffic.TakeLog();
        }

        [TestMethod]
        public void MalformedTruncatedDeepHugeAndRandomDocumentsNeverThrowAndStayBounded()
        {
            AgentRig rig = new AgentRig(0);
            rig.ConnectAndSync(3);
            SeededRandom random = new SeededRandom(20260101);
            int capacity = rig.Agent.Inbox.CapacityBytes;
            for (int i = 0; i < Documents; i++)
            {
                byte[] document = Document(random);
                rig.Session.Listener.OnMessage(Topics[random.Next(Topics.Length)], document, 0, document.Length);
                if (random.Next(3) == 0)
                {
                    rig.Clock.Advance(random.Next(3000));
                    rig.StepOnce();
                    TakeWhatTheStepRecorded(rig);
                    Assert.IsTrue(rig.Agent.Inbox.Count <= rig.Agent.Inbox.MaxMessages);
                    Assert.IsTrue(rig.Agent.Desired.ErrorCount <= DeviceSettings.DesiredKeyCount + DesiredState.MaxUnknownKeys);
                }
            }

            rig.StepOnce();
            Assert.AreEqual(capacity, rig.Agent.Inbox.CapacityBytes, "the inbox never grows");
            Assert.AreEqual(0, rig.Agent.Inbox.Count);
            Assert.IsTrue(rig.Agent.DroppedMessages > 0, "huge and surplus messages were dropped and counted");
            rig.Traffic.TakeLog();

            // Still sane: it reconnects, syncs, and a valid delta is applied, driven to the LED and reported.
            ShadowServiceStandIn service = new ShadowServiceStandIn();
            service.Version = 500;
            rig.Session.DropLink();
            service.RunUntil(rig, rig.Clock.NowMs + 30000);
            Assert.IsTrue(rig.Agent.IsConnected);
            rig.Session.Deliver(AgentRig.Root + "/update/delta", "{\"state\":{\"led\":true},\"version\":" + service.Version.ToString() + "}");
            service.RunUntil(rig, rig.Clock.NowMs + 30000);
            Assert.AreEqual("true", service.Get("led"));
            Assert.IsFalse(rig.Agent.Desired.HasPendingReport);
            Assert.IsTrue(rig.Led.Level);
        }
    }
}
