using NanoThing.Core.Json;
using NanoThing.Core.Shadow;
using NanoThing.DeviceTests.Support;
using nanoFramework.TestFramework;

namespace NanoThing.DeviceTests.Shadow
{
    /// <summary>Reading the documents AWS sends on each reply topic (shapes from the AWS developer guide).</summary>
    [TestClass]
    public class ShadowResponseTests
    {
        private static ShadowResponse _response = new ShadowResponse(8192);

        private static ShadowResponseStatus Read(ShadowTopicType type, string json)
        {
            byte[] bytes = Text.Bytes(json);
            return _response.Read(type, bytes, 0, bytes.Length);
        }

        [TestMethod]
        public void ReadsUpdateAccepted()
        {
            Assert.AreEqual(ShadowResponseStatus.Ok, Read(ShadowTopicType.UpdateAccepted,
                "{\"state\":{\"reported\":{\"led\":true}},\"metadata\":{\"reported\":{\"led\":{\"timestamp\":1591057529}}},\"version\":5,\"timestamp\":1591057529,\"clientToken\":\"nt-1-4\"}"));
            Assert.AreEqual(5L, _response.Version);
            Assert.IsTrue(_response.HasClientToken);
            Assert.IsTrue(_response.ClientTokenEquals("nt-1-4"));
            Assert.IsFalse(_response.ClientTokenEquals("nt-1-40"));
            Assert.IsFalse(_response.ClientTokenEquals(null));
            byte[] token = Text.Bytes("xnt-1-40");
            Assert.IsTrue(_response.ClientTokenEquals(token, 1, 6));
            Assert.IsFalse(_response.ClientTokenEquals(token, 1, 7));
            Assert.IsFalse(_response.ClientTokenEquals(token, 1, 5));
            Assert.IsFalse(_response.ClientTokenEquals(token, 0, 6));
            Assert.IsFalse(_response.ClientTokenEquals(token, 4, 6), "range past the end");
            Assert.IsFalse(_response.ClientTokenEquals(null, 0, 0));
            Assert.AreEqual(-1, _response.Code);
        }

        [DataRow(400, "Invalid JSON", "Invalid JSON")]
        [DataRow(404, "No shadow exists with name: \\u0027kitchen\\u0027", "No shadow exists with name: 'kitchen'")]
        [DataRow(409, "Version conflict", "Version conflict")]
        [DataRow(413, "The payload exceeds the maximum size allowed", "The payload exceeds the maximum size allowed")]
        [DataRow(429, "Too Many Requests", "Too Many Requests")]
        [DataRow(500, "Internal service failure", "Internal service failure")]
        public void ReadsRejected(int code, string jsonMessage, string message)
        {
            Assert.AreEqual(ShadowResponseStatus.Ok, Read(ShadowTopicType.UpdateRejected,
                "{\"code\":" + code.ToString() + ",\"message\":\"" + jsonMessage + "\",\"timestamp\":1591057529,\"clientToken\":\"tok\"}"));
            Assert.AreEqual(code, _response.Code);
            Assert.AreEqual(message, _response.Message);
            Assert.IsTrue(_response.ClientTokenEquals("tok"));
        }

        [TestMethod]
        public void RejectedNeedsAnIntegerCode()
        {
            Assert.AreEqual(ShadowResponseStatus.MissingField, Read(ShadowTopicType.GetRejected, "{\"message\":\"x\"}"));
            Assert.AreEqual(ShadowResponseStatus.MissingField, Read(ShadowTopicType.GetRejected, "{\"code\":\"404\"}"));
            Assert.AreEqual(ShadowResponseStatus.Ok, Read(ShadowTopicType.DeleteRejected, "{\"code\":404}"));
            Assert.IsNull(_response.Message);
            Assert.IsFalse(_response.HasClientToken);
        }

        [TestMethod]
        public void ReadsDelta()
        {
            Assert.AreEqual(ShadowResponseStatus.Ok, Read(ShadowTopicType.UpdateDelta,
                "{\"version\":7,\"timestamp\":1591057530,\"state\":{\"led\":false,\"reportIntervalSeconds\":30},\"metadata\":{\"led\":{\"timestamp\":1591057530}}}"));
            Assert.AreEqual(7L, _response.Version);
            JsonReader r = _response.Reader;
            Assert.AreEqual("{\"led\":false,\"reportIntervalSeconds\":30}", Text.Of(r.Buffer, _response.State, r.ValueLength(_response.State)));
            Assert.AreEqual(-1, _response.Desired);
            Assert.AreEqual(ShadowResponseStatus.MissingField, Read(ShadowTopicType.UpdateDelta, "{\"version\":7,\"state\":null}"));
        }

        [TestMethod]
        public void ReadsGetAccepted()
        {
            Assert.AreEqual(ShadowResponseStatus.Ok, Read(ShadowTopicType.GetAccepted,
                "{\"state\":{\"desired\":{\"led\":true},\"reported\":{\"led\":false,\"t\":20.1},\"delta\":{\"led\":true}},\"metadata\":{},\"version\":9,\"timestamp\":1,\"clientToken\":\"g1\"}"));
            JsonReader r = _response.Reader;
            Assert.AreEqual(9L, _response.Version);
            Assert.AreEqual(1, r.Count(_response.Desired));
            Assert.AreEqual(2, r.Count(_response.Reported));
            Assert.AreEqual("{\"led\":true}", Text.Of(r.Buffer, _response.Delta, r.ValueLength(_response.Delta)));
            Assert.IsTrue(_response.ClientTokenEquals("g1"));

            Assert.AreEqual(ShadowResponseStatus.Ok, Read(ShadowTopicType.GetAccepted, "{\"state\":{\"reported\":{\"t\":1}},\"version\":2}"));
            Assert.AreEqual(-1, _response.Delta);
            Assert.AreEqual(-1, _response.Desired);
            Assert.AreEqual(ShadowResponseStatus.Ok, Read(ShadowTopicType.GetAccepted, "{\"metadata\":{},\"version\":2}"));
            Assert.AreEqual(-1, _response.State);
            Assert.AreEqual(-1, _response.Reported);
            Assert.AreEqual(2L, _response.Version);
            Assert.AreEqual(ShadowResponseStatus.MissingField, Read(ShadowTopicType.GetAccepted, "{\"state\":[],\"version\":2}"));
        }

        [TestMethod]
        public void ReportsInvalidPayloadsAndTopics()
        {
            Assert.AreEqual(ShadowResponseStatus.InvalidJson, Read(ShadowTopicType.UpdateAccepted, "{\"version\":"));
            Assert.AreEqual(JsonStatus.UnexpectedEnd, _response.JsonStatus);
            Assert.AreEqual(ShadowResponseStatus.NotAnObject, Read(ShadowTopicType.UpdateAccepted, "[1]"));
            Assert.AreEqual(ShadowResponseStatus.UnsupportedTopic, Read(ShadowTopicType.Update, "{}"));
            Assert.AreEqual(ShadowResponseStatus.UnsupportedTopic, Read(ShadowTopicType.UpdateDocuments, "{}"));
            Assert.AreEqual(ShadowResponseStatus.UnsupportedTopic, Read(ShadowTopicType.None, "{}"));
            Assert.AreEqual(ShadowResponseStatus.Ok, Read(ShadowTopicType.UpdateAccepted, "{\"version\":1.5,\"clientToken\":7}"));
            Assert.AreEqual(-1L, _response.Version, "a non-integer version is absent");
            Assert.IsFalse(_response.HasClientToken, "a non-string token is absent");
        }

        [TestMethod]
        public void AnyPayloadNeverThrows()
        {
            SeededRandom random = new SeededRandom(31337);
            string[] samples = new string[]
            {
                "{\"state\":{\"desired\":{\"led\":true},\"reported\":{\"led\":false},\"delta\":{\"led\":true}},\"version\":9,\"clientToken\":\"g1\"}",
                "{\"code\":409,\"message\":\"Version conflict\",\"clientToken\":\"nt-1-4\"}",
                "{\"version\":7,\"state\":{\"led\":false},\"metadata\":{\"led\":{\"timestamp\":1}}}",
            };
            ShadowTopicType[] types = new ShadowTopicType[] { ShadowTopicType.GetAccepted, ShadowTopicType.GetRejected, ShadowTopicType.UpdateAccepted, ShadowTopicType.UpdateRejected, ShadowTopicType.UpdateDelta, ShadowTopicType.DeleteAccepted };
            for (int i = 0; i < 3000; i++)
            {
                byte[] bytes = Text.Bytes(samples[i % samples.Length]);
                int length = random.Next(bytes.Length + 1);
                int mutations = random.Next(3);
                for (int m = 0; m < mutations && length > 0; m++)
                {
                    bytes[random.Next(length)] = (byte)random.Next(256);
                }

                ShadowTopicType type = types[random.Next(types.Length)];
                ShadowResponseStatus status = _response.Read(type, bytes, 0, length);
                if (status == ShadowResponseStatus.Ok)
                {
                    _response.ClientTokenEquals("g1");
                    _response.Reader.Count(_response.State);
                }
            }
        }
    }
}
