using System;
using NanoThing.Core.Desired;
using NanoThing.Core.Json;
using NanoThing.Core.Reporting;
using NanoThing.Core.Seams;
using NanoThing.Core.Sensors;
using NanoThing.Core.Shadow;
using NanoThing.DeviceTests.Support;
using nanoFramework.TestFramework;

namespace NanoThing.DeviceTests.Reporting
{
    /// <summary>The whole update documents the device sends (golden JSON through the shadow request writer).</summary>
    [TestClass]
    public class ReportedStateTests
    {
        private const string Unknown = "unknown key; settable keys are led, reportIntervalSeconds, temperatureThreshold, humidityThreshold, pressureThreshold";

        private sealed class ManualClock : IClock
        {
            public long Now;

            public long MonotonicMilliseconds()
            {
                return Now;
            }

            public DateTime UtcNow()
            {
                return new DateTime(1970, 1, 1);
            }
        }

        private static ManualClock _clock;
        private static DesiredState _desired;
        private static ReportingPolicy _policy;
        private static ReportedState _reported;
        private static readonly JsonReader Reader = new JsonReader();
        private static readonly ShadowRequestWriter Request = new ShadowRequestWriter(ShadowLimits.MaxDocumentBytes);

        private static void Start()
        {
            _clock = new ManualClock();
            DeviceSettings settings = new DeviceSettings();
            _desired = new DesiredState(settings);
            _policy = new ReportingPolicy(settings, "1.0.0", 0);
            _policy.ResetReason = "powerOn";
            _reported = new ReportedState(_policy, _desired, _clock);
            Bme280Reading reading = new Bme280Reading();
            reading.SetValues(2508, 25767233, true, 56317);
            _policy.OnSampleStarted(0);
            _policy.OnSample(reading);
        }

        private static void Parse(string json)
        {
            Assert.AreEqual((int)JsonStatus.Ok, (int)Text.Parse(Reader, json));
        }

        private static string Update(string clientToken)
        {
            Assert.AreEqual((int)ShadowDocumentStatus.Ok, (int)Request.WriteUpdate(_reported, clientToken, -1));
            return Text.Of(Request.Buffer, 0, Request.Length);
        }

        [TestMethod]
        public void FirstUpdateAfterConnect_IsTheWholeState()
        {
            Start();
            Parse("{\"led\":true,\"foo\":1}");
            _reported.OnDelta(Reader, Reader.Root);
            _clock.Now = 2000;
            Assert.IsTrue(_reported.IsDue(2000));
            Assert.AreEqual("{\"state\":{\"reported\":{\"temperature\":25.08,\"humidity\":55,\"pressure\":1006.53,\"faults\":null,\"buttonPresses\":0,\"firmwareVersion\":\"1.0.0\",\"uptimeSeconds\":2,\"resetReason\":\"powerOn\",\"led\":true,\"reportIntervalSeconds\":300,\"temperatureThreshold\":0.5,\"humidityThreshold\":2,\"pressureThreshold\":1,\"errors\":{\"foo\":\"" + Unknown + "\"}}},\"clientToken\":\"t1\"}", Update("t1"));
            _reported.OnAccepted();
            Assert.IsFalse(_reported.IsDue(60000));
        }

        [TestMethod]
        public void DeltaAnswer_CarriesOnlyTheAppliedKey_AfterTheMinimumInterval()
        {
            Start();
            _clock.Now = 2000;
            Update("t1");
            _reported.OnAccepted();

            Parse("{\"led\":true,\"foo\":1}");
            _reported.OnDelta(Reader, Reader.Root);
            Assert.IsFalse(_reported.IsDue(6999), "min interval 5 s after the report at 2 s");
            Assert.IsTrue(_reported.IsDue(7000));
            _clock.Now = 7000;
            Assert.AreEqual("{\"state\":{\"reported\":{\"led\":true,\"errors\":{\"foo\":\"" + Unknown + "\"}}},\"clientToken\":\"t2\"}", Update("t2"));
            _reported.OnAccepted();

            // After a reconnect the GET shows no delta (foo was removed from desired) and the old error in reported.
            _policy.OnConnected();
            Parse("{\"state\":{\"reported\":{\"led\":true,\"errors\":{\"foo\":\"x\"}}}}");
            _reported.OnShadowGet(Reader, Reader.FindPath(Reader.Root, "state.reported"), -1);
            _clock.Now = 20000;
            Assert.IsTrue(_reported.IsDue(20000));
            Assert.AreEqual("{\"state\":{\"reported\":{\"temperature\":25.08,\"humidity\":55,\"pressure\":1006.53,\"faults\":null,\"buttonPresses\":0,\"firmwareVersion\":\"1.0.0\",\"uptimeSeconds\":20,\"resetReason\":\"powerOn\",\"led\":true,\"reportIntervalSeconds\":300,\"temperatureThreshold\":0.5,\"humidityThreshold\":2,\"pressureThreshold\":1,\"errors\":{\"foo\":null}}},\"clientToken\":\"t3\"}", Update("t3"));
        }

        [TestMethod]
        public void RetriedUpdate_IsRewrittenWithTheLatestValues()
        {
            Start();
            _clock.Now = 2000;
            Update("t1");
            _reported.OnAccepted();
            Bme280Reading reading = new Bme280Reading();
            reading.SetStatus(SensorStatus.BusError);
            _policy.OnSample(reading);
            _clock.Now = 10000;
            Assert.AreEqual("{\"state\":{\"reported\":{\"temperature\":null,\"humidity\":null,\"pressure\":null,\"faults\":{\"bme280\":\"busError\"}}},\"clientToken\":\"t2\"}", Update("t2"));
            reading.SetValues(2508, 25767233, true, 56317);
            _policy.OnSample(reading);
            _clock.Now = 11000;
            Assert.AreEqual("{\"state\":{\"reported\":{}},\"clientToken\":\"t2\"}", Update("t2"), "back to the reported values before the first was accepted: nothing left to say");
        }
    }
}
