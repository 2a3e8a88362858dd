using NanoThing.Core.Shadow;
using NanoThing.DeviceTests.Support;
using nanoFramework.TestFramework;

namespace NanoThing.DeviceTests.Shadow
{
    /// <summary>
    /// <see cref="ShadowRetryPolicy"/> as a table: each failure, at each attempt count, and the report holds. The
    /// DataRows carry the enums as ints (MetadataProcessor cannot encode enum attribute arguments).
    /// </summary>
    [TestClass]
    public class ShadowRetryPolicyTests
    {
        private const int Get = (int)ShadowRequestKind.Get;
        private const int Update = (int)ShadowRequestKind.Update;
        private const int Rejected = (int)ShadowFailure.Rejected;
        private const int TimedOut = (int)ShadowFailure.TimedOut;
        private const int PublishFailed = (int)ShadowFailure.PublishFailed;
        private const int DocumentInvalid = (int)ShadowFailure.DocumentInvalid;
        private const int DocumentTooLarge = (int)ShadowFailure.DocumentTooLarge;
        private const int GiveUp = (int)ShadowRetry.GiveUp;
        private const int AfterDelay = (int)ShadowRetry.AfterDelay;
        private const int AfterGet = (int)ShadowRetry.AfterGet;
        private const int Exhausted = (int)ShadowRetry.Exhausted;

        private static ShadowRetryPolicy Policy(int random)
        {
            return new ShadowRetryPolicy(new ShadowClientOptions(), new FixedRandom(random));
        }

        [TestMethod]
        [DataRow(Update, Rejected, 409, 1, AfterGet)]
        [DataRow(Update, Rejected, 409, 4, Exhausted)]
        [DataRow(Get, Rejected, 409, 1, GiveUp)]
        [DataRow(Update, Rejected, 429, 1, AfterDelay)]
        [DataRow(Get, Rejected, 503, 3, AfterDelay)]
        [DataRow(Update, Rejected, 500, 4, Exhausted)]
        [DataRow(Update, TimedOut, 0, 1, AfterDelay)]
        [DataRow(Get, TimedOut, 0, 4, Exhausted)]
        [DataRow(Update, PublishFailed, 0, 2, AfterDelay)]
        [DataRow(Update, Rejected, 400, 1, GiveUp)]
        [DataRow(Update, Rejected, 413, 1, GiveUp)]
        [DataRow(Get, Rejected, 404, 1, GiveUp)]
        [DataRow(Update, Rejected, 403, 1, GiveUp)]
        [DataRow(Update, DocumentInvalid, 0, 1, GiveUp)]
        [DataRow(Update, DocumentTooLarge, 0, 1, GiveUp)]
        public void Decide_FollowsTheWrittenPolicy(int kind, int failure, int code, int attempts, int expected)
        {
            Assert.AreEqual(expected, (int)Policy(0).Decide((ShadowRequestKind)kind, (ShadowFailure)failure, code, attempts));
        }

        [TestMethod]
        public void DelayMs_DoublesFromTheBase_HalfOfItRandom_UpToTheCap()
        {
            ShadowRetryPolicy fixedHalf = Policy(0);
            Assert.AreEqual(500, fixedHalf.DelayMs(1));
            Assert.AreEqual(1000, fixedHalf.DelayMs(2));
            Assert.AreEqual(2000, fixedHalf.DelayMs(3));
            Assert.AreEqual(15000, fixedHalf.DelayMs(10), "capped at 30 s, half of it fixed");
            Assert.AreEqual(15000, fixedHalf.DelayMs(40), "no overflow for large attempt counts");
            Assert.AreEqual(1000, Policy(500).DelayMs(1), "the random half reaches the whole base");
            Assert.AreEqual(501, Policy(1).DelayMs(1));
        }

        [TestMethod]
        public void ReportHoldMs_IsThirtySecondsForAPassingFailure_TheReportIntervalForARefusal()
        {
            Assert.AreEqual(30000L, ShadowRetryPolicy.ReportHoldMs(ShadowFailure.TimedOut, 0, 300000));
            Assert.AreEqual(30000L, ShadowRetryPolicy.ReportHoldMs(ShadowFailure.PublishFailed, 0, 300000));
            Assert.AreEqual(30000L, ShadowRetryPolicy.ReportHoldMs(ShadowFailure.Rejected, 409, 300000));
            Assert.AreEqual(30000L, ShadowRetryPolicy.ReportHoldMs(ShadowFailure.Rejected, 429, 300000));
            Assert.AreEqual(30000L, ShadowRetryPolicy.ReportHoldMs(ShadowFailure.Rejected, 500, 300000));
            Assert.AreEqual(300000L, ShadowRetryPolicy.ReportHoldMs(ShadowFailure.Rejected, 400, 300000));
            Assert.AreEqual(300000L, ShadowRetryPolicy.ReportHoldMs(ShadowFailure.Rejected, 413, 300000));
            Assert.AreEqual(60000L, ShadowRetryPolicy.ReportHoldMs(ShadowFailure.DocumentTooLarge, 0, 60000));
            Assert.IsFalse(ShadowRetryPolicy.IsTransient(ShadowFailure.DocumentInvalid, 0));
        }
    }
}
