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
            Assert.AreEqual("nt-aaaaaaaa-1", source.Next());
            Assert.AreEqual("nt-aaaaaaaa-2", source.Next());
        }

        [TestMethod]
        public void TokensAreUniqueValidAndShort()
        {
            ClientTokenSource source = new ClientTokenSource(new SeededRandom(99));
            string previous = null;
            for (int i = 0; i < 2000; i++)
            {
                string token = source.Next();
                Assert.IsTrue(ShadowRequestWriter.IsValidClientToken(token), token);
                Assert.IsTrue(token.Length <= 22);
                Assert.AreNotEqual(previous, token);
                previous = token;
            }
        }

        [TestMethod]
        public void InstancesWithDifferentRandomnessDiffer()
        {
            string a = new ClientTokenSource(new SeededRandom(1)).Next();
            string b = new ClientTokenSource(new SeededRandom(2)).Next();
            Assert.AreNotEqual(a, b);
            Assert.AreEqual("nt-00000000-1", new ClientTokenSource(null).Next());
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
