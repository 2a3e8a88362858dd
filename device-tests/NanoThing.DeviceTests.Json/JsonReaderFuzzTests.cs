using NanoThing.Core.Json;
using NanoThing.DeviceTests.Support;
using nanoFramework.TestFramework;

namespace NanoThing.DeviceTests.Json
{
    /// <summary>
    /// "Any input never throws" for <see cref="JsonReader"/>: random bytes, random JSON-like text, every truncation
    /// and single-byte mutation of valid documents, deep and huge inputs, and made-up handles. Each parsed document
    /// is walked completely with every accessor. Deterministic (fixed seeds) so a failure can be replayed.
    /// </summary>
    [TestClass]
    public class JsonReaderFuzzTests
    {
        private const string Alphabet = "{}[]\":,. -+0123456789eEtrufalsn\\/bu\u00e9x \t\n";

        private static readonly string[] Samples = new string[]
        {
            "{\"state\":{\"desired\":{\"led\":true,\"reportIntervalSeconds\":60},\"reported\":{\"t\":21.5}},\"version\":3}",
            "{\"code\":409,\"message\":\"Version conflict\",\"clientToken\":\"nt-1-abc\"}",
            "[1,-2.5e-3,\"\\u00e9\\ud83d\\ude00\",true,false,null,{\"a\":[[]]}]",
            "{\"state\":{\"led\":false},\"metadata\":{\"led\":{\"timestamp\":1591057529}},\"version\":12,\"timestamp\":1591057530}",
        };

        private static JsonReader _reader = new JsonReader(8, 4096);
        private static int _walked;

        [TestMethod]
        public void RandomBytesNeverThrow()
        {
            SeededRandom random = new SeededRandom(12345);
            byte[] buffer = new byte[96];
            for (int i = 0; i < 4000; i++)
            {
                int length = random.Next(buffer.Length + 1);
                for (int j = 0; j < length; j++)
                {
                    buffer[j] = (byte)random.Next(256);
                }

                ParseAndWalk(buffer, 0, length);
            }
        }

        [TestMethod]
        public void RandomJsonLikeTextNeverThrows()
        {
            SeededRandom random = new SeededRandom(777);
            byte[] alphabet = Text.Bytes(Alphabet);
            byte[] buffer = new byte[64];
            int ok = 0;
            for (int i = 0; i < 8000; i++)
            {
                int length = 1 + random.Next(buffer.Length);
                for (int j = 0; j < length; j++)
                {
                    buffer[j] = alphabet[random.Next(alphabet.Length)];
                }

                if (ParseAndWalk(buffer, 0, length) == JsonStatus.Ok)
                {
                    ok++;
                }
            }

            Assert.IsTrue(ok > 0, "the generator should hit some valid documents too");
        }

        [TestMethod]
        public void EveryTruncationOfAnObjectIsUnexpectedEnd()
        {
            for (int s = 0; s < Samples.Length; s++)
            {
                byte[] bytes = Text.Bytes(Samples[s]);
                for (int length = 1; length < bytes.Length; length++)
                {
                    JsonStatus status = ParseAndWalk(bytes, 0, length);
                    Assert.AreEqual(JsonStatus.UnexpectedEnd, status, "sample " + s.ToString() + " cut at " + length.ToString());
                }

                Assert.AreEqual(JsonStatus.Ok, ParseAndWalk(bytes, 0, bytes.Length));
            }
        }

        [TestMethod]
        public void SingleByteMutationsNeverThrow()
        {
            SeededRandom random = new SeededRandom(4242);
            for (int s = 0; s < Samples.Length; s++)
            {
                byte[] original = Text.Bytes(Samples[s]);
                byte[] bytes = new byte[original.Length];
                for (int pos = 0; pos < original.Length; pos++)
                {
                    for (int k = 0; k < 8; k++)
                    {
                        System.Array.Copy(original, bytes, original.Length);
                        bytes[pos] = (byte)random.Next(256);
                        ParseAndWalk(bytes, 0, bytes.Length);
                    }
                }
            }
        }

        [TestMethod]
        public void DeepNestingStopsAtTheLimit()
        {
            byte[] deep = new byte[20000];
            for (int i = 0; i < deep.Length; i++)
            {
                deep[i] = (byte)'[';
            }

            JsonReader big = new JsonReader(16, 100000);
            Assert.AreEqual(JsonStatus.TooDeep, big.Parse(deep, 0, deep.Length));
            Assert.AreEqual(16, big.ErrorOffset);

            byte[] objects = Text.Bytes("{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{}}}}}}}}}}");
            Assert.AreEqual(JsonStatus.TooDeep, _reader.Parse(objects, 0, objects.Length));
            Assert.AreEqual(40, _reader.ErrorOffset);

            byte[] arrays = new byte[40];
            for (int i = 0; i < 20; i++)
            {
                arrays[i] = (byte)'[';
                arrays[39 - i] = (byte)']';
            }

            JsonReader exact = new JsonReader(20, 100);
            Assert.AreEqual(JsonStatus.Ok, exact.Parse(arrays, 0, arrays.Length));
            Assert.AreEqual(JsonStatus.TooDeep, _reader.Parse(arrays, 0, arrays.Length));
        }

        [TestMethod]
        public void HugeInputsAreBoundedByTheLengthLimit()
        {
            byte[] huge = new byte[65536];
            huge[0] = (byte)'"';
            for (int i = 1; i < huge.Length - 1; i++)
            {
                huge[i] = (byte)('a' + (i % 26));
            }

            huge[huge.Length - 1] = (byte)'"';
            Assert.AreEqual(JsonStatus.TooLong, _reader.Parse(huge, 0, huge.Length));
            Assert.AreEqual(4096, _reader.ErrorOffset);

            JsonReader big = new JsonReader(4, huge.Length);
            Assert.AreEqual(JsonStatus.Ok, big.Parse(huge, 0, huge.Length));
            Assert.AreEqual(huge.Length, big.ValueLength(big.Root));

            byte[] manyMembers = Text.Bytes(ManyMembers(2000));
            JsonReader wide = new JsonReader(4, manyMembers.Length);
            Assert.AreEqual(JsonStatus.Ok, wide.Parse(manyMembers, 0, manyMembers.Length));
            Assert.AreEqual(2000, wide.Count(wide.Root));
            int v;
            Assert.IsTrue(wide.TryGetInt(wide.FindMember(wide.Root, "k1999"), out v));
            Assert.AreEqual(1999, v);
        }

        [TestMethod]
        public void MadeUpHandlesNeverThrow()
        {
            for (int s = 0; s < Samples.Length; s++)
            {
                byte[] bytes = Text.Bytes(Samples[s]);
                Assert.AreEqual(JsonStatus.Ok, _reader.Parse(bytes, 0, bytes.Length));
                for (int handle = -2; handle <= bytes.Length + 2; handle++)
                {
                    TouchEverything(handle);
                }
            }
        }

        private static string ManyMembers(int count)
        {
            System.Text.StringBuilder sb = new System.Text.StringBuilder();
            sb.Append('{');
            for (int i = 0; i < count; i++)
            {
                if (i > 0)
                {
                    sb.Append(',');
                }

                sb.Append("\"k");
                sb.Append(i.ToString());
                sb.Append("\":");
                sb.Append(i.ToString());
            }

            sb.Append('}');
            return sb.ToString();
        }

        private static JsonStatus ParseAndWalk(byte[] buffer, int offset, int length)
        {
            JsonStatus status = _reader.Parse(buffer, offset, length);
            if (status == JsonStatus.Ok)
            {
                _walked = 0;
                Walk(_reader.Root);
                Assert.IsTrue(_walked >= 1);
            }
            else
            {
                Assert.AreEqual(-1, _reader.Root);
                Assert.IsTrue(_reader.ErrorOffset >= 0 && _reader.ErrorOffset <= length, "error offset inside the input");
            }

            return status;
        }

        private static void Walk(int value)
        {
            _walked++;
            TouchEverything(value);
            JsonType type = _reader.TypeOf(value);
            Assert.IsTrue(type != JsonType.None);
            Assert.IsTrue(_reader.ValueLength(value) > 0);
            if (type == JsonType.Object)
            {
                for (int m = _reader.FirstMember(value); m >= 0; m = _reader.NextMember(m))
                {
                    Assert.AreEqual(JsonType.String, _reader.TypeOf(m));
                    Walk(_reader.MemberValue(m));
                }
            }
            else if (type == JsonType.Array)
            {
                for (int e = _reader.FirstElement(value); e >= 0; e = _reader.NextElement(e))
                {
                    Walk(e);
                }
            }
        }

        private static void TouchEverything(int handle)
        {
            long l;
            int i;
            double d;
            bool b;
            string s;
            _reader.TypeOf(handle);
            _reader.ValueEnd(handle);
            _reader.TryGetLong(handle, out l);
            _reader.TryGetInt(handle, out i);
            _reader.TryGetDouble(handle, out d);
            _reader.TryGetBool(handle, out b);
            _reader.TryGetString(handle, out s);
            _reader.IsNull(handle);
            _reader.CopyString(handle, new byte[8], 0, 8);
            _reader.NameEquals(handle, "a");
            _reader.FindMember(handle, "state");
            _reader.FindPath(handle, "state.led");
            _reader.Count(handle);
            _reader.MemberValue(handle);
            _reader.NextMember(handle);
            _reader.NextElement(handle);
        }
    }
}
