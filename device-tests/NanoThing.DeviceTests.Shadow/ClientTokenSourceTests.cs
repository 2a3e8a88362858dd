using NanoThing.Core.Shadow;
using NanoThing.DeviceTests.Support;
using nanoFramework.TestFramework;

namespace NanoThing.DeviceTests.Shadow
{
    /// <summary>Client tokens: format, uniqueness, the 64-byte limit, and a per-instance random part.</summary>
    [TestClass]
    public class ClientTokenSourceTests
    {
        [TestMethod]
        public void TokensCountUpBehindARandomPrefix()
        {
            ClientTokenSource source = new ClientTokenSource(new FixedRandom(10));
            Assert.AreEqual("nt-aaaaaaaa-1", Next(source));
            Assert.AreEqual("nt-aaaaaaaa-2", Next(source));
        }

        [TestMethod]
        public void TokensAreUniqueValidAndShort()
        {
            ClientTokenSource source = new ClientTokenSource(new SeededRandom(99));
            string previous = null;
            for (int i = 0; i < 2000; i++)
            {
                string token = Next(source);
                Assert.IsTrue(token.Length <= ClientTokenSource.MaxLength);
                Assert.AreNotEqual(previous, token);
                previous = token;
            }
        }

        [TestMethod]
        public void InstancesWithDifferentRandomnessDiffer()
        {
            string a = Next(new ClientTokenSource(new SeededRandom(1)));
            string b = Next(new ClientTokenSource(new SeededRandom(2)));
            Assert.AreNotEqual(a, b);
            Assert.AreEqual("nt-00000000-1", Next(new ClientTokenSource(null)));
        }

        [TestMethod]
        public void WritesIntoTheCallersRangeOnlyWhenALongestTokenFits()
        {
            ClientTokenSource source = new ClientTokenSource(null);
            byte[] buffer = new byte[3 + ClientTokenSource.MaxLength];
            Assert.AreEqual(13, source.Next(buffer, 3));
            Assert.AreEqual("nt-00000000-1", Text.Of(buffer, 3, 13));
            Assert.AreEqual(0, (int)buffer[0], "nothing before the offset");
            Assert.AreEqual(0, source.Next(buffer, 4), "one byte short");
            Assert.AreEqual(0, source.Next(null, 0));
            Assert.AreEqual(0, source.Next(buffer, -1));
            Assert.AreEqual("nt-00000000-2", Next(source), "a refused call does not use up a number");
        }

        [TestMethod]
        public void TheCounterGainsDigits()
        {
            ClientTokenSource source = new ClientTokenSource(new FixedRandom(15));
            byte[] buffer = new byte[ClientTokenSource.MaxLength];
            int length = 0;
            for (int i = 0; i < 10; i++)
            {
                length = source.Next(buffer, 0);
            }

            Assert.AreEqual("nt-ffffffff-10", Text.Of(buffer, 0, length));
        }

        // The next token as a string, for assertions.
        private static string Next(ClientTokenSource source)
        {
            byte[] buffer = new byte[ClientTokenSource.MaxLength];
            int length = source.Next(buffer, 0);
            Assert.IsTrue(ShadowRequestWriter.IsValidClientToken(buffer, 0, length));
            return Text.Of(buffer, 0, length);
        }

        private sealed class FixedRandom : NanoThing.Core.Seams.IRandom
        {
            private readonly int _value;

            public FixedRandom(int value)
            {
                _value = value;
            }

            public int Next(int maxExclusive)
            {
                return _value;
            }
        }
    }
}
