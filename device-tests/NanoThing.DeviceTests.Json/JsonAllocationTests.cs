using NanoThing.Core.Json;
using NanoThing.Core.Shadow;
using NanoThing.DeviceTests.Support;
using nanoFramework.TestFramework;

namespace NanoThing.DeviceTests.Json
{
    /// <summary>
    /// The hot path allocates nothing in steady state: writing a report, reading a delta, answering an
    /// update/accepted. Measured on the host run with GC.GetAllocatedBytesForCurrentThread (not available on
    /// nanoFramework, where the test is skipped).
    /// </summary>
    [TestClass]
    public class JsonAllocationTests
    {
        private static readonly byte[] Delta = Text.Bytes("{\"version\":12,\"state\":{\"led\":true,\"reportIntervalSeconds\":30,\"name\":\"k\\u00e9\"},\"metadata\":{\"led\":{\"timestamp\":1}}}");
        private static readonly byte[] Accepted = Text.Bytes("{\"state\":{\"reported\":{\"t\":21.5}},\"version\":13,\"clientToken\":\"nt-00000000-1\"}");
        private static readonly byte[] Token = Text.Bytes("nt-00000000-1");
        private static readonly byte[] Scratch = new byte[32];
        private static readonly JsonWriter Writer = new JsonWriter(new byte[256]);
        private static readonly JsonReader Reader = new JsonReader();
        private static readonly ShadowRequestWriter Request = new ShadowRequestWriter(512);
        private static readonly ShadowResponse Response = new ShadowResponse(4096);
        private static readonly Report Content = new Report();

        [TestMethod]
        public void WritingAndReadingAllocateNothingInSteadyState()
        {
#if NANOFRAMEWORK_1_0
            Assert.SkipTest("allocation is measured on the host run; nanoFramework has no per-thread allocation counter");
#else
            RoundTrip();
            long before = System.GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 100; i++)
            {
                RoundTrip();
            }

            long allocated = System.GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.AreEqual(0L, allocated, "bytes allocated by 100 write/read round trips");
#endif
        }

        // Asserts compare enums with == : Assert.AreEqual(object, object) would box and count as allocation.
        private static void RoundTrip()
        {
            Writer.Reset();
            Writer.BeginObject();
            Writer.Property("temperature", -3.25, 2);
            Writer.Property("count", 1234567890123L);
            Writer.Property("name", "k\u00e9\n");
            Writer.Property("led", true);
            Writer.PropertyNull("old");
            Writer.EndObject();
            Assert.IsTrue(Writer.IsComplete);

            Assert.IsTrue(Reader.Parse(Delta, 0, Delta.Length) == JsonStatus.Ok);
            int state = Reader.FindPath(Reader.Root, "state");
            bool led;
            int interval;
            long version;
            Assert.IsTrue(Reader.TryGetBool(Reader.FindMember(state, "led"), out led));
            Assert.IsTrue(Reader.TryGetInt(Reader.FindMember(state, "reportIntervalSeconds"), out interval));
            Assert.IsTrue(Reader.TryGetLong(Reader.FindMember(Reader.Root, "version"), out version));
            Assert.IsTrue(Reader.CopyString(Reader.FindMember(state, "name"), Scratch, 0, Scratch.Length) > 0);
            for (int m = Reader.FirstMember(state); m >= 0; m = Reader.NextMember(m))
            {
                Reader.NameEquals(m, "led");
            }

            Assert.IsTrue(Request.WriteUpdate(Content, Token, 0, Token.Length, version) == ShadowDocumentStatus.Ok);
            Assert.IsTrue(Response.Read(ShadowTopicType.UpdateAccepted, Accepted, 0, Accepted.Length) == ShadowResponseStatus.Ok);
            Assert.IsTrue(Response.ClientTokenEquals(Token, 0, Token.Length));
            Assert.IsTrue(Response.ClientTokenEquals("nt-00000000-1"));
        }

        private sealed class Report : IReportedStateWriter
        {
            public void WriteReported(JsonWriter writer)
            {
                writer.Property("t", 21.5, 1);
                writer.Property("led", false);
            }
        }
    }
}
