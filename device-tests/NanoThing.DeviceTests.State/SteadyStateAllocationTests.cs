using NanoThing.Core.Connection;
using NanoThing.Core.Desired;
using NanoThing.Core.Io;
using NanoThing.Core.Json;
using NanoThing.Core.Reporting;
using NanoThing.Core.Sensors;
using NanoThing.Core.Shadow;
using NanoThing.DeviceTests.Support;
using nanoFramework.TestFramework;

namespace NanoThing.DeviceTests.State
{
    /// <summary>
    /// The device's steady state allocates nothing: measuring, debouncing, deciding and writing reports (each with a
    /// fresh clientToken, as a request, whose update/accepted reply is matched by that token), applying a delta of
    /// known keys, backing off. Measured on the host run with GC.GetAllocatedBytesForCurrentThread (not
    /// available on nanoFramework, where the test is skipped).
    /// </summary>
    [TestClass]
    public class SteadyStateAllocationTests
    {
        /// <summary>What the agent writes into state.reported: the policy's members, then the desired state's.</summary>
        private sealed class Content : IReportedStateWriter
        {
            public long Now;

            public void WriteReported(JsonWriter writer)
            {
                _policy.WriteReport(Now, writer);
                _desired.WritePending(writer);
            }
        }

        private static readonly byte[] Delta = Text.Bytes("{\"led\":true,\"reportIntervalSeconds\":30,\"temperatureThreshold\":0.25}");
        private static readonly byte[] NoLed = Text.Bytes("{\"led\":false}");
        private static readonly JsonReader Reader = new JsonReader();
        private static readonly ShadowRequestWriter Request = new ShadowRequestWriter(1024);
        private static readonly ShadowResponse Response = new ShadowResponse(1024);
        private static readonly byte[] Token = new byte[ClientTokenSource.MaxLength];
        private static readonly byte[] Reply = new byte[256];
        private static readonly JsonWriter ReplyWriter = new JsonWriter(Reply);
        private static ClientTokenSource _tokens;
        private static Content _content;
        private static SimulatedBme280 _chip;
        private static Bme280 _sensor;
        private static Bme280Reading _reading;
        private static FakeDigitalInput _pin;
        private static Button _button;
        private static DesiredState _desired;
        private static ReportingPolicy _policy;
        private static ReconnectBackoff _backoff;
        private static int _reports;

        [TestMethod]
        public void MeasureReportApplyBackOff_AllocateNothing()
        {
#if NANOFRAMEWORK_1_0
            Assert.SkipTest("allocation is measured on the host run; nanoFramework has no per-thread allocation counter");
#else
            _content = new Content();
            _chip = SimulatedBme280.DatasheetExample();
            _chip.LogWrites = false;
            _sensor = new Bme280(_chip);
            _reading = new Bme280Reading();
            _pin = new FakeDigitalInput(true);
            _button = new Button(_pin, false, 50);
            DeviceSettings settings = new DeviceSettings();
            _desired = new DesiredState(settings);
            _policy = new ReportingPolicy(settings, "1.0.0", 0);
            _backoff = new ReconnectBackoff(new SeededRandom(1));
            _tokens = new ClientTokenSource(new SeededRandom(2));
            RunMinutes(10);
            long before = System.GC.GetAllocatedBytesForCurrentThread();
            RunMinutes(60);
            long allocated = System.GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.IsTrue(_reports > 10, "reports were written");
            Assert.AreEqual(0L, allocated, "bytes allocated by an hour of steady state");
#endif
        }

        /// <summary>
        /// One report as ShadowClient sends it: the next clientToken into the reused buffer, the update document with
        /// it, and the update/accepted reply echoing it (built in a reused buffer) matched
        /// by the token's bytes.
        /// </summary>
        private static void Report()
        {
            int length = _tokens.Next(Token, 0);
            Assert.IsTrue(Request.WriteUpdate(_content, Token, 0, length, _reports) == ShadowDocumentStatus.Ok);
            ReplyWriter.Reset();
            ReplyWriter.BeginObject();
            ReplyWriter.Property("version", _reports + 1L);
            ReplyWriter.Name("clientToken");
            ReplyWriter.String(Token, 0, length);
            ReplyWriter.EndObject();
            Assert.IsTrue(Response.Read(ShadowTopicType.UpdateAccepted, Reply, 0, ReplyWriter.Length) == ShadowResponseStatus.Ok);
            Assert.IsTrue(Response.ClientTokenEquals(Token, 0, length), "the reply matches the request's token");
        }

        /// <summary>Every 10 ms: button, measurement, report; every minute a press, a delta, a lost connection.</summary>
        private static void RunMinutes(int minutes)
        {
            long end = _content.Now + minutes * 60000L;
            for (; _content.Now < end; _content.Now += 10)
            {
                long now = _content.Now;
                long inMinute = now % 60000;
                _pin.Set(inMinute >= 1000 && inMinute < 1200 ? false : true);
                if (_button.Poll(now))
                {
                    _policy.OnButtonPressed(_button.PressCount);
                }

                if (_policy.IsSampleDue(now) && !_sensor.IsBusy)
                {
                    _policy.OnSampleStarted(now);
                    _chip.SetRaw(519888 + (int)(now / 1000 % 100) * 40, 415148, 30000);
                    _sensor.Start(now);
                }

                if (_sensor.IsBusy && _sensor.TryComplete(now, _reading) != SensorStatus.Busy)
                {
                    _policy.OnSample(_reading);
                }

                if (inMinute == 2000)
                {
                    byte[] delta = now / 60000 % 2 == 0 ? Delta : NoLed;
                    Assert.IsTrue(Reader.Parse(delta, 0, delta.Length) == JsonStatus.Ok);
                    _desired.Apply(Reader, Reader.Root);
                }

                if (inMinute == 3000)
                {
                    _backoff.OnConnecting(now);
                    _backoff.OnConnected(now);
                    _backoff.OnDisconnected(now + 5);
                    Assert.IsTrue(_backoff.MayConnect(_backoff.NextAttemptMs));
                }

                if (_policy.IsReportDue(now) || (_desired.HasPendingReport && _policy.MayReport(now)))
                {
                    Report();
                    _policy.OnReportAccepted();
                    _desired.OnReportAccepted();
                    _reports++;
                }
            }
        }
    }
}
