using NanoThing.Core.Agent;
using NanoThing.Core.Desired;
using NanoThing.Core.Io;
using NanoThing.Core.Json;
using NanoThing.DeviceTests.Support;
using nanoFramework.TestFramework;

namespace NanoThing.DeviceTests.State
{
    /// <summary>
    /// <see cref="DesiredStateHandler"/> alone: the desired state restored once per boot from get/accepted, deltas
    /// applied with the LED following, errors cleared when the shadow has no delta or a report was refused for good,
    /// and its part of the report (golden JSON).
    /// </summary>
    [TestClass]
    public class DesiredStateHandlerTests
    {
        private static readonly JsonReader Reader = new JsonReader();
        private static readonly JsonWriter Writer = new JsonWriter(new byte[2048]);
        private static TrafficLog _log;
        private static FakeDigitalOutput _pin;
        private static DesiredStateHandler _handler;

        private static void Start()
        {
            _log = new TrafficLog();
            _pin = new FakeDigitalOutput();
            _handler = new DesiredStateHandler(new DesiredState(new DeviceSettings()), new Led(_pin, true), _log);
        }

        // A get/accepted document: the handles of state.desired, state.reported and state.delta (-1 when absent) go to the handler.
        private static void GetAccepted(string json)
        {
            Assert.AreEqual((int)JsonStatus.Ok, (int)Text.Parse(Reader, json), json);
            int state = Reader.FindMember(Reader.Root, "state");
            int delta = Reader.FindMember(state, "delta");
            _handler.OnGetAccepted(Reader, Reader.FindMember(state, "desired"), Reader.FindMember(state, "reported"), delta);
            if (delta >= 0)
            {
                _handler.OnDelta(Reader, delta);
            }
        }

        private static void Delta(string state)
        {
            Assert.AreEqual((int)JsonStatus.Ok, (int)Text.Parse(Reader, state), state);
            _handler.OnDelta(Reader, Reader.Root);
        }

        private static string Report(bool full)
        {
            Writer.Reset();
            Writer.BeginObject();
            _handler.WriteReported(Writer, full);
            Writer.EndObject();
            return Text.Of(Writer);
        }

        [TestMethod]
        public void TheFirstGetAcceptedRestoresTheWholeDesiredState_LaterOnesOnlyTheirDelta()
        {
            Start();
            Assert.IsFalse(_handler.IsRestored);
            // After a restart the reported state still matches: AWS sends no delta, yet the settings (RAM only) must come back.
            GetAccepted("{\"state\":{\"desired\":{\"led\":true,\"reportIntervalSeconds\":600},\"reported\":{\"led\":true,\"reportIntervalSeconds\":600}},\"version\":4}");
            Assert.IsTrue(_handler.IsRestored);
            Assert.IsTrue(_handler.State.Settings.LedOn);
            Assert.AreEqual(600000L, _handler.State.Settings.ReportIntervalMs);
            Assert.IsTrue(_pin.Level, "the LED follows the restored setting");
            Assert.AreEqual("I: desired state restored from the shadow: 2 key(s)", _log.TakeLog());

            GetAccepted("{\"state\":{\"desired\":{\"led\":false},\"reported\":{\"led\":false}},\"version\":5}");
            Assert.IsTrue(_handler.State.Settings.LedOn, "later GETs apply only their delta (this one has none)");
            Assert.AreEqual("", _log.TakeLog());
        }

        [TestMethod]
        public void ADeltaIsAppliedAndDrivesTheLed_ItsValuesAreReportedBack()
        {
            Start();
            Delta("{\"led\":true,\"temperatureThreshold\":0.25}");
            Assert.IsTrue(_pin.Level);
            Assert.AreEqual("I: desired state: applied 2 key(s), 0 in error", _log.TakeLog());
            Assert.IsTrue(_handler.HasPendingReport);
            Assert.AreEqual("{\"led\":true,\"temperatureThreshold\":0.25}", Report(false));
            _handler.OnReportAccepted();
            Assert.IsFalse(_handler.HasPendingReport);
            Assert.AreEqual("{}", Report(false));
            Assert.AreEqual("{\"led\":true,\"reportIntervalSeconds\":300,\"temperatureThreshold\":0.25,\"humidityThreshold\":2,\"pressureThreshold\":1,\"telemetryIntervalSeconds\":0,\"telemetryBatchSize\":10}", Report(true), "the full report carries every setting");
        }

        [TestMethod]
        public void AGetAcceptedWithoutDeltaMeansNothingIsInErrorAnyMore()
        {
            Start();
            Delta("{\"led\":\"on\",\"colour\":1}");
            Assert.AreEqual(2, _handler.State.ErrorCount);
            Assert.AreEqual("{\"errors\":{\"led\":\"must be true or false\",\"colour\":\"" + _handler.State.UnknownKeyReason + "\"}}", Report(false));
            _handler.OnReportAccepted();

            GetAccepted("{\"state\":{\"desired\":{\"led\":false},\"reported\":{\"led\":false,\"errors\":{\"led\":\"must be true or false\",\"colour\":\"unknown key\"}}},\"version\":9}");
            Assert.AreEqual(0, _handler.State.ErrorCount);
            Assert.AreEqual("{\"led\":false,\"errors\":{\"led\":null,\"colour\":null}}", Report(false), "the first GET after boot also restored led; the errors the shadow holds are deleted");
        }

        [TestMethod]
        public void AReportRefusedForGoodDropsTheErrorsItCarried()
        {
            Start();
            Delta("{\"no such key\":1}");
            Assert.AreEqual(1, _handler.State.ErrorCount);
            Report(false);
            _handler.OnReportRefused();
            Assert.AreEqual(0, _handler.State.ErrorCount);
            Assert.IsFalse(_handler.HasPendingReport, "the refused name is never sent again");
            Assert.AreEqual("{}", Report(false));
        }

        [TestMethod]
        public void WhileAnErrorIsOutstandingTheShadowIsReadAgainEveryReportInterval()
        {
            Start();
            Assert.IsFalse(_handler.Poll(1000000), "no error: never");
            Delta("{\"led\":\"on\"}");
            Assert.IsFalse(_handler.Poll(20000), "the delta was just seen");
            Assert.IsFalse(_handler.Poll(20000 + 299999));
            Assert.IsTrue(_handler.Poll(20000 + 300000), "a report interval (300 s) after the desired state was last seen");
            Assert.IsFalse(_handler.Poll(20000 + 300001), "once per interval");
            Assert.IsTrue(_handler.Poll(20000 + 600000), "still in error, no answer seen: again");

            // The answer: desired led is back to the reported value, so the document has no delta.
            GetAccepted("{\"state\":{\"desired\":{\"led\":false},\"reported\":{\"led\":false,\"errors\":{\"led\":\"must be true or false\"}}},\"version\":9}");
            Assert.AreEqual(0, _handler.State.ErrorCount);
            Assert.IsFalse(_handler.Poll(20000 + 900000), "nothing in error any more");
        }

        [TestMethod]
        public void WithoutLedOrLog_NothingFails()
        {
            DesiredStateHandler handler = new DesiredStateHandler(new DesiredState(new DeviceSettings()), null, null);
            Assert.AreEqual((int)JsonStatus.Ok, (int)Text.Parse(Reader, "{\"led\":true}"));
            handler.OnDelta(Reader, Reader.Root);
            Assert.IsTrue(handler.State.Settings.LedOn);
        }
    }
}
