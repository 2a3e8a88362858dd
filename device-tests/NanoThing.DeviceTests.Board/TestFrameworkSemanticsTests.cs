using System;
using nanoFramework.TestFramework;

namespace NanoThing.DeviceTests.Board
{
    /// <summary>
    /// Pins down the TestFramework semantics the other device tests rely on, so that the host runner and the
    /// device launcher are seen to agree: Setup once per class, static state, DataRow arguments, exact-type
    /// ThrowsException.
    /// </summary>
    [TestClass]
    public class TestFrameworkSemanticsTests
    {
        private static int _setupRuns;
        private static int _testsSeen;

        [Setup]
        public void CountSetup()
        {
            _setupRuns++;
        }

        [TestMethod]
        public void SetupRunsOnceForTheWholeClass()
        {
            _testsSeen++;
            Assert.AreEqual(1, _setupRuns);
        }

        [TestMethod]
        public void StaticStateCarriesAcrossTests()
        {
            _testsSeen++;
            Assert.AreEqual(1, _setupRuns);
            Assert.IsTrue(_testsSeen >= 1);
        }

        [DataRow(1, 2, 3)]
        [DataRow(-1, 1, 0)]
        [DataRow(int.MaxValue, 0, int.MaxValue)]
        public void DataRowPassesItsArguments(int a, int b, int sum)
        {
            Assert.AreEqual(sum, a + b);
        }

        [TestMethod]
        public void ThrowsExceptionRequiresTheExactType()
        {
            Assert.ThrowsException(typeof(ArgumentNullException), () => throw new ArgumentNullException("x"));

            bool derivedAccepted = true;
            try
            {
                Assert.ThrowsException(typeof(ArgumentException), () => throw new ArgumentNullException("x"));
            }
            catch (Exception)
            {
                derivedAccepted = false;
            }

            Assert.IsFalse(derivedAccepted, "a derived exception type must not satisfy ThrowsException");
        }
    }
}
