using NanoThing.Core.Shadow;
using NanoThing.DeviceTests.Support;
using nanoFramework.TestFramework;

namespace NanoThing.DeviceTests.Shadow
{
    /// <summary>
    /// <see cref="ShadowClient"/> against a recording fake broker and a manual clock: every test asserts the exact
    /// MQTT traffic (topics and payloads) and listener events, in order. Tokens are "nt-00000000-N" (FixedRandom(0)),
    /// retry delays are half the doubling base (1000 ms base: 500, 1000, 2000 ms).
    /// </summary>
    [TestClass]
    public class ShadowClientTests
    {
        private const string Root = "$aws/things/kitchen/shadow";
        private const string Subscribe = "SUB q1 " + Root + "/get/accepted " + Root + "/get/rejected " + Root + "/update/accepted " + Root + "/update/rejected " + Root + "/update/delta";
        private const string GetDoc = "{\"state\":{\"desired\":{\"led\":true},\"reported\":{\"led\":false,\"t\":20}},\"version\":";

        private static TrafficLog _traffic;
        private static RecordingMqttSession _session;
        private static ManualClock _clock;
        private static ShadowClient _client;
        private static TemperatureReport _report;

        private static void Start(ShadowClientOptions options, string thing)
        {
            _traffic = new TrafficLog();
            _session = new RecordingMqttSession(_traffic);
            _clock = new ManualClock();
            _clock.NowMs = 1000;
            _report = new TemperatureReport();
            _client = new ShadowClient(_session, _clock, new FixedRandom(0), _traffic, new RecordingShadowListener(_traffic), thing, options);
        }

        private static void Start()
        {
            Start(null, "kitchen");
        }

        // Connects and answers the GET with version 3 and no delta.
        private static void StartSynced()
        {
            Start();
            Assert.IsTrue(_client.OnConnected());
            Deliver("/get/accepted", "{\"state\":{\"reported\":{\"t\":20}},\"version\":3,\"clientToken\":\"nt-00000000-1\"}");
            _traffic.Take();
        }

        private static bool Deliver(string suffix, string json)
        {
            byte[] bytes = Text.Bytes(json);
            return _client.OnMessage(Root + suffix, bytes, 0, bytes.Length);
        }

        private static void Expect(string[] lines)
        {
            Assert.AreEqual(TrafficLog.Lines(lines), _traffic.Take());
        }

        private static void ExpectNothing()
        {
            Assert.AreEqual("", _traffic.Take());
        }

        [TestMethod]
        public void ConnectSubscribesToTheExactReplyTopicsThenGets()
        {
            Start();
            Assert.IsTrue(_client.OnConnected());
            Assert.IsTrue(_client.IsReady);
            Expect(new string[]
            {
                Subscribe,
                "PUB q1 " + Root + "/get {\"clientToken\":\"nt-00000000-1\"}",
            });
        }

        [TestMethod]
        public void GetAcceptedSurfacesTheDocumentAndItsDelta()
        {
            Start();
            _client.OnConnected();
            _traffic.Take();
            Assert.IsTrue(Deliver("/get/accepted", GetDoc + "9,\"clientToken\":\"nt-00000000-1\"}"));
            Expect(new string[]
            {
                "GET-ACCEPTED v=9 desired={\"led\":true} reported={\"led\":false,\"t\":20} delta=-",
            });

            _client.Get();
            _client.Poll();
            _traffic.Take();
            Assert.IsTrue(Deliver("/get/accepted", "{\"state\":{\"desired\":{\"led\":true},\"reported\":{\"led\":false},\"delta\":{\"led\":true}},\"metadata\":{},\"version\":10,\"clientToken\":\"nt-00000000-2\"}"));
            Expect(new string[]
            {
                "GET-ACCEPTED v=10 desired={\"led\":true} reported={\"led\":false} delta={\"led\":true}",
                "DELTA v=10 {\"led\":true}",
            });
            Assert.AreEqual(10L, _client.Version);
        }

        [TestMethod]
        public void AnUpdateQueuedBeforeConnectWaitsForTheGet()
        {
            Start();
            _client.Update(_report);
            _client.Poll();
            ExpectNothing();

            _client.OnConnected();
            Expect(new string[]
            {
                Subscribe,
                "PUB q1 " + Root + "/get {\"clientToken\":\"nt-00000000-1\"}",
            });
            _client.Poll();
            ExpectNothing();

            Deliver("/get/accepted", "{\"state\":{},\"version\":3,\"clientToken\":\"nt-00000000-1\"}");
            _client.Poll();
            Expect(new string[]
            {
                "GET-ACCEPTED v=3 desired=- reported=- delta=-",
                "PUB q1 " + Root + "/update {\"state\":{\"reported\":{\"t\":21}},\"clientToken\":\"nt-00000000-2\",\"version\":3}",
            });
            Assert.IsTrue(_client.IsUpdatePending);
        }

        [TestMethod]
        public void AnUpdateSucceedsOnlyOnUpdateAcceptedWithItsToken()
        {
            StartSynced();
            _client.Update(_report);
            _client.Poll();
            Expect(new string[] { "PUB q1 " + Root + "/update {\"state\":{\"reported\":{\"t\":21}},\"clientToken\":\"nt-00000000-2\",\"version\":3}" });

            Deliver("/update/accepted", "{\"state\":{\"desired\":{\"led\":true}},\"version\":4,\"clientToken\":\"someone-else\"}");
            Deliver("/update/accepted", "{\"state\":{},\"version\":4}");
            Deliver("/update/rejected", "{\"code\":400,\"message\":\"Invalid JSON\",\"clientToken\":\"nt-00000000-1\"}");
            ExpectNothing();
            Assert.IsTrue(_client.IsUpdatePending);

            Deliver("/update/accepted", "{\"state\":{\"reported\":{\"t\":21}},\"version\":5,\"clientToken\":\"nt-00000000-2\"}");
            Expect(new string[] { "UPDATE-ACCEPTED v=5" });
            Assert.IsFalse(_client.IsUpdatePending);
            Assert.AreEqual(5L, _client.Version);

            _clock.Advance(60000);
            _client.Poll();
            ExpectNothing();
        }

        [TestMethod]
        public void AnUpdateDuringAnotherIsSentAfterIt()
        {
            StartSynced();
            _client.Update(_report);
            _client.Poll();
            _report.Temperature = 22;
            _client.Update(_report);
            _client.Poll();
            Expect(new string[] { "PUB q1 " + Root + "/update {\"state\":{\"reported\":{\"t\":21}},\"clientToken\":\"nt-00000000-2\",\"version\":3}" });
            Deliver("/update/accepted", "{\"version\":4,\"clientToken\":\"nt-00000000-2\"}");
            _client.Poll();
            Expect(new string[]
            {
                "UPDATE-ACCEPTED v=4",
                "PUB q1 " + Root + "/update {\"state\":{\"reported\":{\"t\":22}},\"clientToken\":\"nt-00000000-3\",\"version\":4}",
            });
        }

        [TestMethod]
        public void VersionConflictRegetsThenRetriesWithTheNewVersion()
        {
            StartSynced();
            _client.Update(_report);
            _client.Poll();
            _traffic.Take();
            Deliver("/update/rejected", "{\"code\":409,\"message\":\"Version conflict\",\"clientToken\":\"nt-00000000-2\"}");
            _client.Poll();
            Expect(new string[] { "PUB q1 " + Root + "/get {\"clientToken\":\"nt-00000000-3\"}" });
            Deliver("/get/accepted", "{\"state\":{\"desired\":{\"led\":false}},\"version\":8,\"clientToken\":\"nt-00000000-3\"}");
            _client.Poll();
            Expect(new string[]
            {
                "GET-ACCEPTED v=8 desired={\"led\":false} reported=- delta=-",
                "PUB q1 " + Root + "/update {\"state\":{\"reported\":{\"t\":21}},\"clientToken\":\"nt-00000000-4\",\"version\":8}",
            });
            Deliver("/update/accepted", "{\"version\":9,\"clientToken\":\"nt-00000000-4\"}");
            Expect(new string[] { "UPDATE-ACCEPTED v=9" });
        }

        [TestMethod]
        public void RepeatedVersionConflictsEndAfterMaxAttempts()
        {
            StartSynced();
            _client.Update(_report);
            for (int attempt = 1; attempt <= 4; attempt++)
            {
                _client.Poll();
                string token = "nt-00000000-" + (2 * attempt).ToString();
                Deliver("/update/rejected", "{\"code\":409,\"message\":\"Version conflict\",\"clientToken\":\"" + token + "\"}");
                _client.Poll();
                Deliver("/get/accepted", "{\"state\":{},\"version\":" + (10 + attempt).ToString() + ",\"clientToken\":\"nt-00000000-" + (2 * attempt + 1).ToString() + "\"}");
            }

            string traffic = _traffic.Take();
            Assert.EndsWith("PUB q1 " + Root + "/update {\"state\":{\"reported\":{\"t\":21}},\"clientToken\":\"nt-00000000-8\",\"version\":13}\nUPDATE-REJECTED 409 Version conflict (gave up after 4 attempts)", traffic);
            _clock.Advance(100000);
            _client.Poll();
            ExpectNothing();
        }

        [DataRow(400, "Invalid JSON")]
        [DataRow(400, "JSON contains too many levels of nesting; maximum is 6")]
        [DataRow(401, "Unauthorized")]
        [DataRow(403, "Forbidden")]
        [DataRow(404, "Thing not found")]
        [DataRow(413, "The payload exceeds the maximum size allowed")]
        [DataRow(415, "Unsupported documented encoding; supported encoding is UTF-8")]
        public void ClientErrorsAreSurfacedAndNeverRetried(int code, string message)
        {
            StartSynced();
            _client.Update(_report);
            _client.Poll();
            _traffic.Take();
            Deliver("/update/rejected", "{\"code\":" + code.ToString() + ",\"message\":\"" + message + "\",\"clientToken\":\"nt-00000000-2\"}");
            Expect(new string[] { "UPDATE-REJECTED " + code.ToString() + " " + message });
            Assert.IsFalse(_client.IsUpdatePending);
            for (int i = 0; i < 10; i++)
            {
                _clock.Advance(60000);
                _client.Poll();
            }

            ExpectNothing();
            Assert.StartsWith("W: shadow update of thing 'kitchen' rejected: " + code.ToString() + " " + message, _traffic.TakeLog());
        }

        [DataRow(429)]
        [DataRow(500)]
        [DataRow(503)]
        public void ThrottlingAndServerErrorsBackOffThenGiveUp(int code)
        {
            StartSynced();
            _client.Update(_report);
            _client.Poll();
            _traffic.Take();
            long[] delays = new long[] { 500, 1000, 2000 };
            for (int attempt = 1; attempt <= 4; attempt++)
            {
                string token = "nt-00000000-" + (attempt + 1).ToString();
                Deliver("/update/rejected", "{\"code\":" + code.ToString() + ",\"message\":\"busy\",\"clientToken\":\"" + token + "\"}");
                if (attempt == 4)
                {
                    break;
                }

                _client.Update(_report); // asking again while it is pending must not extend the retries

                _clock.Advance(delays[attempt - 1] - 1);
                _client.Poll();
                ExpectNothing();
                _clock.Advance(1);
                _client.Poll();
                Expect(new string[] { "PUB q1 " + Root + "/update {\"state\":{\"reported\":{\"t\":21}},\"clientToken\":\"nt-00000000-" + (attempt + 2).ToString() + "\",\"version\":3}" });
            }

            Expect(new string[] { "UPDATE-REJECTED " + code.ToString() + " busy (gave up after 4 attempts)" });
            _clock.Advance(100000);
            _client.Poll();
            ExpectNothing();
        }

        [TestMethod]
        public void ARequestWithoutReplyTimesOutAndIsRetriedABoundedNumberOfTimes()
        {
            StartSynced();
            _client.Update(_report);
            _client.Poll();
            _traffic.Take();
            _clock.Advance(9999);
            _client.Poll();
            ExpectNothing();
            _clock.Advance(1);
            _client.Poll();
            ExpectNothing();
            _clock.Advance(500);
            _client.Poll();
            Expect(new string[] { "PUB q1 " + Root + "/update {\"state\":{\"reported\":{\"t\":21}},\"clientToken\":\"nt-00000000-3\",\"version\":3}" });

            // A late reply to the first attempt is not success for the second, but its version is tracked.
            Deliver("/update/accepted", "{\"version\":4,\"clientToken\":\"nt-00000000-2\"}");
            ExpectNothing();

            _clock.Advance(10000);
            _client.Poll();
            _clock.Advance(1000);
            _client.Poll();
            _clock.Advance(10000);
            _client.Poll();
            _clock.Advance(2000);
            _client.Poll();
            Expect(new string[]
            {
                "PUB q1 " + Root + "/update {\"state\":{\"reported\":{\"t\":21}},\"clientToken\":\"nt-00000000-4\",\"version\":4}",
                "PUB q1 " + Root + "/update {\"state\":{\"reported\":{\"t\":21}},\"clientToken\":\"nt-00000000-5\",\"version\":4}",
            });
            _clock.Advance(9999);
            _client.Poll();
            ExpectNothing();
            _clock.Advance(1);
            _client.Poll();
            Expect(new string[] { "UPDATE-REJECTED timedOut no reply within 10000 ms (gave up after 4 attempts)" });
        }

        [TestMethod]
        public void AGetWithoutReplyIsReportedAfterItsRetries()
        {
            Start();
            _client.OnConnected();
            _traffic.Take();
            long[] delays = new long[] { 500, 1000, 2000 };
            for (int i = 0; i < delays.Length; i++)
            {
                _clock.Advance(10000);
                _client.Poll();
                ExpectNothing();
                _clock.Advance(delays[i]);
                _client.Poll();
                Expect(new string[] { "PUB q1 " + Root + "/get {\"clientToken\":\"nt-00000000-" + (i + 2).ToString() + "\"}" });
            }

            _clock.Advance(10000);
            _client.Poll();
            Expect(new string[] { "GET-REJECTED timedOut no reply within 10000 ms (gave up after 4 attempts)" });
        }

        [TestMethod]
        public void NoShadowYetIsReportedAndTheFirstUpdateHasNoVersion()
        {
            Start();
            _client.OnConnected();
            _traffic.Take();
            Deliver("/get/rejected", "{\"code\":404,\"message\":\"No shadow exists with name: 'kitchen'\",\"clientToken\":\"nt-00000000-1\"}");
            _client.Update(_report);
            _client.Poll();
            Expect(new string[]
            {
                "GET-REJECTED 404 No shadow exists with name: 'kitchen'",
                "PUB q1 " + Root + "/update {\"state\":{\"reported\":{\"t\":21}},\"clientToken\":\"nt-00000000-2\"}",
            });
        }

        [TestMethod]
        public void AGetReplyWithoutClientTokenAnswersTheGetButAnUpdateReplyMustCarryIt()
        {
            Start();
            _client.OnConnected();
            _traffic.Take();
            Deliver("/get/accepted", "{\"state\":{},\"version\":6}");
            Expect(new string[] { "GET-ACCEPTED v=6 desired=- reported=- delta=-" });

            _client.Update(_report);
            _client.Poll();
            _traffic.Take();
            Deliver("/update/accepted", "{\"version\":7}");
            ExpectNothing();
            Assert.IsTrue(_client.IsUpdatePending);
        }

        [TestMethod]
        public void AGetRejectedWithAServerErrorIsRetriedAfterADelay()
        {
            Start();
            _client.OnConnected();
            _traffic.Take();
            Deliver("/get/rejected", "{\"code\":500,\"message\":\"Internal service failure\",\"clientToken\":\"nt-00000000-1\"}");
            _clock.Advance(499);
            _client.Poll();
            ExpectNothing();
            _clock.Advance(1);
            _client.Poll();
            Expect(new string[] { "PUB q1 " + Root + "/get {\"clientToken\":\"nt-00000000-2\"}" });
            Assert.StartsWith("W: shadow GET of thing 'kitchen' failed (500 Internal service failure), attempt 1 of 4; retrying in 500 ms", _traffic.TakeLog());
        }

        [TestMethod]
        public void DeltasOlderThanTheNewestAreIgnored()
        {
            StartSynced();
            Assert.IsTrue(Deliver("/update/delta", "{\"version\":5,\"timestamp\":1,\"state\":{\"led\":true},\"metadata\":{\"led\":{\"timestamp\":1}}}"));
            Deliver("/update/delta", "{\"version\":4,\"state\":{\"led\":false}}");
            Deliver("/update/delta", "{\"version\":5,\"state\":{\"led\":true}}");
            Deliver("/update/delta", "{\"version\":2,\"state\":{\"led\":false}}");
            Deliver("/update/delta", "{\"version\":7,\"state\":{\"reportIntervalSeconds\":30}}");
            Expect(new string[]
            {
                "DELTA v=5 {\"led\":true}",
                "DELTA v=5 {\"led\":true}",
                "DELTA v=7 {\"reportIntervalSeconds\":30}",
            });
            Assert.AreEqual(7L, _client.Version);
        }

        [TestMethod]
        public void AGetResetsTheDeltaVersionEvenDownwards()
        {
            StartSynced();
            Deliver("/update/delta", "{\"version\":50,\"state\":{\"led\":true}}");
            _client.Get();
            _client.Poll();
            Deliver("/get/accepted", "{\"state\":{},\"version\":2,\"clientToken\":\"nt-00000000-2\"}");
            Deliver("/update/delta", "{\"version\":3,\"state\":{\"led\":false}}");
            Expect(new string[]
            {
                "DELTA v=50 {\"led\":true}",
                "PUB q1 " + Root + "/get {\"clientToken\":\"nt-00000000-2\"}",
                "GET-ACCEPTED v=2 desired=- reported=- delta=-",
                "DELTA v=3 {\"led\":false}",
            });
        }

        [TestMethod]
        public void AnUpdateInFlightIsResentAfterReconnectAndGet()
        {
            StartSynced();
            _client.Update(_report);
            _client.Poll();
            _client.OnConnectionLost();
            Assert.IsFalse(_client.IsReady);
            Assert.IsTrue(_client.IsUpdatePending);
            _client.Poll();
            Deliver("/update/accepted", "{\"version\":4,\"clientToken\":\"nt-00000000-2\"}");
            _client.OnConnected();
            Deliver("/get/accepted", "{\"state\":{},\"version\":4,\"clientToken\":\"nt-00000000-3\"}");
            _client.Poll();
            Expect(new string[]
            {
                "PUB q1 " + Root + "/update {\"state\":{\"reported\":{\"t\":21}},\"clientToken\":\"nt-00000000-2\",\"version\":3}",
                Subscribe,
                "PUB q1 " + Root + "/get {\"clientToken\":\"nt-00000000-3\"}",
                "GET-ACCEPTED v=4 desired=- reported=- delta=-",
                "PUB q1 " + Root + "/update {\"state\":{\"reported\":{\"t\":21}},\"clientToken\":\"nt-00000000-4\",\"version\":4}",
            });
        }

        [TestMethod]
        public void NamedShadowUsesItsOwnTopics()
        {
            ShadowClientOptions options = new ShadowClientOptions();
            options.ShadowName = "sensors";
            Start(options, "kitchen");
            _client.OnConnected();
            string named = "$aws/things/kitchen/shadow/name/sensors";
            Expect(new string[]
            {
                "SUB q1 " + named + "/get/accepted " + named + "/get/rejected " + named + "/update/accepted " + named + "/update/rejected " + named + "/update/delta",
                "PUB q1 " + named + "/get {\"clientToken\":\"nt-00000000-1\"}",
            });
            Assert.IsFalse(Deliver("/get/accepted", "{\"state\":{},\"version\":1,\"clientToken\":\"nt-00000000-1\"}"), "the classic shadow's topics are not this client's");
            byte[] bytes = Text.Bytes("{\"state\":{},\"version\":1,\"clientToken\":\"nt-00000000-1\"}");
            Assert.IsTrue(_client.OnMessage(named + "/get/accepted", bytes, 0, bytes.Length));
            Expect(new string[] { "GET-ACCEPTED v=1 desired=- reported=- delta=-" });
        }

        [TestMethod]
        public void ARefusedSubscriptionSendsNothing()
        {
            Start();
            _session.RefuseSubscribe = true;
            _client.Update(_report);
            Assert.IsFalse(_client.OnConnected());
            _client.Poll();
            Expect(new string[] { Subscribe });
            Assert.StartsWith("W: subscribing to the shadow reply topics of thing 'kitchen' failed", _traffic.TakeLog());
        }

        [TestMethod]
        public void AnInvalidThingNameNeverTouchesTheBroker()
        {
            Start(null, "bad/name");
            Assert.AreEqual(ShadowTopicStatus.InvalidThingName, _client.ConfigurationStatus);
            Assert.IsFalse(_client.OnConnected());
            _client.Poll();
            Assert.IsFalse(Deliver("/get/accepted", "{}"));
            ExpectNothing();
            Assert.StartsWith("E: shadow client for thing 'bad/name' not started", _traffic.TakeLog());

            ShadowClientOptions options = new ShadowClientOptions();
            options.ShadowName = "a b";
            Start(options, "kitchen");
            Assert.AreEqual(ShadowTopicStatus.InvalidShadowName, _client.ConfigurationStatus);
        }

        [TestMethod]
        public void MissingSeamsMakeAnInertClient()
        {
            TrafficLog traffic = new TrafficLog();
            ShadowClient client = new ShadowClient(null, null, null, null, null, "kitchen", null);
            Assert.AreEqual(ShadowTopicStatus.BadParameter, client.ConfigurationStatus);
            Assert.IsFalse(client.OnConnected());
            client.Update(new TemperatureReport());
            client.Poll();
            byte[] bytes = Text.Bytes("{\"version\":1,\"state\":{\"led\":true}}");
            Assert.IsFalse(client.OnMessage(Root + "/update/delta", bytes, 0, bytes.Length));

            client = new ShadowClient(new RecordingMqttSession(traffic), new ManualClock(), null, null, null, "kitchen", null);
            Assert.IsFalse(client.OnConnected());
            Assert.IsFalse(client.OnMessage(Root + "/update/delta", bytes, 0, bytes.Length));
            Assert.AreEqual("", traffic.Take());
        }

        [TestMethod]
        public void MalformedRepliesAreConsumedLoggedAndIgnored()
        {
            StartSynced();
            _client.Update(_report);
            _client.Poll();
            _traffic.Take();
            _traffic.TakeLog();
            Assert.IsTrue(Deliver("/update/accepted", "{\"version\":4,\"clientToken\":\"nt-00000000-2\""));
            Assert.IsTrue(Deliver("/update/rejected", "{\"message\":\"no code\",\"clientToken\":\"nt-00000000-2\"}"));
            Assert.IsTrue(Deliver("/update/delta", "{\"version\":9}"));
            ExpectNothing();
            Assert.AreEqual(3, _traffic.LogLines);
            Assert.StartsWith("W: ignored a malformed message on " + Root + "/update/accepted: status 1, JSON status 3 at byte 42", _traffic.TakeLog());
            Assert.IsFalse(Deliver("/update/documents", "{}"), "not subscribed, not consumed");
            Assert.IsFalse(_client.OnMessage("$aws/things/other/shadow/update/accepted", new byte[0], 0, 0));
            Assert.IsFalse(_client.OnMessage(null, null, 0, 0));
        }

        [TestMethod]
        public void ADocumentTooLargeIsRefusedLocally()
        {
            StartSynced();
            _report.Blob = new string('x', 5000);
            _client.Update(_report);
            _client.Poll();
            Expect(new string[] { "UPDATE-REJECTED documentTooLarge update document not sent: larger than the document buffer or 8 KB; report fewer keys" });
            _clock.Advance(100000);
            _client.Poll();
            ExpectNothing();
        }

        [TestMethod]
        public void AFailedPublishIsRetriedAfterADelay()
        {
            StartSynced();
            _session.FailPublish = true;
            _client.Update(_report);
            _client.Poll();
            _session.FailPublish = false;
            _clock.Advance(499);
            _client.Poll();
            _clock.Advance(1);
            _client.Poll();
            Expect(new string[]
            {
                "PUB q1 " + Root + "/update {\"state\":{\"reported\":{\"t\":21}},\"clientToken\":\"nt-00000000-2\",\"version\":3}",
                "PUB q1 " + Root + "/update {\"state\":{\"reported\":{\"t\":21}},\"clientToken\":\"nt-00000000-3\",\"version\":3}",
            });
        }

        [TestMethod]
        public void AnyMessageNeverThrows()
        {
            StartSynced();
            SeededRandom random = new SeededRandom(8080);
            string[] suffixes = new string[] { "/get/accepted", "/get/rejected", "/update/accepted", "/update/rejected", "/update/delta" };
            string[] samples = new string[]
            {
                "{\"state\":{\"desired\":{\"led\":true},\"delta\":{\"led\":true}},\"version\":9,\"clientToken\":\"nt-00000000-2\"}",
                "{\"code\":409,\"message\":\"Version conflict\",\"clientToken\":\"nt-00000000-2\"}",
                "{\"version\":7,\"state\":{\"led\":false}}",
            };
            for (int i = 0; i < 3000; i++)
            {
                if (i % 7 == 0)
                {
                    _client.Update(_report);
                }

                byte[] bytes = i % 100 == 50 ? DeepDelta : i % 100 == 99 ? HugeDelta : Text.Bytes(samples[random.Next(samples.Length)]);
                int length = random.Next(bytes.Length + 1);
                if (random.Next(2) == 0 && length > 0 && bytes.Length < 1000)
                {
                    bytes[random.Next(length)] = (byte)random.Next(256);
                }

                Assert.IsTrue(_client.OnMessage(Root + suffixes[random.Next(suffixes.Length)], bytes, 0, length));
                _clock.Advance(random.Next(3000));
                _client.Poll();
                TakeWhatTheStepRecorded();
            }

            // Still fully working afterwards: a reconnect, GET and update complete exactly.
            _client.OnConnectionLost();
            _client.OnConnected();
            _client.Poll();
            string traffic = _traffic.Take();
            string getPrefix = Root + "/get {\"clientToken\":\"";
            Assert.EndsWith("\"}", traffic, "the GET is the last thing sent");
            int start = traffic.LastIndexOf(getPrefix) + getPrefix.Length;
            string token = traffic.Substring(start, traffic.Length - start - 2);
            Deliver("/get/accepted", "{\"state\":{},\"version\":100,\"clientToken\":\"" + token + "\"}");
            _client.Update(_report);
            _client.Poll();
            Assert.EndsWith(",\"version\":100}", _traffic.Take());
        }

        // The test holds no more than one step's records: kept for the whole run, the events and log lines of 3,000
        // messages (each huge delta's 40 KB repeated as text) needed about 6 MB in nanoCLR; a board has about 90 KB.
        // Each step is bounded instead: one message, an update and a poll send and hear a handful of lines, never a
        // growing backlog.
        private static void TakeWhatTheStepRecorded()
        {
            string step = _traffic.Take();
            int lines = step.Length == 0 ? 0 : 1;
            for (int i = 0; i < step.Length; i++)
            {
                lines += step[i] == '\n' ? 1 : 0;
            }

            Assert.IsTrue(lines <= 3, "one message heard (one event) and at most two requests sent (the update, a GET after a 409): " + step);
            Assert.IsTrue(_traffic.LogLines <= 3, "at most a log line for each of them");
            _traffic.TakeLog();
        }

        private static readonly byte[] DeepDelta = Nested(3000);
        private static readonly byte[] HugeDelta = Text.Bytes("{\"version\":99999,\"state\":{\"blob\":\"" + new string('x', 40000) + "\"}}");

        private static byte[] Nested(int depth)
        {
            byte[] bytes = new byte[20 + 2 * depth];
            byte[] head = Text.Bytes("{\"state\":{\"a\":");
            System.Array.Copy(head, bytes, head.Length);
            for (int i = 0; i < depth; i++)
            {
                bytes[head.Length + i] = (byte)'[';
                bytes[head.Length + depth + i] = (byte)']';
            }

            int tail = head.Length + 2 * depth;
            bytes[tail] = (byte)'}';
            bytes[tail + 1] = (byte)'}';
            for (int i = tail + 2; i < bytes.Length; i++)
            {
                bytes[i] = (byte)' ';
            }

            return bytes;
        }

        [TestMethod]
        public void TwoGetsLostToTheLinkInARowSuspendGetsForAnHourLoggedWhileReportsGoOn()
        {
            // A get/accepted too large for the device: M2Mqtt runs out of memory receiving it and the link drops.
            Start();
            _client.OnConnected();
            _traffic.Take();
            _client.OnConnectionLost();
            Assert.IsFalse(_client.IsGetSuspended, "one loss can be the network");
            _client.OnConnected();
            Expect(new string[] { Subscribe, "PUB q1 " + Root + "/get {\"clientToken\":\"nt-00000000-2\"}" });
            _client.OnConnectionLost();
            Assert.IsTrue(_client.IsGetSuspended);
            Assert.AreEqual("E: the link dropped 2 times in a row while the shadow of thing 'kitchen' was being read: its get/accepted is probably larger than this device can receive (9216 bytes, MemoryBudget.LargestIncomingBytes); not reading the shadow for 3600 s (reports and deltas go on). Remove desired and reported keys this device does not use", _traffic.TakeLog());

            // Connected again: no GET, and the report goes out without a version (a 409 would ask for a GET).
            _client.OnConnected();
            _client.Update(_report);
            _client.Poll();
            _client.Get();
            _client.Poll();
            Expect(new string[] { Subscribe, "PUB q1 " + Root + "/update {\"state\":{\"reported\":{\"t\":21}},\"clientToken\":\"nt-00000000-3\"}" });
            Deliver("/update/accepted", "{\"state\":{\"reported\":{\"t\":21}},\"version\":8,\"clientToken\":\"nt-00000000-3\"}");
            Assert.AreEqual("UPDATE-ACCEPTED v=8", _traffic.Take());

            // An hour later the next connect reads the shadow again.
            _client.OnConnectionLost();
            _clock.NowMs += 3600000;
            Assert.IsFalse(_client.IsGetSuspended);
            _client.OnConnected();
            Expect(new string[] { Subscribe, "PUB q1 " + Root + "/get {\"clientToken\":\"nt-00000000-4\"}" });
            Assert.AreEqual("", _traffic.TakeLog());
        }
    }
}
