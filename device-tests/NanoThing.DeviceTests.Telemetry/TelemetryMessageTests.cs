using NanoThing.Core.Telemetry;
using NanoThing.DeviceTests.Support;
using nanoFramework.TestFramework;

namespace NanoThing.DeviceTests.Telemetry
{
    /// <summary>The exact bytes of a telemetry message, its topics, and its size bound.</summary>
    [TestClass]
    public class TelemetryMessageTests
    {
        [TestMethod]
        public void Write_GivesTheGoldenBytes()
        {
            TelemetryRecords records = new TelemetryRecords(2);
            records.Add(1, 1767225600000, TelemetryRecords.ClockValid | TelemetryRecords.HumidityValid, 2143, 4550, 101325);
            records.Add(2, 5000, 0, -150, 0, 100000);
            TelemetryMessage message = new TelemetryMessage("kitchen", 2);

            Assert.IsTrue(message.Write(records));
            Assert.AreEqual(
                "{\"thing\":\"kitchen\",\"records\":["
                + "{\"seq\":1,\"ts\":1767225600000,\"temperature\":21.43,\"humidity\":45.5,\"pressure\":1013.25},"
                + "{\"seq\":2,\"ts\":5000,\"clockValid\":false,\"temperature\":-1.5,\"pressure\":1000}]}",
                Text.Of(message.Buffer, 0, message.Length));
        }

        [TestMethod]
        public void Topics_AreTheDataTopicAndBasicIngest()
        {
            Assert.AreEqual("dt/nanothing/kitchen/telemetry", new TelemetryOptions("kitchen").Topic);
            Assert.AreEqual("$aws/rules/store_readings/dt/nanothing/kitchen/telemetry", TelemetryOptions.BasicIngestTopic("store_readings", "kitchen"));
        }

        /// <summary>A full batch of the longest records and the longest thing name fits the buffer, far under AWS's 128 KB.</summary>
        [TestMethod]
        public void LongestBatch_FitsItsBuffer()
        {
            TelemetryRecords records = new TelemetryRecords(TelemetryOptions.MaxBatchSize);
            for (int i = 0; i < records.Capacity; i++)
            {
                records.Add(long.MaxValue, long.MinValue, TelemetryRecords.HumidityValid, int.MinValue, int.MinValue, int.MinValue);
            }

            string thing = new string('\u0001', 128);
            TelemetryMessage message = new TelemetryMessage(thing, TelemetryOptions.MaxBatchSize);

            Assert.IsTrue(message.Write(records));
            Assert.IsTrue(message.Length <= TelemetryMessage.CapacityFor(TelemetryOptions.MaxBatchSize));
            Assert.IsTrue(TelemetryMessage.CapacityFor(TelemetryOptions.MaxBatchSize) < 128 * 1024);
        }
    }
}
