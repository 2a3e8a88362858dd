using NanoThing.Core.Desired;
using NanoThing.Core.Json;
using NanoThing.Core.Reporting;
using NanoThing.Core.Sensors;
using NanoThing.DeviceTests.Support;
using nanoFramework.TestFramework;

namespace NanoThing.DeviceTests.State
{
    /// <summary>When and what <see cref="ReportingPolicy"/> reports, driven by hand-set milliseconds (golden JSON of the reported members).</summary>
    [TestClass]
    public class ReportingPolicyTests
    {
        private static readonly JsonWriter Writer = new JsonWriter(new byte[1024]);
        private static readonly Bme280Reading Reading = new Bme280Reading();

        private static ReportingPolicy NewPolicy(DeviceSettings settings)
        {
            ReportingPolicy policy = new ReportingPolicy(settings, "1.2.3", 0);
            policy.ResetReason = "powerOn";
            return policy;
        }

        /// <summary>A reading of <paramref name="centiCelsius"/> 0.01 degC, <paramref name="centiHpa"/> 0.01 hPa and <paramref name="centiPercent"/> 0.01 %RH (negative: no humidity).</summary>
        private static Bme280Reading Sample(int centiCelsius, int centiHpa, int centiPercent)
        {
            uint humidity = centiPercent < 0 ? 0 : (uint)((centiPercent * 1024 + 50) / 100);
            Reading.SetValues(centiCelsius, (uint)centiHpa * 256, centiPercent >= 0, humidity);
            return Reading;
        }

        private static Bme280Reading Fault(SensorStatus status)
        {
            Reading.SetStatus(status);
            return Reading;
        }

        private static string Report(ReportingPolicy policy, long nowMs)
        {
            Writer.Reset();
            Writer.BeginObject();
            policy.WriteReport(nowMs, Writer);
            Writer.EndObject();
            Assert.IsTrue(Writer.IsComplete);
            return Text.Of(Writer);
        }

        /// <summary>A policy that has sent and had accepted its first full report at 0 ms with 25.08 degC, 1006.53 hPa, 55 %RH.</summary>
        private static ReportingPolicy Connected(DeviceSettings settings)
        {
            ReportingPolicy policy = NewPolicy(settings);
            policy.OnSampleStarted(0);
            policy.OnSample(Sample(2508, 100653, 5500));
            policy.OnConnected();
            Report(policy, 0);
            policy.OnReportAccepted();
            return policy;
        }

        [TestMethod]
        public void FirstReportAfterConnect_CarriesEverything()
        {
            ReportingPolicy policy = NewPolicy(new DeviceSettings());
            Assert.IsTrue(policy.IsSampleDue(0));
            policy.OnSampleStarted(0);
            policy.OnSample(Sample(2508, 100653, 5500));
            policy.OnConnected();
            Assert.IsTrue(policy.IsReportDue(1500));
            Assert.AreEqual("{\"temperature\":25.08,\"humidity\":55,\"pressure\":1006.53,\"faults\":null,\"buttonPresses\":0,\"firmwareVersion\":\"1.2.3\",\"uptimeSeconds\":1,\"resetReason\":\"powerOn\"}", Report(policy, 1500));
            policy.OnReportAccepted();
            Assert.IsFalse(policy.IsReportDue(60000));
        }

        [TestMethod]
        public void BeforeAnySample_TheFullReportDeletesStaleValues_AndOmitsAnUnknownResetReason()
        {
            ReportingPolicy policy = new ReportingPolicy(new DeviceSettings(), "0.1.0", 1000);
            Assert.IsTrue(policy.IsReportDue(1000), "after construction a full report is pending");
            Assert.AreEqual("{\"temperature\":null,\"humidity\":null,\"pressure\":null,\"faults\":null,\"buttonPresses\":0,\"firmwareVersion\":\"0.1.0\",\"uptimeSeconds\":2}", Report(policy, 3999));
        }

        [TestMethod]
        public void ChangeBelowThreshold_IsNotReported_ChangeAtThreshold_ReportsOnlyThatQuantity()
        {
            ReportingPolicy policy = Connected(new DeviceSettings());
            policy.OnSample(Sample(2557, 100653 + 99, 5500 + 199));
            Assert.IsFalse(policy.IsReportDue(10000), "0.49 degC, 0.99 hPa, 1.99 %RH are below the default thresholds");
            policy.OnSample(Sample(2558, 100653 + 99, 5500 + 199));
            Assert.IsTrue(policy.IsReportDue(20000));
            Assert.AreEqual("{\"temperature\":25.58}", Report(policy, 20000));
            policy.OnReportAccepted();

            // Drift is measured from the value last reported, not from the previous sample.
            policy.OnSample(Sample(2558, 100653 + 100, 5500 + 199));
            Assert.AreEqual("{\"pressure\":1007.53}", Report(policy, 30000));
        }

        [TestMethod]
        public void NeverTwoReportsWithinTheMinimumInterval()
        {
            ReportingPolicy policy = Connected(new DeviceSettings());
            policy.OnSample(Sample(3000, 100653, 5500));
            Assert.IsFalse(policy.IsReportDue(4999), "min interval 5 s after the report at 0");
            Assert.IsTrue(policy.IsReportDue(5000));
            Report(policy, 5000);
            policy.OnReportAccepted();
            policy.OnButtonPressed(1);
            Assert.IsFalse(policy.IsReportDue(9999));
            Assert.IsFalse(policy.MayReport(9999));
            Assert.IsTrue(policy.IsReportDue(10000));
        }

        [TestMethod]
        public void ButtonPress_RequestsAnImmediateReportWithTheCount()
        {
            ReportingPolicy policy = Connected(new DeviceSettings());
            Assert.IsFalse(policy.IsReportDue(7000));
            policy.OnButtonPressed(1);
            Assert.IsTrue(policy.IsReportDue(7000));
            Assert.AreEqual("{\"buttonPresses\":1}", Report(policy, 7000));
            policy.OnReportAccepted();
            Assert.IsFalse(policy.IsReportDue(20000));
        }

        [TestMethod]
        public void MaxInterval_ReportsEveryQuantityAndUptime()
        {
            ReportingPolicy policy = Connected(new DeviceSettings());
            Assert.IsFalse(policy.IsReportDue(299999));
            Assert.IsTrue(policy.IsReportDue(300000));
            Assert.AreEqual("{\"temperature\":25.08,\"humidity\":55,\"pressure\":1006.53,\"uptimeSeconds\":300}", Report(policy, 300000));
            policy.OnReportAccepted();
            Assert.IsFalse(policy.IsReportDue(599999));
            Assert.IsTrue(policy.IsReportDue(600000));
        }

        [TestMethod]
        public void SensorFault_IsReportedAsAFault_ValuesAsNull_ThenCleared()
        {
            ReportingPolicy policy = Connected(new DeviceSettings());
            policy.OnSample(Fault(SensorStatus.BusError));
            Assert.IsTrue(policy.IsReportDue(10000));
            Assert.AreEqual("{\"temperature\":null,\"humidity\":null,\"pressure\":null,\"faults\":{\"bme280\":\"busError\"}}", Report(policy, 10000));
            policy.OnReportAccepted();

            policy.OnSample(Fault(SensorStatus.BusError));
            Assert.IsFalse(policy.IsReportDue(20000), "the same fault again is no change");
            policy.OnSample(Fault(SensorStatus.Timeout));
            Assert.AreEqual("{\"faults\":{\"bme280\":\"timeout\"}}", Report(policy, 20000));
            policy.OnReportAccepted();

            policy.OnSample(Sample(2508, 100653, 5500));
            Assert.IsTrue(policy.IsReportDue(30000));
            Assert.AreEqual("{\"temperature\":25.08,\"humidity\":55,\"pressure\":1006.53,\"faults\":{\"bme280\":null}}", Report(policy, 30000));
        }

        [TestMethod]
        public void FaultAtConnect_IsInTheFullReport()
        {
            ReportingPolicy policy = NewPolicy(new DeviceSettings());
            policy.OnSample(Fault(SensorStatus.NotFound));
            Assert.AreEqual("{\"temperature\":null,\"humidity\":null,\"pressure\":null,\"faults\":{\"bme280\":\"notFound\"},\"buttonPresses\":0,\"firmwareVersion\":\"1.2.3\",\"uptimeSeconds\":0,\"resetReason\":\"powerOn\"}", Report(policy, 0));
        }

        [TestMethod]
        public void ProgressStatuses_AreIgnored()
        {
            ReportingPolicy policy = Connected(new DeviceSettings());
            policy.OnSample(Fault(SensorStatus.Busy));
            policy.OnSample(Fault(SensorStatus.Idle));
            Assert.IsFalse(policy.IsReportDue(10000));
        }

        [TestMethod]
        public void Bmp280_HasNoHumidity_WhichIsDeletedNotFaulted()
        {
            ReportingPolicy policy = Connected(new DeviceSettings());
            policy.OnSample(Sample(2508, 100653, -1));
            Assert.AreEqual("{\"humidity\":null}", Report(policy, 10000));
        }

        [TestMethod]
        public void UnacceptedReport_IsCoveredByTheNextWithTheLatestValues()
        {
            ReportingPolicy policy = Connected(new DeviceSettings());
            policy.OnSample(Sample(2600, 100653, 5500));
            Assert.AreEqual("{\"temperature\":26}", Report(policy, 10000));
            // Rejected or timed out: no OnReportAccepted.
            policy.OnSample(Sample(2700, 100653, 5500));
            Assert.IsTrue(policy.IsReportDue(15000));
            Assert.AreEqual("{\"temperature\":27}", Report(policy, 15000));
            policy.OnReportAccepted();
            Assert.IsFalse(policy.IsReportDue(30000));
        }

        [TestMethod]
        public void SampleAfterTheReportWasWritten_IsStillReportedAfterItIsAccepted()
        {
            ReportingPolicy policy = Connected(new DeviceSettings());
            policy.OnSample(Sample(2600, 100653, 5500));
            Report(policy, 10000);
            policy.OnSample(Sample(2700, 100653, 5500));
            policy.OnReportAccepted();
            Assert.IsTrue(policy.IsReportDue(15000), "27 degC was never sent");
            Assert.AreEqual("{\"temperature\":27}", Report(policy, 15000));
        }

        [TestMethod]
        public void Reconnect_MakesTheNextReportFullAgain()
        {
            ReportingPolicy policy = Connected(new DeviceSettings());
            policy.OnButtonPressed(3);
            policy.OnConnected();
            Assert.IsTrue(policy.IsReportDue(60000));
            Assert.AreEqual("{\"temperature\":25.08,\"humidity\":55,\"pressure\":1006.53,\"faults\":null,\"buttonPresses\":3,\"firmwareVersion\":\"1.2.3\",\"uptimeSeconds\":60,\"resetReason\":\"powerOn\"}", Report(policy, 60000));
        }

        [TestMethod]
        public void SampleSchedule_FollowsTheSampleInterval()
        {
            ReportingPolicy policy = NewPolicy(new DeviceSettings());
            Assert.IsTrue(policy.IsSampleDue(0));
            policy.OnSampleStarted(0);
            Assert.IsFalse(policy.IsSampleDue(9999));
            Assert.IsTrue(policy.IsSampleDue(10000));
            policy.OnSampleStarted(10003);
            Assert.IsFalse(policy.IsSampleDue(20002));
            Assert.IsTrue(policy.IsSampleDue(20003));
        }

        [TestMethod]
        public void ThresholdChangedByDesiredState_AppliesAtOnce_AndZeroMeansAnyChange()
        {
            DeviceSettings settings = new DeviceSettings();
            ReportingPolicy policy = Connected(settings);
            policy.OnSample(Sample(2509, 100653, 5500));
            Assert.IsFalse(policy.IsReportDue(10000));
            Assert.IsTrue(settings.TrySet(DeviceSettings.TemperatureThreshold, 0));
            Assert.IsTrue(policy.IsReportDue(10000));
            Assert.AreEqual("{\"temperature\":25.09}", Report(policy, 10000));
            policy.OnReportAccepted();
            policy.OnSample(Sample(2509, 100653, 5500));
            Assert.IsFalse(policy.IsReportDue(20000), "no change is no report, even with threshold 0");
        }

        [TestMethod]
        public void ADayOfSamples_RespectsMinAndMaxIntervals()
        {
            DeviceSettings settings = new DeviceSettings();
            ReportingPolicy policy = NewPolicy(settings);
            SeededRandom random = new SeededRandom(42);
            policy.OnConnected();
            long lastReport = -1;
            long lastAccepted = 0;
            int reports = 0;
            int temperature = 2000;
            for (long now = 0; now <= 24L * 3600 * 1000; now += 1000)
            {
                if (policy.IsSampleDue(now))
                {
                    policy.OnSampleStarted(now);
                    temperature += random.Next(41) - 20;
                    policy.OnSample(Sample(temperature, 100000, 5000));
                }

                if (random.Next(1000) == 0)
                {
                    policy.OnButtonPressed(reports);
                }

                if (policy.IsReportDue(now))
                {
                    Assert.IsTrue(lastReport < 0 || now - lastReport >= settings.MinReportIntervalMs);
                    Report(policy, now);
                    policy.OnReportAccepted();
                    lastReport = now;
                    lastAccepted = now;
                    reports++;
                }

                Assert.IsTrue(now - lastAccepted <= settings.ReportIntervalMs, "a report at least every report interval");
            }

            Assert.IsTrue(reports > 288, "at least the heartbeats");
            Assert.IsTrue(reports < 24 * 3600 / 5, "far fewer than one per min interval");
        }
    }
}
