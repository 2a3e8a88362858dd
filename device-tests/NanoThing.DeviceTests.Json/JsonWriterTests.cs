using NanoThing.Core.Json;
using NanoThing.DeviceTests.Support;
using nanoFramework.TestFramework;

namespace NanoThing.DeviceTests.Json
{
    /// <summary>Golden tests for <see cref="JsonWriter"/>: the exact bytes expected for each input.</summary>
    [TestClass]
    public class JsonWriterTests
    {
        private static JsonWriter NewWriter()
        {
            return new JsonWriter(new byte[256]);
        }

        [TestMethod]
        public void WritesEveryKindOfValueCompactly()
        {
            JsonWriter w = NewWriter();
            w.BeginObject();
            w.Property("i", 42);
            w.Property("neg", -7);
            w.Property("s", "text");
            w.Property("d", 21.5, 2);
            w.Property("t", true);
            w.Property("f", false);
            w.PropertyNull("n");
            w.Name("a");
            w.BeginArray();
            w.Number(1);
            w.String("two");
            w.BeginArray();
            w.EndArray();
            w.BeginObject();
            w.EndObject();
            w.Null();
            w.EndArray();
            w.Name("o");
            w.BeginObject();
            w.EndObject();
            w.EndObject();

            Assert.AreEqual(JsonWriteStatus.Ok, w.Status);
            Assert.IsTrue(w.IsComplete);
            Assert.AreEqual("{\"i\":42,\"neg\":-7,\"s\":\"text\",\"d\":21.50,\"t\":true,\"f\":false,\"n\":null,\"a\":[1,\"two\",[],{},null],\"o\":{}}", Text.Of(w));
        }

        [TestMethod]
        public void EscapesQuoteBackslashAndControlCharactersOnly()
        {
            JsonWriter w = NewWriter();
            w.String("q\"b\\s/\b\f\n\r\t\u0001\u001f\u007f");
            Assert.AreEqual("\"q\\\"b\\\\s/\\b\\f\\n\\r\\t\\u0001\\u001f\u007f\"", Text.Of(w));
        }

        [TestMethod]
        public void WritesAStringValueFromUtf8BytesEscapedLikeAString()
        {
            JsonWriter w = NewWriter();
            byte[] text = Text.Bytes("xq\"b\\s/\n\u0001\u00e9y");
            w.BeginArray();
            w.String(text, 1, text.Length - 2);
            w.String(text, 0, 0);
            w.EndArray();
            Assert.IsTrue(w.IsComplete);
            Assert.AreEqual("[\"q\\\"b\\\\s/\\n\\u0001\u00e9\",\"\"]", Text.Of(w));
        }

        [TestMethod]
        public void RefusesAByteRangeOutsideTheBuffer()
        {
            JsonWriter w = NewWriter();
            w.String(new byte[4], 2, 3);
            Assert.AreEqual(JsonWriteStatus.InvalidStructure, w.Status);
            w.Reset();
            w.String(null, 0, 0);
            Assert.AreEqual(JsonWriteStatus.InvalidStructure, w.Status);
            w.Reset();
            w.String(new byte[4], -1, 1);
            Assert.AreEqual(JsonWriteStatus.InvalidStructure, w.Status);
            Assert.AreEqual(0, w.Length);
        }

        [TestMethod]
        public void EncodesNonAsciiAsUtf8()
        {
            JsonWriter w = NewWriter();
            w.String("\u00e9\u20ac\ud83d\ude00");
            byte[] expected = new byte[] { 0x22, 0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0xF0, 0x9F, 0x98, 0x80, 0x22 };
            AssertBytes(expected, w);
        }

        [TestMethod]
        public void ReplacesUnpairedSurrogatesWithReplacementCharacter()
        {
            JsonWriter w = NewWriter();
            w.BeginArray();
            w.String("\ud800x");
            w.String("\udc00");
            w.EndArray();
            byte[] expected = new byte[] { (byte)'[', 0x22, 0xEF, 0xBF, 0xBD, (byte)'x', 0x22, (byte)',', 0x22, 0xEF, 0xBF, 0xBD, 0x22, (byte)']' };
            AssertBytes(expected, w);
        }

        [TestMethod]
        public void WritesInt64Extremes()
        {
            JsonWriter w = NewWriter();
            w.BeginArray();
            w.Number(long.MinValue);
            w.Number(long.MaxValue);
            w.Number(0);
            w.EndArray();
            Assert.AreEqual("[-9223372036854775808,9223372036854775807,0]", Text.Of(w));
        }

        [DataRow(21.5, 2, "21.50")]
        [DataRow(0.125, 2, "0.13")]
        [DataRow(-0.125, 2, "-0.13")]
        [DataRow(-0.004, 2, "0.00")]
        [DataRow(-2.5, 0, "-3")]
        [DataRow(2.4999, 0, "2")]
        [DataRow(1013.25, 1, "1013.3")]
        [DataRow(0.000001, 6, "0.000001")]
        [DataRow(1234567.891, 3, "1234567.891")]
        [DataRow(100000000000.0, 0, "100000000000")]
        [DataRow(-40.0, 9, "-40.000000000")]
        public void WritesDoublesInFixedPoint(double value, int decimals, string expected)
        {
            JsonWriter w = NewWriter();
            w.Number(value, decimals);
            Assert.AreEqual(JsonWriteStatus.Ok, w.Status);
            Assert.AreEqual(expected, Text.Of(w));
        }

        [DataRow(double.NaN, 2)]
        [DataRow(double.PositiveInfinity, 2)]
        [DataRow(double.NegativeInfinity, 0)]
        [DataRow(1e300, 0)]
        [DataRow(1e8, 9)]
        [DataRow(1.0, 10)]
        [DataRow(1.0, -1)]
        public void RefusesDoublesItCannotWriteExactly(double value, int decimals)
        {
            JsonWriter w = NewWriter();
            w.Number(value, decimals);
            Assert.AreEqual(JsonWriteStatus.InvalidNumber, w.Status);
            Assert.AreEqual(0, w.Length);
        }

        [TestMethod]
        public void ReportsBufferFullAtEveryCapacityBelowTheDocumentSize()
        {
            string expected = "{\"name\":\"\u00e9\",\"v\":[1,true]}";
            int size = Text.Bytes(expected).Length;
            for (int capacity = 0; capacity <= size; capacity++)
            {
                byte[] buffer = new byte[capacity + 4];
                buffer[capacity] = 0xAA;
                JsonWriter w = new JsonWriter(buffer, 0, capacity, 8);
                w.BeginObject();
                w.Property("name", "\u00e9");
                w.Name("v");
                w.BeginArray();
                w.Number(1);
                w.Bool(true);
                w.EndArray();
                w.EndObject();
                Assert.AreEqual((byte)0xAA, buffer[capacity], "wrote past its capacity");
                if (capacity < size)
                {
                    Assert.AreEqual(JsonWriteStatus.BufferFull, w.Status);
                    Assert.IsFalse(w.IsComplete);
                }
                else
                {
                    Assert.AreEqual(JsonWriteStatus.Ok, w.Status);
                    Assert.AreEqual(expected, Text.Of(w));
                }
            }
        }

        [TestMethod]
        public void WritesOnlyInsideItsRangeAndResetsForReuse()
        {
            byte[] buffer = new byte[20];
            for (int i = 0; i < buffer.Length; i++)
            {
                buffer[i] = (byte)'#';
            }

            JsonWriter w = new JsonWriter(buffer, 5, 10, 4);
            w.BeginArray();
            w.Number(12345);
            w.EndArray();
            Assert.AreEqual("#####[12345]########", Text.Of(buffer, 0, buffer.Length));

            w.Reset();
            w.Bool(false);
            Assert.AreEqual(5, w.Offset);
            Assert.AreEqual("false", Text.Of(w));
            Assert.IsTrue(w.IsComplete);
        }

        [TestMethod]
        public void RefusesCallsOutOfOrder()
        {
            JsonWriter w = NewWriter();
            w.BeginObject();
            w.Number(1);
            Assert.AreEqual(JsonWriteStatus.InvalidStructure, w.Status, "value without a name in an object");

            w = NewWriter();
            w.BeginArray();
            w.Name("x");
            Assert.AreEqual(JsonWriteStatus.InvalidStructure, w.Status, "name in an array");

            w = NewWriter();
            w.BeginArray();
            w.EndObject();
            Assert.AreEqual(JsonWriteStatus.InvalidStructure, w.Status, "mismatched end");

            w = NewWriter();
            w.BeginObject();
            w.Name("x");
            w.EndObject();
            Assert.AreEqual(JsonWriteStatus.InvalidStructure, w.Status, "name without a value");

            w = NewWriter();
            w.Number(1);
            w.Number(2);
            Assert.AreEqual(JsonWriteStatus.InvalidStructure, w.Status, "two top-level values");

            w = NewWriter();
            w.EndArray();
            Assert.AreEqual(JsonWriteStatus.InvalidStructure, w.Status, "end at top level");

            w = NewWriter();
            w.BeginObject();
            w.Name("x");
            w.Name("y");
            Assert.AreEqual(JsonWriteStatus.InvalidStructure, w.Status, "two names in a row");
        }

        [TestMethod]
        public void FirstFailureSticksUntilReset()
        {
            JsonWriter w = new JsonWriter(new byte[4]);
            w.String("too long");
            Assert.AreEqual(JsonWriteStatus.BufferFull, w.Status);
            w.Number(1, 0);
            w.BeginObject();
            Assert.AreEqual(JsonWriteStatus.BufferFull, w.Status);
            w.Reset();
            w.Number(7);
            Assert.AreEqual("7", Text.Of(w));
        }

        [TestMethod]
        public void LimitsNesting()
        {
            JsonWriter w = new JsonWriter(new byte[64], 0, 64, 3);
            w.BeginArray();
            w.BeginArray();
            w.BeginArray();
            Assert.AreEqual(JsonWriteStatus.Ok, w.Status);
            Assert.AreEqual(3, w.Depth);
            w.BeginArray();
            Assert.AreEqual(JsonWriteStatus.TooDeep, w.Status);
            Assert.AreEqual("[[[", Text.Of(w));
        }

        [TestMethod]
        public void CopiesRawValues()
        {
            byte[] source = Text.Bytes("xx{\"a\":[1,2]}yy");
            JsonWriter w = NewWriter();
            w.BeginObject();
            w.Name("raw");
            w.RawValue(source, 2, 11);
            w.Property("n", 1);
            w.EndObject();
            Assert.AreEqual("{\"raw\":{\"a\":[1,2]},\"n\":1}", Text.Of(w));

            w.Reset();
            w.RawValue(source, 10, 100);
            Assert.AreEqual(JsonWriteStatus.InvalidStructure, w.Status);
        }

        [TestMethod]
        public void AnInvalidRangeGivesBufferFullNotAnException()
        {
            JsonWriter w = new JsonWriter(new byte[4], 3, 5, 4);
            w.Number(1);
            Assert.AreEqual(JsonWriteStatus.BufferFull, w.Status);
            w = new JsonWriter(null);
            w.BeginObject();
            Assert.AreEqual(JsonWriteStatus.BufferFull, w.Status);
        }

        [TestMethod]
        public void OutputIsReadBackByTheReader()
        {
            JsonWriter w = NewWriter();
            w.BeginObject();
            w.Property("k\u00e9y\n", "v\"\u0002\ud83d\ude00");
            w.Property("d", -12.25, 2);
            w.EndObject();
            JsonReader r = new JsonReader();
            Assert.AreEqual(JsonStatus.Ok, r.Parse(w.Buffer, w.Offset, w.Length));
            string s;
            Assert.IsTrue(r.TryGetString(r.FindMember(r.Root, "k\u00e9y\n"), out s));
            Assert.AreEqual("v\"\u0002\ud83d\ude00", s);
            double d;
            Assert.IsTrue(r.TryGetDouble(r.FindMember(r.Root, "d"), out d));
            Assert.AreEqual(-12.25, d);
        }

        private static void AssertBytes(byte[] expected, JsonWriter w)
        {
            Assert.AreEqual(expected.Length, w.Length);
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.AreEqual(expected[i], w.Buffer[w.Offset + i], "byte " + i.ToString());
            }
        }
    }
}
