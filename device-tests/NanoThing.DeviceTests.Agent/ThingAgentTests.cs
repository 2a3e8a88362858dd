using NanoThing.Core.Agent;
using NanoThing.Core.Desired;
using NanoThing.Core.Shadow;
using NanoThing.Core.Runtime;
using NanoThing.Core.Json;
using NanoThing.Core.Seams;
using NanoThing.DeviceTests.Support;
using nanoFramework.TestFramework;

namespace NanoThing.DeviceTests.Agent
{
    /// <summary>
    /// <see cref="ThingAgent"/> end to end on fake seams (<see cref="AgentRig"/>): each test asserts the exact MQTT
    /// traffic, topics and payloads, for one behaviour of the thing. Defaults: sample every 10 s, reports at most every
    /// 5 s, a full report at least every 300 s, thresholds 0.5 degC / 2 %RH / 1 hPa.
    /// </summary>
    [TestClass]
    public class ThingAgentTests
    {
        private const string Root = AgentRig.Root;
        private const string Values = "\"temperature\":25.08,\"humidity\":55,\"pressure\":1006.53";
        private const string Settings = "\"led\":false,\"reportIntervalSeconds\":300,\"temperatureThreshold\":0.5,\"humidityThreshold\":2,\"pressureThreshold\":1,\"telemetryIntervalSeconds\":0,\"telemetryBatchSize\":10";

        private static string Update(string reported, string token, long version)
        {
            return "PUB q1 " + Root + "/update {\"state\":{\"reported\":{" + reported + "}},\"clientToken\":\"" + token + "\",\"version\":" + version.ToString() + "}";
        }

        private static string Get(string token)
        {
            return "PUB q1 " + Root + "/get {\"clientToken\":\"" + token + "\"}";
        }

        private static string Accepted(string token, long version)
        {
            return "{\"state\":{},\"metadata\":{},\"version\":" + version.ToString() + ",\"timestamp\":1767225600,\"clientToken\":\"" + token + "\"}";
        }

        // Boots, connects, syncs at version 3 and has the first full report accepted (version 4).
        private static AgentRig Synced()
        {
            AgentRig rig = new AgentRig(0);
            rig.ConnectAndSync(3);
            rig.Reply("/update/accepted", Accepted(rig.Token(2), 4));
            rig.Traffic.Take();
            return rig;
        }

        // Synced, then at 25 s the delta {"led":true} (version 5): its report is in flight as token 3.
        private static AgentRig LedReportInFlight()
        {
            AgentRig rig = Synced();
            rig.RunUntil(25000);
            rig.Reply("/update/delta", "{\"state\":{\"led\":true},\"version\":5}");
            rig.Expect(new string[] { Update("\"led\":true", "nt-00000000-3", 5) });
            return rig;
        }

        [TestMethod]
        public void BootConnectsSubscribesGetsThenSendsTheFullFirstReport()
        {
            AgentRig rig = new AgentRig(0);
            rig.RunUntil(1500);
            rig.Expect(new string[]
            {
                "CONNECT kitchen",
                AgentRig.Subscribe,
                Get("nt-00000000-1"),
            });
            Assert.IsTrue(rig.Agent.IsConnected);

            rig.Reply("/get/accepted", "{\"state\":{\"reported\":{\"temperature\":19}},\"metadata\":{},\"version\":3,\"timestamp\":1767225600,\"clientToken\":\"nt-00000000-1\"}");
            rig.Expect(new string[]
            {
                Update(Values + ",\"faults\":null,\"buttonPresses\":0,\"firmwareVersion\":\"1.0.0\",\"uptimeSeconds\":1,\"resetReason\":\"powerOn\"," + Settings, "nt-00000000-2", 3),
            });

            rig.Reply("/update/accepted", Accepted("nt-00000000-2", 4));
            Assert.AreEqual(1, rig.Agent.ReportsAccepted);
            rig.RunUntil(300000);
            rig.ExpectNothing();
            rig.RunUntil(301500);
            rig.Expect(new string[] { Update(Values + ",\"uptimeSeconds\":301", "nt-00000000-3", 4) });
            Assert.AreEqual(2, rig.Wakes.Count, "each delivered message woke the loop");
        }

        [TestMethod]
        public void TheFirstReportWaitsForTheMeasurementInProgressSoItCarriesValuesNotNulls()
        {
            AgentRig rig = new AgentRig(0);
            rig.Agent.Step();
            rig.Traffic.Take();
            rig.Reply("/get/accepted", Accepted("nt-00000000-1", 3));
            rig.ExpectNothing();
            rig.RunUntil(100);
            rig.Expect(new string[]
            {
                Update(Values + ",\"faults\":null,\"buttonPresses\":0,\"firmwareVersion\":\"1.0.0\",\"uptimeSeconds\":0,\"resetReason\":\"powerOn\"," + Settings, "nt-00000000-2", 3),
            });
        }

        [TestMethod]
        public void TheUpdateIsNotCountedUntilUpdateAcceptedWithItsToken()
        {
            AgentRig rig = new AgentRig(0);
            rig.ConnectAndSync(3);
            rig.Traffic.Take();
            rig.Reply("/update/accepted", Accepted("someone-else", 4));
            rig.RunFor(9000);
            Assert.AreEqual(0, rig.Agent.ReportsAccepted);
            rig.ExpectNothing();
            rig.Reply("/update/accepted", Accepted("nt-00000000-2", 5));
            Assert.AreEqual(1, rig.Agent.ReportsAccepted);
        }

        [TestMethod]
        public void ADesiredLedDeltaDrivesTheLedAndIsReportedBack()
        {
            AgentRig rig = Synced();
            Assert.IsFalse(rig.Led.Level);
            rig.RunUntil(25000);
            rig.Reply("/update/delta", "{\"state\":{\"led\":true},\"metadata\":{\"led\":{\"timestamp\":1767225620}},\"version\":5,\"timestamp\":1767225620}");
            Assert.IsTrue(rig.Led.Level, "LED pin driven high (active high)");
            rig.Expect(new string[] { Update("\"led\":true", "nt-00000000-3", 5) });
            Assert.IsTrue(rig.Agent.Desired.HasPendingReport, "not reported until accepted");

            rig.Reply("/update/accepted", Accepted("nt-00000000-3", 6));
            Assert.IsFalse(rig.Agent.Desired.HasPendingReport);
            rig.RunFor(60000);
            rig.ExpectNothing();
        }

        [TestMethod]
        public void TheDeltaOfTheGetAfterConnectIsAppliedBeforeTheFirstReport()
        {
            AgentRig rig = new AgentRig(0);
            rig.RunUntil(500);
            rig.Traffic.Take();
            rig.Reply("/get/accepted", "{\"state\":{\"desired\":{\"led\":true,\"reportIntervalSeconds\":60},\"reported\":{\"led\":false},\"delta\":{\"led\":true,\"reportIntervalSeconds\":60}},\"metadata\":{},\"version\":8,\"clientToken\":\"nt-00000000-1\"}");
            Assert.IsTrue(rig.Led.Level);
            rig.Expect(new string[]
            {
                Update(Values + ",\"faults\":null,\"buttonPresses\":0,\"firmwareVersion\":\"1.0.0\",\"uptimeSeconds\":0,\"resetReason\":\"powerOn\",\"led\":true,\"reportIntervalSeconds\":60,\"temperatureThreshold\":0.5,\"humidityThreshold\":2,\"pressureThreshold\":1,\"telemetryIntervalSeconds\":0,\"telemetryBatchSize\":10", "nt-00000000-2", 8),
            });
        }

        [TestMethod]
        public void InvalidDesiredValuesAreAnsweredInErrorsAndClearedWhenFixed()
        {
            AgentRig rig = Synced();
            rig.RunUntil(25000);
            rig.Reply("/update/delta", "{\"state\":{\"led\":\"on\",\"reportIntervalSeconds\":2,\"colour\":\"red\",\"temperatureThreshold\":1.25},\"version\":5}");
            rig.Expect(new string[]
            {
                Update("\"temperatureThreshold\":1.25,\"errors\":{\"led\":\"must be true or false\",\"reportIntervalSeconds\":\"must be an integer from 5 to 86400\",\"colour\":\"unknown key; settable keys are led, reportIntervalSeconds, temperatureThreshold, humidityThreshold, pressureThreshold, telemetryIntervalSeconds, telemetryBatchSize\"}", "nt-00000000-3", 5),
            });
            Assert.IsFalse(rig.Led.Level, "a bad value changes nothing");
            rig.Reply("/update/accepted", Accepted("nt-00000000-3", 6));

            rig.RunUntil(45000);
            rig.Reply("/update/delta", "{\"state\":{\"led\":true},\"version\":7}");
            rig.Expect(new string[]
            {
                Update("\"led\":true,\"errors\":{\"led\":null,\"reportIntervalSeconds\":null,\"colour\":null}", "nt-00000000-4", 7),
            });
            Assert.IsTrue(rig.Led.Level);
        }

        [TestMethod]
        public void AnErrorIsClearedWhenDesiredGoesBackToTheReportedValue_ThoughAwsSendsNoDelta()
        {
            AgentRig rig = Synced();
            rig.RunUntil(25000);
            rig.Reply("/update/delta", "{\"state\":{\"led\":\"on\"},\"version\":5}");
            rig.Expect(new string[] { Update("\"errors\":{\"led\":\"must be true or false\"}", "nt-00000000-3", 5) });
            rig.Reply("/update/accepted", Accepted("nt-00000000-3", 6));

            // Desired led goes back to false, the value reported: AWS computes no delta and publishes nothing.
            // While an error is outstanding the device reads the shadow again every report interval.
            rig.RunUntil(302000);
            Assert.IsTrue(rig.Traffic.Take().StartsWith(Update(Values + ",\"uptimeSeconds\":301", "nt-00000000-4", 6)), "the heartbeat");
            rig.Reply("/update/accepted", Accepted("nt-00000000-4", 7));
            rig.RunUntil(324999);
            rig.ExpectNothing();
            rig.RunUntil(325000);
            rig.Expect(new string[] { Get("nt-00000000-5") });
            rig.Reply("/get/accepted", "{\"state\":{\"desired\":{\"led\":false},\"reported\":{\"led\":false,\"errors\":{\"led\":\"must be true or false\"}}},\"version\":8,\"clientToken\":\"nt-00000000-5\"}");
            rig.RunUntil(326000);
            rig.Expect(new string[] { Update("\"errors\":{\"led\":null}", "nt-00000000-6", 8) });
            rig.Reply("/update/accepted", Accepted("nt-00000000-6", 9));
            Assert.AreEqual(0, rig.Agent.Desired.ErrorCount);

            rig.RunUntil(700000);
            Assert.IsTrue(rig.Traffic.Take().IndexOf("/get ") < 0, "no error outstanding: the shadow is not read again");
        }

        [TestMethod]
        public void ASensorFaultIsReportedAsAFaultAndClearedWhenItReadsAgain()
        {
            AgentRig rig = Synced();
            rig.Chip.FailFromTransfer = rig.Chip.Transfers;
            rig.RunUntil(10100);
            rig.Expect(new string[] { Update("\"temperature\":null,\"humidity\":null,\"pressure\":null,\"faults\":{\"bme280\":\"busError\"}", "nt-00000000-3", 4) });
            rig.Reply("/update/accepted", Accepted("nt-00000000-3", 5));
            rig.RunUntil(19000);
            rig.ExpectNothing();

            rig.Chip.FailFromTransfer = int.MaxValue;
            rig.RunUntil(20100);
            rig.Expect(new string[] { Update(Values + ",\"faults\":{\"bme280\":null}", "nt-00000000-4", 5) });
        }

        [TestMethod]
        public void AButtonPressIsReportedAtOnceWithItsCount()
        {
            AgentRig rig = Synced();
            rig.RunUntil(20000);
            rig.Button.Set(false);
            rig.Button.Set(true);
            rig.Button.Set(false);
            Assert.AreEqual(3, rig.Wakes.Count - 2, "each edge wakes the loop");
            rig.RunUntil(20100);
            rig.Expect(new string[] { Update("\"buttonPresses\":1", "nt-00000000-3", 4) });
            Assert.AreEqual(1, rig.Agent.ButtonPresses);
            rig.Button.Set(true);
            rig.RunUntil(20200);
            rig.ExpectNothing();
        }

        [TestMethod]
        public void APressWithinTheMinimumIntervalIsReportedTheMomentItEnds()
        {
            AgentRig rig = Synced();
            rig.RunUntil(2000);
            rig.Button.Set(false);
            rig.RunUntil(4500);
            rig.ExpectNothing();
            Assert.AreEqual(600, rig.Agent.Step(), "the first report went at 100 ms: the next may go at 5100");
            rig.Clock.NowMs = 5100;
            rig.Agent.Step();
            rig.Expect(new string[] { Update("\"buttonPresses\":1", "nt-00000000-3", 4) });
        }

        [TestMethod]
        public void A409ReadsTheShadowAgainAndRetriesWithTheNewVersion()
        {
            AgentRig rig = LedReportInFlight();

            rig.Reply("/update/rejected", "{\"code\":409,\"message\":\"Version conflict\",\"clientToken\":\"nt-00000000-3\"}");
            rig.Expect(new string[] { Get("nt-00000000-4") });
            rig.Reply("/get/accepted", "{\"state\":{\"desired\":{\"led\":true},\"reported\":{\"led\":false},\"delta\":{\"led\":true}},\"metadata\":{},\"version\":9,\"clientToken\":\"nt-00000000-4\"}");
            rig.Expect(new string[] { Update("\"led\":true", "nt-00000000-5", 9) });
            rig.Reply("/update/accepted", Accepted("nt-00000000-5", 10));
            Assert.IsFalse(rig.Agent.Desired.HasPendingReport);
            Assert.AreEqual(0, rig.Agent.ReportsRejected);
            rig.RunFor(30000);
            rig.ExpectNothing();
        }

        [TestMethod]
        public void A429IsRetriedWithGrowingDelaysThenTheReportWaitsThirtySeconds()
        {
            AgentRig rig = LedReportInFlight();
            string throttled = "\",\"code\":429,\"message\":\"Too Many Requests\"}";

            // The shadow client retries after 500, 1000, 2000 ms (half fixed, half jitter); the agent steps at least every second.
            rig.Reply("/update/rejected", "{\"clientToken\":\"nt-00000000-3" + throttled);
            rig.RunUntil(26000);
            rig.Expect(new string[] { Update("\"led\":true", "nt-00000000-4", 5) });
            rig.Reply("/update/rejected", "{\"clientToken\":\"nt-00000000-4" + throttled);
            rig.RunUntil(26999);
            rig.ExpectNothing();
            rig.RunUntil(27000);
            rig.Expect(new string[] { Update("\"led\":true", "nt-00000000-5", 5) });
            rig.Reply("/update/rejected", "{\"clientToken\":\"nt-00000000-5" + throttled);
            rig.RunUntil(29000);
            rig.Expect(new string[] { Update("\"led\":true", "nt-00000000-6", 5) });
            rig.Reply("/update/rejected", "{\"clientToken\":\"nt-00000000-6" + throttled);
            Assert.AreEqual(1, rig.Agent.ReportsRejected, "the fourth attempt gave up");

            rig.RunUntil(58999);
            rig.ExpectNothing();
            rig.RunUntil(60000);
            rig.Expect(new string[] { Update("\"led\":true", "nt-00000000-7", 5) });
        }

        [TestMethod]
        public void WithNoShadowYetThe404IsAnsweredByAFullReportWithoutVersion()
        {
            AgentRig rig = new AgentRig(0);
            rig.RunUntil(100);
            rig.Traffic.Take();
            rig.Reply("/get/rejected", "{\"code\":404,\"message\":\"No shadow exists with name: 'kitchen'\",\"clientToken\":\"nt-00000000-1\"}");
            rig.Expect(new string[]
            {
                "PUB q1 " + Root + "/update {\"state\":{\"reported\":{" + Values + ",\"faults\":null,\"buttonPresses\":0,\"firmwareVersion\":\"1.0.0\",\"uptimeSeconds\":0,\"resetReason\":\"powerOn\"," + Settings + "}},\"clientToken\":\"nt-00000000-2\"}",
            });
        }

        [TestMethod]
        public void AnUnansweredReportIsSentAgainAfterTheRequestTimeout()
        {
            AgentRig rig = LedReportInFlight();
            rig.RunUntil(34999);
            rig.ExpectNothing();
            rig.RunUntil(37000);
            rig.Expect(new string[] { Update("\"led\":true", "nt-00000000-4", 5) });
            rig.Reply("/update/accepted", Accepted("nt-00000000-3", 6));
            Assert.AreEqual(1, rig.Agent.ReportsAccepted, "only the first report so far: the late reply to the abandoned token does not count");
            rig.Reply("/update/accepted", Accepted("nt-00000000-4", 6));
            Assert.AreEqual(2, rig.Agent.ReportsAccepted);
            Assert.IsFalse(rig.Agent.Desired.HasPendingReport);
        }

        [TestMethod]
        public void A400DropsTheReportedErrorNamesAndDoesNotLoop()
        {
            AgentRig rig = Synced();
            rig.RunUntil(25000);
            rig.Reply("/update/delta", "{\"state\":{\"bad key\":1},\"version\":5}");
            rig.Expect(new string[] { Update("\"errors\":{\"bad key\":\"unknown key; settable keys are led, reportIntervalSeconds, temperatureThreshold, humidityThreshold, pressureThreshold, telemetryIntervalSeconds, telemetryBatchSize\"}", "nt-00000000-3", 5) });
            rig.Reply("/update/rejected", "{\"code\":400,\"message\":\"Invalid JSON\",\"clientToken\":\"nt-00000000-3\"}");
            Assert.AreEqual(1, rig.Agent.ReportsRejected);
            Assert.AreEqual(0, rig.Agent.Desired.ErrorCount);
            rig.RunUntil(324000);
            rig.ExpectNothing();
            rig.RunUntil(326000);
            rig.Expect(new string[] { Update(Values + ",\"uptimeSeconds\":325", "nt-00000000-4", 5) });
        }

        [TestMethod]
        public void ALostBrokerIsReconnectedWithBackoffThenResubscribedReReadAndTheLatestReadingsReported()
        {
            // FixedRandom(3000): delays 3000 % (window + 1) = 998 (1 s window), 999 (2 s), 3000 (4 s), 3000 (8 s);
            // never two connect starts within 1 s.
            AgentRig rig = new AgentRig(3000);
            rig.ConnectAndSync(3);
            rig.Reply("/update/accepted", Accepted(rig.Token(2), 4));
            rig.Traffic.Take();

            rig.RunUntil(15000);
            rig.Session.DropLink();
            rig.Session.ConnectResult = MqttConnectResult.NetworkError;
            rig.Chip.SetRaw(525000, 415148, 30000);
            rig.ConnectTimes.Clear();
            rig.RunUntil(22000);
            rig.Expect(new string[] { "LINK LOST", "CONNECT kitchen", "CONNECT kitchen", "CONNECT kitchen" });
            Assert.AreEqual("15998 16998 19998", rig.ConnectTimesText());
            Assert.IsFalse(rig.Agent.IsConnected);

            rig.Session.ConnectResult = MqttConnectResult.Accepted;
            rig.RunUntil(22998);
            rig.Expect(new string[] { "CONNECT kitchen", AgentRig.Subscribe, Get(rig.Token(3)) });
            Assert.AreEqual("15998 16998 19998 22998", rig.ConnectTimesText());

            rig.Reply("/get/accepted", "{\"state\":{\"reported\":{\"temperature\":25.08}},\"metadata\":{},\"version\":4,\"clientToken\":\"" + rig.Token(3) + "\"}");
            rig.Expect(new string[]
            {
                Update("\"temperature\":26.68,\"humidity\":55.06,\"pressure\":1009,\"faults\":null,\"buttonPresses\":0,\"firmwareVersion\":\"1.0.0\",\"uptimeSeconds\":22,\"resetReason\":\"powerOn\"," + Settings, rig.Token(4), 4),
            });
            Assert.AreEqual(2, rig.Agent.Connects);
            Assert.AreEqual(5, rig.Agent.ConnectAttempts);
        }

        [TestMethod]
        public void AnUpdateInFlightWhenTheLinkDropsIsSentAgainAfterTheNextGet()
        {
            AgentRig rig = new AgentRig(0);
            rig.ConnectAndSync(3);
            rig.Traffic.Take();
            rig.Session.DropLink();
            rig.RunFor(1000);
            rig.Expect(new string[] { "LINK LOST", "CONNECT kitchen", AgentRig.Subscribe, Get("nt-00000000-3") });
            rig.Reply("/get/accepted", Accepted("nt-00000000-3", 3));
            rig.Expect(new string[] { Update(Values + ",\"faults\":null,\"buttonPresses\":0,\"firmwareVersion\":\"1.0.0\",\"uptimeSeconds\":1,\"resetReason\":\"powerOn\"," + Settings, "nt-00000000-4", 3) });
        }

        [TestMethod]
        public void ASubscriptionRefusedDisconnectsAndBacksOff()
        {
            AgentRig rig = new AgentRig(0);
            rig.Session.RefuseSubscribe = true;
            rig.RunUntil(999);
            rig.Expect(new string[] { "CONNECT kitchen", AgentRig.Subscribe, "DISCONNECT" });
            Assert.IsFalse(rig.Agent.IsConnected);
            rig.Session.RefuseSubscribe = false;
            rig.RunUntil(1000);
            rig.Expect(new string[] { "CONNECT kitchen", AgentRig.Subscribe, Get("nt-00000000-1") });
        }

        [TestMethod]
        public void MessagesBeyondTheInboxAreDroppedCountedAndTheShadowReadAgain()
        {
            AgentRig rig = Synced();
            for (int i = 0; i < rig.Agent.Inbox.MaxMessages + 2; i++)
            {
                rig.Session.Deliver(Root + "/update/accepted", Accepted("old", i));
            }

            Assert.AreEqual(rig.Agent.Inbox.MaxMessages, rig.Agent.Inbox.Count);
            rig.Agent.Step();
            Assert.AreEqual(2, rig.Agent.DroppedMessages);
            Assert.AreEqual(0, rig.Agent.Inbox.Count);
            rig.Expect(new string[] { Get("nt-00000000-3") });
            Assert.IsTrue(rig.Traffic.TakeLog().IndexOf("W: dropped 2 incoming message(s)") >= 0);
        }

        [TestMethod]
        public void RepeatedOverflowsReadTheShadowAgainAtMostEveryTenSeconds()
        {
            AgentRig rig = Synced();
            for (int burst = 0; burst < 2; burst++)
            {
                for (int i = 0; i < rig.Agent.Inbox.MaxMessages + 1; i++)
                {
                    rig.Session.Deliver(Root + "/update/accepted", Accepted("old", i));
                }

                rig.RunFor(4000);
                if (burst == 0)
                {
                    rig.Expect(new string[] { Get("nt-00000000-3") });
                    rig.Reply("/get/accepted", Accepted("nt-00000000-3", 4));
                }
            }

            rig.ExpectNothing();
            Assert.AreEqual(2, rig.Agent.DroppedMessages);
            rig.RunUntil(10099);
            rig.ExpectNothing();
            rig.RunUntil(10100);
            rig.Expect(new string[] { Get("nt-00000000-4") });
        }

        [TestMethod]
        public void AMessageLargerThanTheInboxIsAnErrorNotAReasonToReadTheShadowAgain()
        {
            AgentRig rig = Synced();
            rig.Traffic.TakeLog();
            byte[] huge = new byte[rig.Agent.Inbox.CapacityBytes + 1];
            rig.Session.Listener.OnMessage(Root + "/get/accepted", huge, 0, huge.Length);
            rig.RunFor(1000);
            rig.ExpectNothing();
            Assert.AreEqual(1, rig.Agent.DroppedMessages);
            Assert.AreEqual("E: dropped 1 incoming message(s) larger than the inbox (9216 bytes); keep the shadow document smaller or raise ThingAgentOptions.InboxCapacityBytes", rig.Traffic.TakeLog());
        }

        [TestMethod]
        public void MessagesOnOtherTopicsAreIgnored()
        {
            AgentRig rig = Synced();
            rig.Session.Deliver("$aws/things/other/shadow/update/delta", "{\"state\":{\"led\":true},\"version\":50}");
            rig.Session.Deliver("sensors/kitchen", "{\"led\":true}");
            rig.RunFor(6000);
            rig.ExpectNothing();
            Assert.IsFalse(rig.Led.Level);
        }

        [TestMethod]
        public void TheLargestGetAcceptedOfItsOwnShadowFitsWhatTheDeviceCanReceive()
        {
            // desired: every key the device accepts at its longest valid value and MaxUnknownKeys mistaken keys (names
            // of MaxKeyNameLength characters, 16-character values); delta: all of it (the worst case).
            string desired = "{\"led\":false,\"reportIntervalSeconds\":86400,\"temperatureThreshold\":50.00,\"humidityThreshold\":100.00,\"pressureThreshold\":1000.00,\"telemetryIntervalSeconds\":86400,\"telemetryBatchSize\":12";
            for (int i = 0; i < DesiredState.MaxUnknownKeys; i++)
            {
                desired += ",\"" + new string((char)('a' + i), DesiredState.MaxKeyNameLength) + "\":\"0123456789abcdef\"";
            }

            desired += "}";

            // reported: what the device itself writes after that desired state, its first (full) report with errors.
            AgentRig rig = new AgentRig(0);
            rig.RunUntil(100);
            rig.Reply("/get/accepted", "{\"state\":{\"desired\":" + desired + ",\"delta\":" + desired + "},\"version\":3,\"clientToken\":\"" + rig.Token(1) + "\"}");
            string sent = rig.Traffic.Take();
            string prefix = "PUB q1 " + AgentRig.Root + "/update ";
            int start = sent.IndexOf(prefix);
            Assert.IsTrue(start >= 0, sent);
            int end = sent.IndexOf('\n', start);
            byte[] update = Text.Bytes(end < 0 ? sent.Substring(start + prefix.Length) : sent.Substring(start + prefix.Length, end - start - prefix.Length));
            JsonReader report = new JsonReader();
            Assert.AreEqual(JsonStatus.Ok, report.Parse(update, 0, update.Length));
            int reported = report.FindPath(report.Root, "state.reported");
            Assert.IsTrue(report.FindMember(reported, DesiredState.ErrorsName) >= 0, "the report names the unknown keys");

            byte[] desiredBytes = Text.Bytes(desired);
            JsonReader desiredReader = new JsonReader();
            Assert.AreEqual(JsonStatus.Ok, desiredReader.Parse(desiredBytes, 0, desiredBytes.Length));
            byte[] document = new byte[32768];
            JsonWriter w = new JsonWriter(document);
            w.BeginObject();
            w.Name("state");
            w.BeginObject();
            w.Name("desired");
            w.RawValue(desiredBytes, 0, desiredBytes.Length);
            w.Name("reported");
            w.RawValue(update, reported, report.ValueLength(reported));
            w.Name("delta");
            w.RawValue(desiredBytes, 0, desiredBytes.Length);
            w.EndObject();
            w.Name("metadata");
            w.BeginObject();
            w.Name("desired");
            WriteMetadata(desiredReader, desiredReader.Root, w);
            w.Name("reported");
            WriteMetadata(report, reported, w);
            w.EndObject();
            w.Property("version", 2147483647L);
            w.Property("timestamp", 1767225600L);
            w.Property("clientToken", "nt-" + new string('f', 61));
            w.EndObject();
            Assert.IsTrue(w.IsComplete);

            Assert.IsTrue(w.Length <= MemoryBudget.LargestIncomingBytes, "get/accepted of " + w.Length.ToString() + " bytes");
            Assert.IsTrue(rig.Agent.Inbox.TryAdd(AgentRig.Root + "/get/accepted", document, 0, w.Length), "the inbox takes it");
            ShadowResponse response = new ShadowResponse(new ShadowClientOptions().MaxReplyBytes);
            Assert.IsTrue(response.Read(ShadowTopicType.GetAccepted, document, 0, w.Length) == ShadowResponseStatus.Ok, "the shadow client reads it");
        }

        // AWS's metadata: the document's shape with {"timestamp":N} for every leaf (aws-iot.md 1.3).
        private static void WriteMetadata(JsonReader reader, int value, JsonWriter w)
        {
            JsonType type = reader.TypeOf(value);
            if (type == JsonType.Object)
            {
                w.BeginObject();
                for (int m = reader.FirstMember(value); m >= 0; m = reader.NextMember(m))
                {
                    string name;
                    Assert.IsTrue(reader.TryGetString(m, out name));
                    w.Name(name);
                    WriteMetadata(reader, reader.MemberValue(m), w);
                }

                w.EndObject();
            }
            else if (type == JsonType.Array)
            {
                w.BeginArray();
                for (int e = reader.FirstElement(value); e >= 0; e = reader.NextElement(e))
                {
                    WriteMetadata(reader, e, w);
                }

                w.EndArray();
            }
            else
            {
                w.BeginObject();
                w.Property("timestamp", 1767225600L);
                w.EndObject();
            }
        }
    }
}
