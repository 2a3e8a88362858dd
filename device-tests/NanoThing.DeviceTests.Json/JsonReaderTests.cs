using NanoThing.Core.Json;
using NanoThing.DeviceTests.Support;
using nanoFramework.TestFramework;

namespace NanoThing.DeviceTests.Json
{
    /// <summary>Strict RFC 8259 acceptance, exact error statuses and positions, navigation and typed reads of <see cref="JsonReader"/>.</summary>
    [TestClass]
    public class JsonReaderTests
    {
        private static JsonReader _reader = new JsonReader();

        [DataRow("0")]
        [DataRow("-0")]
        [DataRow("-12.5e+3")]
        [DataRow("1E-2")]
        [DataRow(" \t\r\n true \n")]
        [DataRow("false")]
        [DataRow("null")]
        [DataRow("\"\"")]
        [DataRow("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\uD83D\\uDE00\"")]
        [DataRow("{}")]
        [DataRow("[]")]
        [DataRow("{\"a\":[1,{\"b\":null},\"c\"],\"d\":{}}")]
        [DataRow("[ 1 , 2 ]")]
        [DataRow("\"\u00e9\u20ac\ud83d\ude00\"")]
        public void AcceptsValidJson(string json)
        {
            Assert.AreEqual(JsonStatus.Ok, Text.Parse(_reader, json));
            Assert.AreEqual(0, _reader.ErrorOffset);
            Assert.IsTrue(_reader.Root >= 0);
        }

        [DataRow("", (int)JsonStatus.Empty, 0)]
        [DataRow("   ", (int)JsonStatus.Empty, 3)]
        [DataRow("{", (int)JsonStatus.UnexpectedEnd, 1)]
        [DataRow("{\"a\"", (int)JsonStatus.UnexpectedEnd, 4)]
        [DataRow("{\"a\":", (int)JsonStatus.UnexpectedEnd, 5)]
        [DataRow("[1,", (int)JsonStatus.UnexpectedEnd, 3)]
        [DataRow("\"abc", (int)JsonStatus.UnexpectedEnd, 4)]
        [DataRow("tru", (int)JsonStatus.UnexpectedEnd, 3)]
        [DataRow("[1,]", (int)JsonStatus.UnexpectedCharacter, 3)]
        [DataRow("{\"a\":1,}", (int)JsonStatus.UnexpectedCharacter, 7)]
        [DataRow("{,}", (int)JsonStatus.UnexpectedCharacter, 1)]
        [DataRow("[1 2]", (int)JsonStatus.UnexpectedCharacter, 3)]
        [DataRow("{\"a\" 1}", (int)JsonStatus.UnexpectedCharacter, 5)]
        [DataRow("{a:1}", (int)JsonStatus.UnexpectedCharacter, 1)]
        [DataRow("[1}", (int)JsonStatus.UnexpectedCharacter, 2)]
        [DataRow("// c\n1", (int)JsonStatus.UnexpectedCharacter, 0)]
        [DataRow("[1]/*c*/", (int)JsonStatus.TrailingContent, 3)]
        [DataRow("'a'", (int)JsonStatus.UnexpectedCharacter, 0)]
        [DataRow("1 2", (int)JsonStatus.TrailingContent, 2)]
        [DataRow("{}}", (int)JsonStatus.TrailingContent, 2)]
        [DataRow("nul", (int)JsonStatus.UnexpectedEnd, 3)]
        [DataRow("nulL", (int)JsonStatus.InvalidLiteral, 0)]
        [DataRow("truex", (int)JsonStatus.InvalidLiteral, 4)]
        [DataRow("01", (int)JsonStatus.InvalidNumber, 1)]
        [DataRow("-", (int)JsonStatus.UnexpectedEnd, 1)]
        [DataRow("-a", (int)JsonStatus.InvalidNumber, 1)]
        [DataRow("1.", (int)JsonStatus.UnexpectedEnd, 2)]
        [DataRow("1.e5", (int)JsonStatus.InvalidNumber, 2)]
        [DataRow("1e", (int)JsonStatus.UnexpectedEnd, 2)]
        [DataRow("1e+", (int)JsonStatus.UnexpectedEnd, 3)]
        [DataRow("+1", (int)JsonStatus.UnexpectedCharacter, 0)]
        [DataRow(".5", (int)JsonStatus.UnexpectedCharacter, 0)]
        [DataRow("1x", (int)JsonStatus.InvalidNumber, 1)]
        [DataRow("0x1F", (int)JsonStatus.InvalidNumber, 1)]
        [DataRow("123456789012345678901234567890123", (int)JsonStatus.NumberTooLong, 0)]
        [DataRow("\"\\x\"", (int)JsonStatus.InvalidEscape, 1)]
        [DataRow("\"\\u12G4\"", (int)JsonStatus.InvalidEscape, 5)]
        [DataRow("\"\\uDC00\"", (int)JsonStatus.InvalidEscape, 1)]
        [DataRow("\"\\uD800\"", (int)JsonStatus.InvalidEscape, 1)]
        [DataRow("\"\\uD800\\u0041\"", (int)JsonStatus.InvalidEscape, 7)]
        [DataRow("\"a\tb\"", (int)JsonStatus.ControlCharacterInString, 2)]
        [DataRow("\"a\nb\"", (int)JsonStatus.ControlCharacterInString, 2)]
        public void RejectsInvalidJsonWithStatusAndPosition(string json, int statusValue, int offset)
        {
            JsonStatus status = (JsonStatus)statusValue; // DataRow carries the int: MetadataProcessor cannot encode enums
            Assert.AreEqual(status, Text.Parse(_reader, json));
            Assert.AreEqual(offset, _reader.ErrorOffset);
            Assert.AreEqual(-1, _reader.Root);
        }

        [TestMethod]
        public void RejectsMalformedUtf8()
        {
            byte[][] bad = new byte[][]
            {
                new byte[] { 0x22, 0x80, 0x22 },                   // lone continuation byte
                new byte[] { 0x22, 0xC0, 0xAF, 0x22 },             // overlong '/'
                new byte[] { 0x22, 0xC1, 0xBF, 0x22 },             // overlong
                new byte[] { 0x22, 0xE0, 0x80, 0xAF, 0x22 },       // overlong 3-byte
                new byte[] { 0x22, 0xED, 0xA0, 0x80, 0x22 },       // UTF-16 surrogate D800 encoded
                new byte[] { 0x22, 0xF0, 0x80, 0x80, 0xAF, 0x22 }, // overlong 4-byte
                new byte[] { 0x22, 0xF4, 0x90, 0x80, 0x80, 0x22 }, // above U+10FFFF
                new byte[] { 0x22, 0xF5, 0x80, 0x80, 0x80, 0x22 }, // invalid lead
                new byte[] { 0x22, 0xFF, 0x22 },                   // invalid byte
                new byte[] { 0x22, 0xC3, 0x22 },                   // truncated sequence
                new byte[] { 0x22, 0xE2, 0x82, 0x22 },             // truncated sequence
            };
            for (int i = 0; i < bad.Length; i++)
            {
                Assert.AreEqual(JsonStatus.InvalidUtf8, _reader.Parse(bad[i], 0, bad[i].Length), "case " + i.ToString());
                Assert.AreEqual(1, _reader.ErrorOffset);
            }

            byte[] outside = new byte[] { 0xC3, 0xA9 };
            Assert.AreEqual(JsonStatus.UnexpectedCharacter, _reader.Parse(outside, 0, 2));
            byte[] bom = new byte[] { 0xEF, 0xBB, 0xBF, (byte)'1' };
            Assert.AreEqual(JsonStatus.UnexpectedCharacter, _reader.Parse(bom, 0, 4));
        }

        [TestMethod]
        public void EnforcesDepthAndLengthLimits()
        {
            JsonReader r = new JsonReader(3, 10);
            Assert.AreEqual(JsonStatus.Ok, Text.Parse(r, "[[{}]]"));
            Assert.AreEqual(JsonStatus.TooDeep, Text.Parse(r, "[[[[]]]]"));
            Assert.AreEqual(3, r.ErrorOffset);
            Assert.AreEqual(JsonStatus.Ok, Text.Parse(r, "\"12345678\""));
            Assert.AreEqual(JsonStatus.TooLong, Text.Parse(r, "\"123456789\""));
            Assert.AreEqual(10, r.ErrorOffset);
        }

        [TestMethod]
        public void ParsesOnlyTheGivenRangeAndReportsRelativeOffsets()
        {
            byte[] bytes = Text.Bytes("xx[1,]yy{\"k\":7}zz");
            Assert.AreEqual(JsonStatus.UnexpectedCharacter, _reader.Parse(bytes, 2, 4));
            Assert.AreEqual(3, _reader.ErrorOffset);
            Assert.AreEqual(JsonStatus.Ok, _reader.Parse(bytes, 8, 7));
            Assert.AreEqual(8, _reader.Root);
            int v;
            Assert.IsTrue(_reader.TryGetInt(_reader.FindMember(_reader.Root, "k"), out v));
            Assert.AreEqual(7, v);
            Assert.AreEqual(JsonStatus.InvalidArguments, _reader.Parse(bytes, 10, 100));
            Assert.AreEqual(JsonStatus.InvalidArguments, _reader.Parse(null, 0, 0));
            Assert.AreEqual(JsonStatus.InvalidArguments, _reader.Parse(bytes, -1, 2));
        }

        [TestMethod]
        public void FindsMembersByPathAndIteratesInOrder()
        {
            string json = "{\"state\":{\"reported\":{\"t\":21.5,\"led\":true},\"delta\":{\"led\":false}},\"version\":12,\"clientToken\":\"abc\"}";
            Assert.AreEqual(JsonStatus.Ok, Text.Parse(_reader, json));
            int reported = _reader.FindPath(_reader.Root, "state.reported");
            Assert.AreEqual(JsonType.Object, _reader.TypeOf(reported));
            Assert.AreEqual(2, _reader.Count(reported));
            Assert.AreEqual("{\"t\":21.5,\"led\":true}", Text.Of(_reader.Buffer, reported, _reader.ValueLength(reported)));

            int member = _reader.FirstMember(reported);
            Assert.IsTrue(_reader.NameEquals(member, "t"));
            member = _reader.NextMember(member);
            Assert.IsTrue(_reader.NameEquals(member, "led"));
            bool led;
            Assert.IsTrue(_reader.TryGetBool(_reader.MemberValue(member), out led));
            Assert.IsTrue(led);
            Assert.AreEqual(-1, _reader.NextMember(member));

            Assert.IsTrue(_reader.TryGetBool(_reader.FindPath(_reader.Root, "state.delta.led"), out led));
            Assert.IsFalse(led);
            long version;
            Assert.IsTrue(_reader.TryGetLong(_reader.FindPath(_reader.Root, "version"), out version));
            Assert.AreEqual(12L, version);
            Assert.IsTrue(_reader.NameEquals(_reader.FindMember(_reader.Root, "clientToken"), "abc"));
            Assert.IsFalse(_reader.NameEquals(_reader.FindMember(_reader.Root, "clientToken"), "ab"));
            Assert.IsFalse(_reader.NameEquals(_reader.FindMember(_reader.Root, "clientToken"), "abcd"));
            byte[] bytes = Text.Bytes("abcd");
            Assert.IsTrue(_reader.NameEquals(_reader.FindMember(_reader.Root, "clientToken"), bytes, 0, 3));
            Assert.IsFalse(_reader.NameEquals(_reader.FindMember(_reader.Root, "clientToken"), bytes, 0, 2));
            Assert.IsFalse(_reader.NameEquals(_reader.FindMember(_reader.Root, "clientToken"), bytes, 0, 4));
            Assert.IsFalse(_reader.NameEquals(_reader.FindMember(_reader.Root, "clientToken"), bytes, 2, 3), "range past the end");
            Assert.IsFalse(_reader.NameEquals(_reader.FindMember(_reader.Root, "clientToken"), null, 0, 0));

            Assert.AreEqual(-1, _reader.FindPath(_reader.Root, "state.desired"));
            Assert.AreEqual(-1, _reader.FindPath(_reader.Root, "version.x"));
            Assert.AreEqual(-1, _reader.FindPath(_reader.Root, "state..reported"));
            Assert.AreEqual(_reader.Root, _reader.FindPath(_reader.Root, ""));
            Assert.AreEqual(-1, _reader.FindMember(_reader.Root, "State"));
        }

        [TestMethod]
        public void ComparesEscapedAndNonAsciiNamesWithUtf8Bytes()
        {
            Assert.AreEqual(JsonStatus.Ok, Text.Parse(_reader, "{\"a\\\"\\u00e9\u20ac\\ud83d\\ude00\":1}"));
            int member = _reader.FirstMember(_reader.Root);
            byte[] same = Text.Bytes("a\"\u00e9\u20ac\ud83d\ude00");
            Assert.IsTrue(_reader.NameEquals(member, same, 0, same.Length));
            Assert.IsFalse(_reader.NameEquals(member, same, 0, same.Length - 1), "a cut sequence is not well-formed UTF-8");
            byte[] invalid = new byte[] { (byte)'a', (byte)'"', 0xC3, 0x28 };
            Assert.IsFalse(_reader.NameEquals(member, invalid, 0, invalid.Length));
        }

        [TestMethod]
        public void IteratesArraysAndEmptyContainers()
        {
            Assert.AreEqual(JsonStatus.Ok, Text.Parse(_reader, "[ 10 , [ ] , { } , \"x\" ]"));
            int e = _reader.FirstElement(_reader.Root);
            int n;
            Assert.IsTrue(_reader.TryGetInt(e, out n));
            Assert.AreEqual(10, n);
            e = _reader.NextElement(e);
            Assert.AreEqual(JsonType.Array, _reader.TypeOf(e));
            Assert.AreEqual(-1, _reader.FirstElement(e));
            e = _reader.NextElement(e);
            Assert.AreEqual(JsonType.Object, _reader.TypeOf(e));
            Assert.AreEqual(-1, _reader.FirstMember(e));
            Assert.AreEqual(0, _reader.Count(e));
            e = _reader.NextElement(e);
            Assert.AreEqual(JsonType.String, _reader.TypeOf(e));
            Assert.AreEqual(-1, _reader.NextElement(e));
            Assert.AreEqual(4, _reader.Count(_reader.Root));
            Assert.AreEqual(-1, _reader.FirstMember(_reader.Root), "an array has no members");
        }

        [TestMethod]
        public void ComparesNamesAfterUnescaping()
        {
            Assert.AreEqual(JsonStatus.Ok, Text.Parse(_reader, "{\"\\u0041b\\nc\":1,\"\\ud83d\\ude00\":2,\"\u00e9\":3,\"k\":4,\"k\":5}"));
            int v;
            Assert.IsTrue(_reader.TryGetInt(_reader.FindMember(_reader.Root, "Ab\nc"), out v));
            Assert.AreEqual(1, v);
            Assert.IsTrue(_reader.TryGetInt(_reader.FindMember(_reader.Root, "\ud83d\ude00"), out v));
            Assert.AreEqual(2, v);
            Assert.IsTrue(_reader.TryGetInt(_reader.FindMember(_reader.Root, "\u00e9"), out v));
            Assert.AreEqual(3, v);
            Assert.IsTrue(_reader.TryGetInt(_reader.FindMember(_reader.Root, "k"), out v));
            Assert.AreEqual(5, v, "the last duplicate wins");
            Assert.AreEqual(-1, _reader.FindMember(_reader.Root, "\ud83d"));
        }

        [TestMethod]
        public void ReadsStringsUnescaped()
        {
            Assert.AreEqual(JsonStatus.Ok, Text.Parse(_reader, "\"a\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\uD83D\\uDE00\u20ac\""));
            string s;
            Assert.IsTrue(_reader.TryGetString(_reader.Root, out s));
            Assert.AreEqual("a\"\\/\b\f\n\r\t\u00e9\ud83d\ude00\u20ac", s);

            byte[] dest = new byte[32];
            int n = _reader.CopyString(_reader.Root, dest, 2, 30);
            byte[] expected = Text.Bytes("a\"\\/\b\f\n\r\t\u00e9\ud83d\ude00\u20ac");
            Assert.AreEqual(expected.Length, n);
            for (int i = 0; i < n; i++)
            {
                Assert.AreEqual(expected[i], dest[2 + i]);
            }

            Assert.AreEqual(-1, _reader.CopyString(_reader.Root, dest, 0, expected.Length - 1));
            Assert.AreEqual(-1, _reader.CopyString(_reader.Root, dest, 30, 5));
        }

        [DataRow("9223372036854775807", true, long.MaxValue, false)]
        [DataRow("-9223372036854775808", true, long.MinValue, false)]
        [DataRow("9223372036854775808", false, 0L, false)]
        [DataRow("-9223372036854775809", false, 0L, false)]
        [DataRow("2147483648", true, 2147483648L, false)]
        [DataRow("2147483647", true, 2147483647L, true)]
        [DataRow("-2147483648", true, -2147483648L, true)]
        [DataRow("-0", true, 0L, true)]
        [DataRow("1.0", false, 0L, false)]
        [DataRow("1e2", false, 0L, false)]
        [DataRow("\"1\"", false, 0L, false)]
        public void ReadsIntegersWithinRangeOnly(string json, bool isLong, long expected, bool isInt)
        {
            Assert.AreEqual(JsonStatus.Ok, Text.Parse(_reader, json));
            long l;
            int i;
            Assert.AreEqual(isLong, _reader.TryGetLong(_reader.Root, out l));
            Assert.AreEqual(expected, l);
            Assert.AreEqual(isInt, _reader.TryGetInt(_reader.Root, out i));
            Assert.AreEqual(isInt ? expected : 0L, (long)i);
        }

        [DataRow("150", 150.0)]
        [DataRow("-0.25", -0.25)]
        [DataRow("1.5e2", 150.0)]
        [DataRow("2E-3", 0.002)]
        [DataRow("1013.25", 1013.25)]
        [DataRow("123456789012345678901", 1.2345678901234568e20)]
        [DataRow("1e-400", 0.0)]
        [DataRow("0.000000000000000000001", 1e-21)]
        public void ReadsDoubles(string json, double expected)
        {
            Assert.AreEqual(JsonStatus.Ok, Text.Parse(_reader, json));
            double d;
            Assert.IsTrue(_reader.TryGetDouble(_reader.Root, out d));
            double tolerance = expected == 0 ? 0 : System.Math.Abs(expected) * 1e-12;
            Assert.IsTrue(System.Math.Abs(d - expected) <= tolerance, json + " read as " + d.ToString());
        }

        [TestMethod]
        public void RefusesWrongKindsAndOutOfRangeDoubles()
        {
            Assert.AreEqual(JsonStatus.Ok, Text.Parse(_reader, "[1e400,\"1\",true,null]"));
            int e = _reader.FirstElement(_reader.Root);
            double d;
            Assert.IsFalse(_reader.TryGetDouble(e, out d));
            e = _reader.NextElement(e);
            long l;
            Assert.IsFalse(_reader.TryGetLong(e, out l));
            bool b;
            Assert.IsFalse(_reader.TryGetBool(e, out b));
            e = _reader.NextElement(e);
            string s;
            Assert.IsFalse(_reader.TryGetString(e, out s));
            Assert.IsNull(s);
            e = _reader.NextElement(e);
            Assert.IsTrue(_reader.IsNull(e));
            Assert.IsFalse(_reader.IsNull(_reader.Root));
        }

        [TestMethod]
        public void HandlesAreDeadAfterAFailedParse()
        {
            Assert.AreEqual(JsonStatus.Ok, Text.Parse(_reader, "{\"a\":1}"));
            int root = _reader.Root;
            Assert.AreEqual(JsonStatus.UnexpectedEnd, Text.Parse(_reader, "{\"a\":1"));
            Assert.AreEqual(JsonType.None, _reader.TypeOf(root));
            Assert.AreEqual(-1, _reader.FindMember(root, "a"));
            int v;
            Assert.IsFalse(_reader.TryGetInt(root + 5, out v));
        }
    }
}
