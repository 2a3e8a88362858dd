using NanoThing.Core.Agent;
using NanoThing.Core.Desired;
using NanoThing.Core.Json;
using NanoThing.Core.Reporting;
using NanoThing.Core.Seams;
using NanoThing.Core.Shadow;
using NanoThing.DeviceTests.Support;
using nanoFramework.TestFramework;

namespace NanoThing.DeviceTests.Agent
{
    /// <summary>
    /// <see cref="ShadowReporter"/> alone over a shadow client, a recording broker and a manual clock, with one
    /// recording <see cref="IReportSection"/>: the full report after connect (golden update document), the memory read
    /// before the document is written, reports asked for by a section, the pauses after a failed report.
    /// </summary>
    [TestClass]
    public class ShadowReporterTests
    {
        private const string Root = "$aws/things/kitchen/shadow";

        private static TrafficLog _traffic;
        private static RecordingMqttSession _session;
        private static ManualClock _clock;
        private static ShadowClient _shadow;
        private static ReportingPolicy _policy;
        private static DeviceSettings _settings;
        private static CountingGauge _gauge;
        private static RecordingSection _section;
        private static ShadowReporter _reporter;

        // Connected, the shadow read (version 3, no delta), nothing reported yet.
        private static void Start()
        {
            Start(null);
        }

        private static void Start(ShadowClientOptions options)
        {
            _traffic = new TrafficLog();
            _session = new RecordingMqttSession(_traffic);
            _session.Connected = true;
            _clock = new ManualClock();
            _clock.NowMs = 1000;
            ShadowRouter router = new ShadowRouter();
            _shadow = new ShadowClient(_session, _clock, new FixedRandom(0), _traffic, router, "kitchen", options);
            _settings = new DeviceSettings();
            _policy = new ReportingPolicy(_settings, "1.2.3", 0);
            _gauge = new CountingGauge();
            _section = new RecordingSection(_gauge);
            _reporter = new ShadowReporter(_shadow, _policy, _settings, _gauge, new IReportSection[] { _section }, _clock, _traffic);
            router.Route(null, _reporter);
            _reporter.OnConnected();
            Assert.IsTrue(_shadow.OnConnected());
            Deliver("/get/accepted", "{\"state\":{},\"version\":3,\"clientToken\":\"nt-00000000-1\"}");
            _traffic.Take();
        }

        private static void Deliver(string suffix, string json)
        {
            byte[] bytes = Text.Bytes(json);
            Assert.IsTrue(_shadow.OnMessage(Root + suffix, bytes, 0, bytes.Length));
        }

        // One pass as the agent makes it while connected: the reporter decides, the client sends.
        private static string Pass()
        {
            _reporter.Poll(_clock.NowMs, false);
            _shadow.Poll();
            return _traffic.Take();
        }

        [TestMethod]
        public void TheFirstReportAfterConnectCarriesEverything_TheMemoryReadBeforeItIsWritten()
        {
            Start();
            _clock.NowMs = 61000;
            Assert.AreEqual("PUB q1 " + Root + "/update {\"state\":{\"reported\":{\"temperature\":null,\"humidity\":null,\"pressure\":null,\"faults\":null,\"buttonPresses\":0,\"firmwareVersion\":\"1.2.3\",\"uptimeSeconds\":61,\"freeMemoryBytes\":4242,\"section\":\"full\"}},\"clientToken\":\"nt-00000000-2\",\"version\":3}", Pass());
            Assert.AreEqual(1, _gauge.Reads);
            Assert.AreEqual(1, _section.GaugeReadsAtWrite, "the gauge (which may collect garbage) was read before the document, not while it was written");
            Assert.IsFalse(_reporter.IsQuiet, "the full report is not yet accepted");

            Deliver("/update/accepted", "{\"state\":{},\"version\":4,\"clientToken\":\"nt-00000000-2\"}");
            Assert.AreEqual(1, _reporter.Accepted);
            Assert.AreEqual(1, _section.Accepted);
            Assert.IsFalse(_policy.IsFullReportPending);
            Assert.IsTrue(_reporter.IsQuiet);
            Assert.AreEqual("", Pass(), "nothing more to report");
        }

        [TestMethod]
        public void ASectionWithSomethingToSayGetsAReportWhenTheMinimumIntervalAllows()
        {
            Start();
            Pass();
            Deliver("/update/accepted", "{\"state\":{},\"version\":4,\"clientToken\":\"nt-00000000-2\"}");
            _clock.Advance(1000);
            _section.Pending = true;
            Assert.AreEqual("", Pass(), "within the minimum interval");
            Assert.AreEqual(1000L + _settings.MinReportIntervalMs, _reporter.NextReportMs(_clock.NowMs));
            _clock.NowMs = 1000 + _settings.MinReportIntervalMs;
            Assert.AreEqual("PUB q1 " + Root + "/update {\"state\":{\"reported\":{\"section\":\"pending\"}},\"clientToken\":\"nt-00000000-3\",\"version\":4}", Pass());
            Assert.AreEqual(1, _gauge.Reads, "a partial report reads no memory");
            Assert.AreEqual(long.MaxValue, _reporter.NextReportMs(_clock.NowMs), "one update pending at a time");
        }

        [TestMethod]
        public void APassingFailurePausesReportsForThirtySeconds()
        {
            ShadowClientOptions options = new ShadowClientOptions();
            options.MaxAttempts = 1;
            Start(options);
            Pass();
            _clock.Advance(options.RequestTimeoutMs);
            Assert.AreEqual("", Pass(), "the client gave up on the report: no reply");
            Assert.AreEqual(1, _reporter.Rejected);
            Assert.AreEqual(0, _section.Refused, "a passing failure keeps what the sections wrote");
            Assert.IsTrue(_traffic.TakeLog().EndsWith("W: report failed (no reply within 10000 ms (gave up after 1 attempts)); sending the latest state again in 30 s"));
            Assert.IsTrue(_reporter.IsHeld);
            Assert.AreEqual(11000L + ShadowRetryPolicy.TransientHoldMs, _reporter.HeldUntilMs);
            Assert.AreEqual(_reporter.HeldUntilMs, _reporter.NextReportMs(_clock.NowMs));
            _clock.NowMs = _reporter.HeldUntilMs - 1;
            Assert.AreEqual("", Pass());
            _clock.NowMs = _reporter.HeldUntilMs;
            Assert.IsTrue(Pass().StartsWith("PUB q1 " + Root + "/update {\"state\":{\"reported\":{\"temperature\":null,"), "the full report again, with the latest values");
        }

        [TestMethod]
        public void ARefusalForGoodDropsTheSectionsCloudContentAndWaitsTheReportInterval()
        {
            Start();
            Pass();
            Deliver("/update/rejected", "{\"code\":400,\"message\":\"Invalid JSON\",\"clientToken\":\"nt-00000000-2\"}");
            Assert.AreEqual(1, _reporter.Rejected);
            Assert.AreEqual(1, _section.Refused);
            Assert.AreEqual(1000L + _settings.ReportIntervalMs, _reporter.HeldUntilMs);
            Assert.IsTrue(_traffic.TakeLog().EndsWith("W: report refused (400 Invalid JSON); dropped the reported errors, next report in 300 s"));
        }

        [TestMethod]
        public void AReconnectEndsAPauseAndAsksForTheFullReportAgain()
        {
            Start();
            Pass();
            Deliver("/update/accepted", "{\"state\":{},\"version\":4,\"clientToken\":\"nt-00000000-2\"}");
            _reporter.OnUpdateRejected(ShadowFailure.Rejected, 503, "busy");
            Assert.IsTrue(_reporter.IsHeld);
            _reporter.OnConnected();
            Assert.IsFalse(_reporter.IsHeld);
            Assert.IsTrue(_policy.IsFullReportPending);
            Assert.IsFalse(_reporter.IsQuiet);
        }

        private sealed class CountingGauge : IMemoryGauge
        {
            public int Reads;

            public long FreeManagedBytes()
            {
                Reads++;
                return 4242;
            }
        }

        private sealed class RecordingSection : IReportSection
        {
            private readonly CountingGauge _gauge;
            public bool Pending;
            public int Accepted;
            public int Refused;
            public int GaugeReadsAtWrite = -1;

            public RecordingSection(CountingGauge gauge)
            {
                _gauge = gauge;
            }

            public bool HasPendingReport { get { return Pending; } }

            public void WriteReported(JsonWriter writer, bool full)
            {
                GaugeReadsAtWrite = _gauge.Reads;
                if (full || Pending)
                {
                    writer.Property("section", full ? "full" : "pending");
                }
            }

            public void OnReportAccepted()
            {
                Accepted++;
                Pending = false;
            }

            public void OnReportRefused()
            {
                Refused++;
            }
        }
    }
}
