extern alias nano;

using NanoThing.Surface.Tests.Fixtures;
using Nano = nano::nanoFramework.TestFramework;

namespace NanoThing.Surface.Tests;

/// <summary>The host TestRunner has nanoFramework's launcher semantics (see device-tests/TestFramework.Host/TestRunner.cs).</summary>
[TestClass]
public sealed class TestRunnerTests
{
    [TestMethod]
    public void SetupAndCleanup_RunOncePerClass_AroundTheTests()
    {
        (Nano.TestRunner.Summary summary, _) = Run(nameof(SetupOnceFixture) + ".");

        Assert.AreEqual(2, summary.Passed);
        Assert.AreEqual(0, summary.ExitCode);
        Assert.AreEqual("setup", SetupOnceFixture.Log[0]);
        Assert.AreEqual("cleanup", SetupOnceFixture.Log[^1]);
        CollectionAssert.AreEquivalent(new[] { "setup", "first", "second", "cleanup" }, SetupOnceFixture.Log);
    }

    [TestMethod]
    public void SkipTestInSetup_SkipsEveryTestOfTheClass()
    {
        (Nano.TestRunner.Summary summary, string output) = Run(nameof(SkippedInSetupFixture) + ".");

        Assert.AreEqual(0, summary.Passed);
        Assert.AreEqual(2, summary.Skipped);
        Assert.AreEqual(0, summary.Failed);
        Assert.AreEqual(0, SkippedInSetupFixture.Log.Count, "a test of a skipped class ran");
        StringAssert.Contains(output, "SKIP SkippedInSetupFixture.NeedsBoard: no board attached");
    }

    [TestMethod]
    public void AFailingTest_FailsTheRun()
    {
        (Nano.TestRunner.Summary summary, string output) = Run(nameof(OneFailingFixture) + ".");

        Assert.AreEqual(1, summary.Passed);
        Assert.AreEqual(1, summary.Failed);
        Assert.AreEqual(1, summary.ExitCode);
        StringAssert.Contains(output, "FAIL OneFailingFixture.Fails:");
        StringAssert.Contains(output, "one is not two");
    }

    [TestMethod]
    public void InstanceFields_StartUninitialisedForEveryMethod()
    {
        (Nano.TestRunner.Summary summary, _) = Run(nameof(InstanceStateFixture) + ".");

        Assert.AreEqual(2, summary.Passed);
        CollectionAssert.AreEqual(new[] { 1, 1 }, InstanceStateFixture.Seen, "no constructor, no field initialiser, no state carried from one method to the next");
    }

    [TestMethod]
    public void DataRows_RunWithTheirArguments_AndReplaceTheArgumentlessRun()
    {
        (Nano.TestRunner.Summary summary, string output) = Run(nameof(DataRowFixture) + ".");

        Assert.AreEqual(2, summary.Passed, output);
        CollectionAssert.AreEquivalent(new[] { "1=one", "2=two" }, DataRowFixture.Rows);
        StringAssert.Contains(output, "PASS DataRowFixture.Row(1, one)");
    }

    [TestMethod]
    public void AttributesThatCannotBeRead_StopTheRun_AndFailIt()
    {
        (Nano.TestRunner.Summary summary, string output) = Run("AttributeFailure");

        Assert.AreEqual(1, summary.Failed, output);
        Assert.AreEqual(0, summary.Passed, output);
        Assert.AreEqual(1, summary.ExitCode);
        StringAssert.Contains(output, "FAIL AttributeFailureFixture.Unreadable [attributes]: reading its attributes failed");
        Assert.AreEqual(0, AttributeFailureFixture.Log.Count, "the launcher reads every method's attributes before running the class, and stops at the failure: " + string.Join(", ", AttributeFailureFixture.Log));
    }

    [TestMethod]
    public void NothingRun_IsAFailure()
    {
        (Nano.TestRunner.Summary summary, _) = Run("NoSuchTestAnywhere");

        Assert.AreEqual(0, summary.Passed + summary.Failed + summary.Skipped);
        Assert.AreEqual(1, summary.ExitCode);
    }

    [TestMethod]
    [DoNotParallelize] // swaps Console.Out
    public void ConsoleRun_PrintsTheSummaryLineThatTestShParses()
    {
        TextWriter console = Console.Out;
        var output = new StringWriter();
        int exitCode;
        Console.SetOut(output);
        try
        {
            // compiled on its own: the runner's toolchain checks would refuse this test project's own assembly
            exitCode = CompiledFixture.Use("Console", """
                [TestClass]
                public class OneFailing
                {
                    [TestMethod] public void Passes() { Assert.IsTrue(true); }
                    [TestMethod] public void Fails() { Assert.AreEqual(1, 2, "one is not two"); }
                }
                """, (assembly, _) => Nano.TestRunner.Run(assembly, null, "device-tests"));
        }
        finally
        {
            Console.SetOut(console);
        }

        Assert.AreEqual(1, exitCode);
        StringAssert.EndsWith(output.ToString().TrimEnd(), "device-tests: 1 passed, 1 failed, 0 skipped");
    }

    [TestMethod]
    public void ThrowsException_MatchesTheExactTypeOnly()
    {
        Nano.Assert.ThrowsException(typeof(ArgumentNullException), () => throw new ArgumentNullException("x"));

        Assert.ThrowsExactly<nano::TestFrameworkShared.AssertFailedException>(() => Nano.Assert.ThrowsException(typeof(ArgumentException), () => throw new ArgumentNullException("x")));
        Assert.ThrowsExactly<nano::TestFrameworkShared.AssertFailedException>(() => Nano.Assert.ThrowsException(typeof(ArgumentException), () => { }));
    }

    private static (Nano.TestRunner.Summary Summary, string Output) Run(string filter)
    {
        var output = new StringWriter();
        Nano.TestRunner.Summary summary = Nano.TestRunner.Run(typeof(TestRunnerTests).Assembly, filter, output);
        return (summary, output.ToString());
    }
}
