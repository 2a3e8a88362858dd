using NanoThing.Core.Connection;
using NanoThing.Core.Seams;
using NanoThing.DeviceTests.Support;
using nanoFramework.TestFramework;

namespace NanoThing.DeviceTests.Agent
{
    /// <summary>Bounds, jitter distribution, reset rule and connect spacing of <see cref="ReconnectBackoff"/>.</summary>
    [TestClass]
    public class ReconnectBackoffTests
    {
        /// <summary>An IRandom that returns the top (or bottom) of the asked range and records the range.</summary>
        private sealed class ExtremeRandom : IRandom
        {
            public bool Top;
            public int LastMaxExclusive;

            public int Next(int maxExclusive)
            {
                LastMaxExclusive = maxExclusive;
                return Top ? maxExclusive - 1 : 0;
            }
        }

        private static readonly int[] ExpectedWindows = new int[] { 1000, 2000, 4000, 8000, 16000, 32000, 64000, 120000, 120000, 120000 };

        [TestMethod]
        public void EveryAttempt_DrawsFromZeroToTheDoublingWindowCappedAt120s()
        {
            ExtremeRandom random = new ExtremeRandom();
            random.Top = true;
            ReconnectBackoff backoff = new ReconnectBackoff(random);
            long now = 0;
            for (int attempt = 0; attempt < 40; attempt++)
            {
                int expected = attempt < ExpectedWindows.Length ? ExpectedWindows[attempt] : 120000;
                Assert.AreEqual(attempt < 30 ? attempt : 30, backoff.Attempt);
                Assert.AreEqual(expected, backoff.WindowMs);
                Assert.IsTrue(backoff.MayConnect(now));
                backoff.OnConnecting(now);
                int delay = backoff.OnDisconnected(now + 5);
                Assert.AreEqual(expected + 1, random.LastMaxExclusive, "full jitter draws in [0, window] inclusive");
                Assert.AreEqual(expected, delay, "the top of the range is the window itself");
                Assert.AreEqual(now + 5 + expected, backoff.NextAttemptMs);
                Assert.IsFalse(backoff.MayConnect(now + 5 + expected - 1));
                now = backoff.NextAttemptMs;
            }
        }

        [TestMethod]
        public void ZeroDelay_StillSpacesConnectsByOneSecond()
        {
            ExtremeRandom random = new ExtremeRandom();
            ReconnectBackoff backoff = new ReconnectBackoff(random);
            Assert.IsTrue(backoff.MayConnect(0), "the first connect may start at once");
            backoff.OnConnecting(500);
            Assert.AreEqual(0, backoff.OnDisconnected(520));
            Assert.IsFalse(backoff.MayConnect(1499));
            Assert.IsTrue(backoff.MayConnect(1500));

            // Connected, then lost 10 ms later: still no new connect within 1 s of the last start.
            backoff.OnConnecting(1500);
            backoff.OnConnected(1600);
            Assert.IsFalse(backoff.MayConnect(1700), "never while connected");
            backoff.OnDisconnected(1610);
            Assert.IsFalse(backoff.MayConnect(2499));
            Assert.IsTrue(backoff.MayConnect(2500));
        }

        [TestMethod]
        public void StartingAConnect_BlocksAnotherForOneSecond_EvenWithoutAnOutcome()
        {
            ReconnectBackoff backoff = new ReconnectBackoff(new ExtremeRandom());
            backoff.OnConnecting(10000);
            Assert.IsFalse(backoff.MayConnect(10999));
            Assert.IsTrue(backoff.MayConnect(11000));
        }

        /// <summary>Lets <paramref name="count"/> connects fail, 200 s apart from 0; returns the time of the next.</summary>
        private static long FailConnects(ReconnectBackoff backoff, int count)
        {
            long now = 0;
            for (int i = 0; i < count; i++)
            {
                backoff.OnConnecting(now);
                backoff.OnDisconnected(now + 100);
                now += 200000;
            }

            return now;
        }

        [TestMethod]
        public void ConnectionShorterThan30s_KeepsGrowingTheWindow()
        {
            ExtremeRandom random = new ExtremeRandom();
            ReconnectBackoff backoff = new ReconnectBackoff(random);
            long now = FailConnects(backoff, 4);

            Assert.AreEqual(16000, backoff.WindowMs);
            backoff.OnConnecting(now);
            backoff.OnConnected(now);
            Assert.IsFalse(backoff.OnConnectedTick(now + 29999));
            backoff.OnDisconnected(now + 29999);
            Assert.AreEqual(16001, random.LastMaxExclusive, "29.999 s is not stable: the window keeps growing");
            Assert.AreEqual(32000, backoff.WindowMs);
        }

        [TestMethod]
        public void ConnectionOf30s_ResetsToTheBaseWindow()
        {
            ExtremeRandom random = new ExtremeRandom();
            ReconnectBackoff backoff = new ReconnectBackoff(random);
            long now = FailConnects(backoff, 6);

            Assert.AreEqual(64000, backoff.WindowMs);
            backoff.OnConnecting(now);
            backoff.OnConnected(now);
            Assert.AreEqual(6, backoff.Attempt, "connecting alone does not reset");
            backoff.OnDisconnected(now + 30000);
            Assert.AreEqual(1001, random.LastMaxExclusive, "stable for 30 s: back to the 1 s window");
            Assert.AreEqual(1, backoff.Attempt);
        }

        [TestMethod]
        public void ConnectedTick_ResetsOnceStable()
        {
            ReconnectBackoff backoff = new ReconnectBackoff(new ExtremeRandom());
            backoff.OnConnecting(0);
            backoff.OnDisconnected(1);
            backoff.OnConnecting(5000);
            backoff.OnConnected(5000);
            Assert.IsFalse(backoff.OnConnectedTick(34999));
            Assert.AreEqual(1, backoff.Attempt);
            Assert.IsTrue(backoff.OnConnectedTick(35000));
            Assert.AreEqual(0, backoff.Attempt);
            Assert.AreEqual(1000, backoff.WindowMs);
        }

        [TestMethod]
        public void Jitter_OverManyDraws_IsUniformOverTheWholeWindow()
        {
            SeededRandom random = new SeededRandom(12345);
            const int draws = 20000;
            const int buckets = 10;
            int[] histogram = new int[buckets];
            long sum = 0;
            int min = int.MaxValue;
            int max = -1;
            for (int i = 0; i < draws; i++)
            {
                // A fresh backoff at attempt 7 (the capped 120 s window) for every draw.
                ReconnectBackoff backoff = new ReconnectBackoff(random);
                for (int a = 0; a < 7; a++)
                {
                    backoff.OnDisconnected(0);
                }

                Assert.AreEqual(120000, backoff.WindowMs);
                int delay = backoff.OnDisconnected(0);
                Assert.IsTrue(delay >= 0 && delay <= 120000);
                sum += delay;
                min = delay < min ? delay : min;
                max = delay > max ? delay : max;
                histogram[delay * buckets / 120001]++;
            }

            long mean = sum / draws;
            Assert.IsTrue(mean > 58800 && mean < 61200, "mean within 2% of half the window");
            Assert.IsTrue(min < 1200, "reaches the bottom 1% of the window");
            Assert.IsTrue(max > 118800, "reaches the top 1% of the window");
            for (int b = 0; b < buckets; b++)
            {
                Assert.IsTrue(histogram[b] > 1700 && histogram[b] < 2300, "each tenth of the window gets about a tenth of the draws");
            }
        }

        [TestMethod]
        public void Jitter_AtTheFirstAttempt_CoversZeroToOneSecond()
        {
            SeededRandom random = new SeededRandom(7);
            long sum = 0;
            bool sawZeroRegion = false;
            bool sawTopRegion = false;
            for (int i = 0; i < 5000; i++)
            {
                ReconnectBackoff backoff = new ReconnectBackoff(random);
                int delay = backoff.OnDisconnected(0);
                Assert.IsTrue(delay >= 0 && delay <= 1000);
                sum += delay;
                sawZeroRegion |= delay < 20;
                sawTopRegion |= delay > 980;
            }

            long mean = sum / 5000;
            Assert.IsTrue(mean > 480 && mean < 520);
            Assert.IsTrue(sawZeroRegion && sawTopRegion);
        }

        [TestMethod]
        public void RandomOutsideItsContract_IsClampedToTheWindow()
        {
            ReconnectBackoff backoff = new ReconnectBackoff(new BrokenRandom());
            Assert.AreEqual(1000, backoff.OnDisconnected(0));
        }

        private sealed class BrokenRandom : IRandom
        {
            public int Next(int maxExclusive)
            {
                return -5;
            }
        }
    }
}
