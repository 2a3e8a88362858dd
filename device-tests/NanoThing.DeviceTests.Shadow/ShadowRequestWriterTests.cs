using NanoThing.Core.Json;
using NanoThing.Core.Shadow;
using NanoThing.DeviceTests.Support;
using nanoFramework.TestFramework;

namespace NanoThing.DeviceTests.Shadow
{
    /// <summary>Golden documents for every request the device sends, and the limits it enforces on them.</summary>
    [TestClass]
    public class ShadowRequestWriterTests
    {
        [TestMethod]
        public void WritesAnUpdateWithReportedClientTokenAndVersion()
        {
            ShadowRequestWriter w = new ShadowRequestWriter(1024);
            Assert.AreEqual(ShadowDocumentStatus.Ok, Update(w, new SampleReported(), "nt-0000abcd-7", 12));
            Assert.AreEqual("{\"state\":{\"reported\":{\"temperature\":21.50,\"led\":true,\"old\":null,\"bme\":{\"ok\":false}}},\"clientToken\":\"nt-0000abcd-7\",\"version\":12}", Text.Of(w.Buffer, 0, w.Length));
        }

        [TestMethod]
        public void OmitsTheVersionWhenNegative()
        {
            ShadowRequestWriter w = new ShadowRequestWriter(1024);
            Assert.AreEqual(ShadowDocumentStatus.Ok, Update(w, null, "t1", -1));
            Assert.AreEqual("{\"state\":{\"reported\":{}},\"clientToken\":\"t1\"}", Text.Of(w.Buffer, 0, w.Length));
            Assert.AreEqual(ShadowDocumentStatus.Ok, Update(w, null, "t1", 0));
            Assert.AreEqual("{\"state\":{\"reported\":{}},\"clientToken\":\"t1\",\"version\":0}", Text.Of(w.Buffer, 0, w.Length));
        }

        [TestMethod]
        public void WritesGetAndDeleteBodies()
        {
            ShadowRequestWriter w = new ShadowRequestWriter(64);
            Assert.AreEqual(ShadowDocumentStatus.Ok, TokenOnly(w, "nt-1-2"));
            Assert.AreEqual("{\"clientToken\":\"nt-1-2\"}", Text.Of(w.Buffer, 0, w.Length));
        }

        [TestMethod]
        public void RefusesInvalidClientTokens()
        {
            ShadowRequestWriter w = new ShadowRequestWriter(256);
            Assert.AreEqual(ShadowDocumentStatus.InvalidClientToken, TokenOnly(w, null));
            Assert.AreEqual(ShadowDocumentStatus.InvalidClientToken, TokenOnly(w, ""));
            Assert.AreEqual(ShadowDocumentStatus.InvalidClientToken, TokenOnly(w, new string('x', 65)));
            Assert.AreEqual(ShadowDocumentStatus.InvalidClientToken, Update(w, null, "a\"b", 1));
            Assert.AreEqual(ShadowDocumentStatus.InvalidClientToken, Update(w, null, "a b", 1));
            Assert.AreEqual(ShadowDocumentStatus.InvalidClientToken, Update(w, null, "\u00e9", 1));
            Assert.AreEqual(0, w.Length);
            Assert.AreEqual(ShadowDocumentStatus.Ok, TokenOnly(w, new string('x', 64)));
        }

        [TestMethod]
        public void ReadsTheTokenFromItsRangeOfTheBuffer()
        {
            ShadowRequestWriter w = new ShadowRequestWriter(256);
            byte[] buffer = Text.Bytes("??nt-1-9??");
            Assert.AreEqual(ShadowDocumentStatus.Ok, w.WriteClientTokenOnly(buffer, 2, 6));
            Assert.AreEqual("{\"clientToken\":\"nt-1-9\"}", Text.Of(w.Buffer, 0, w.Length));
            Assert.AreEqual(ShadowDocumentStatus.Ok, w.WriteUpdate(null, buffer, 2, 6, 4));
            Assert.AreEqual("{\"state\":{\"reported\":{}},\"clientToken\":\"nt-1-9\",\"version\":4}", Text.Of(w.Buffer, 0, w.Length));
            Assert.AreEqual(ShadowDocumentStatus.InvalidClientToken, w.WriteClientTokenOnly(buffer, 5, 6), "range past the end");
            Assert.AreEqual(ShadowDocumentStatus.InvalidClientToken, w.WriteClientTokenOnly(buffer, -1, 3), "negative offset");
            Assert.AreEqual(ShadowDocumentStatus.InvalidClientToken, w.WriteClientTokenOnly(buffer, 2, 0), "empty range");
            Assert.AreEqual(0, w.Length);
        }

        [TestMethod]
        public void EnforcesTheSizeLimit()
        {
            ShadowRequestWriter w = new ShadowRequestWriter(100000);
            Assert.AreEqual(ShadowLimits.MaxDocumentBytes, w.Capacity);
            Assert.AreEqual(ShadowDocumentStatus.TooLarge, Update(w, new BigReported(9000), "t", 1));
            Assert.AreEqual(0, w.Length);
            Assert.AreEqual(ShadowDocumentStatus.Ok, Update(w, new BigReported(8000), "t", 1));
            Assert.IsTrue(w.Length <= ShadowLimits.MaxDocumentBytes);

            ShadowRequestWriter small = new ShadowRequestWriter(70);
            Assert.AreEqual(ShadowDocumentStatus.TooLarge, Update(small, new BigReported(40), "t", 1));
        }

        [TestMethod]
        public void EnforcesTheNestingLimitBelowReported()
        {
            ShadowRequestWriter w = new ShadowRequestWriter(1024);
            Assert.AreEqual(ShadowDocumentStatus.Ok, Update(w, new NestedReported(ShadowLimits.MaxNestingBelowReported), "t", -1));
            Assert.AreEqual("{\"state\":{\"reported\":{\"n\":{\"n\":{\"n\":{\"n\":{\"leaf\":1}}}}}},\"clientToken\":\"t\"}", Text.Of(w.Buffer, 0, w.Length));
            Assert.AreEqual(ShadowDocumentStatus.TooDeep, Update(w, new NestedReported(ShadowLimits.MaxNestingBelowReported + 1), "t", -1));
        }

        [TestMethod]
        public void RefusesBrokenContent()
        {
            ShadowRequestWriter w = new ShadowRequestWriter(1024);
            Assert.AreEqual(ShadowDocumentStatus.InvalidContent, Update(w, new BrokenReported(0), "t", 1), "value without a name");
            Assert.AreEqual(ShadowDocumentStatus.InvalidContent, Update(w, new BrokenReported(1), "t", 1), "unclosed object");
            Assert.AreEqual(ShadowDocumentStatus.InvalidContent, Update(w, new BrokenReported(2), "t", 1), "closes reported itself");
            Assert.AreEqual(ShadowDocumentStatus.InvalidContent, Update(w, new BrokenReported(3), "t", 1), "NaN");
            Assert.AreEqual(0, w.Length);
        }

        [TestMethod]
        public void EveryDocumentIsValidJsonForTheReader()
        {
            ShadowRequestWriter w = new ShadowRequestWriter(2048);
            Assert.AreEqual(ShadowDocumentStatus.Ok, Update(w, new SampleReported(), "nt-x-1", 3));
            JsonReader r = new JsonReader();
            Assert.AreEqual(JsonStatus.Ok, r.Parse(w.Buffer, 0, w.Length));
            Assert.IsTrue(r.IsNull(r.FindPath(r.Root, "state.reported.old")));
        }

        private static ShadowDocumentStatus Update(ShadowRequestWriter w, IReportedStateWriter content, string token, long version)
        {
            byte[] bytes = token == null ? null : Text.Bytes(token);
            return w.WriteUpdate(content, bytes, 0, bytes == null ? 0 : bytes.Length, version);
        }

        private static ShadowDocumentStatus TokenOnly(ShadowRequestWriter w, string token)
        {
            byte[] bytes = token == null ? null : Text.Bytes(token);
            return w.WriteClientTokenOnly(bytes, 0, bytes == null ? 0 : bytes.Length);
        }

        private sealed class SampleReported : IReportedStateWriter
        {
            public void WriteReported(JsonWriter writer)
            {
                writer.Property("temperature", 21.5, 2);
                writer.Property("led", true);
                writer.PropertyNull("old");
                writer.Name("bme");
                writer.BeginObject();
                writer.Property("ok", false);
                writer.EndObject();
            }
        }

        private sealed class BigReported : IReportedStateWriter
        {
            private readonly int _chars;

            public BigReported(int chars)
            {
                _chars = chars;
            }

            public void WriteReported(JsonWriter writer)
            {
                writer.Property("blob", new string('z', _chars));
            }
        }

        private sealed class NestedReported : IReportedStateWriter
        {
            private readonly int _levels;

            public NestedReported(int levels)
            {
                _levels = levels;
            }

            public void WriteReported(JsonWriter writer)
            {
                for (int i = 0; i < _levels; i++)
                {
                    writer.Name("n");
                    writer.BeginObject();
                }

                writer.Property("leaf", 1);
                for (int i = 0; i < _levels; i++)
                {
                    writer.EndObject();
                }
            }
        }

        private sealed class BrokenReported : IReportedStateWriter
        {
            private readonly int _kind;

            public BrokenReported(int kind)
            {
                _kind = kind;
            }

            public void WriteReported(JsonWriter writer)
            {
                if (_kind == 0)
                {
                    writer.Number(1);
                }
                else if (_kind == 1)
                {
                    writer.Name("o");
                    writer.BeginObject();
                }
                else if (_kind == 2)
                {
                    writer.EndObject();
                }
                else
                {
                    writer.Property("x", double.NaN, 1);
                }
            }
        }
    }
}
