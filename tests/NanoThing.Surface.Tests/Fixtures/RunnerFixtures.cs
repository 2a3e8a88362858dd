extern alias nano;

using Nano = nano::nanoFramework.TestFramework;

namespace NanoThing.Surface.Tests.Fixtures;

// Device-test classes run by nano's TestRunner in TestRunnerTests (MSTest ignores them). Each records what ran in its own static log.

[Nano.TestClass]
public class SetupOnceFixture
{
    public static readonly List<string> Log = new();

    [Nano.Setup]
    public void Setup() => Log.Add("setup");

    [Nano.TestMethod]
    public void First() => Log.Add("first");

    [Nano.TestMethod]
    public void Second() => Log.Add("second");

    [Nano.Cleanup]
    public void Cleanup() => Log.Add("cleanup");
}

[Nano.TestClass]
public class SkippedInSetupFixture
{
    public static readonly List<string> Log = new();

    [Nano.Setup]
    public void Setup() => Nano.Assert.SkipTest("no board attached");

    [Nano.TestMethod]
    public void NeedsBoard() => Log.Add("ran");

    [Nano.DataRow(1)]
    public void NeedsBoardToo(int n) => Log.Add("ran " + n);
}

[Nano.TestClass]
public class OneFailingFixture
{
    [Nano.TestMethod]
    public void Passes() => Nano.Assert.IsTrue(true);

    [Nano.TestMethod]
    public void Fails() => Nano.Assert.AreEqual(1, 2, "one is not two");
}

[Nano.TestClass]
public class InstanceStateFixture
{
    public static readonly List<int> Seen = new();

    private int _count = 5;

    [Nano.TestMethod]
    public void First() => Seen.Add(++_count);

    [Nano.TestMethod]
    public void Second() => Seen.Add(++_count);
}

[Nano.TestClass]
public class DataRowFixture
{
    public static readonly List<string> Rows = new();

    [Nano.TestMethod]
    [Nano.DataRow(1, "one")]
    [Nano.DataRow(2, "two")]
    public void Row(int number, string name) => Rows.Add(number + "=" + name);
}

// Reading its methods' attributes throws (DataRow without arguments): the launcher stops at this class, so neither
// its own test nor the next class's runs (TestRunnerTests.AttributesThatCannotBeRead_StopTheRun_AndFailIt).
[Nano.TestClass]
public class AttributeFailureFixture
{
    public static readonly List<string> Log = new();

    [Nano.TestMethod]
    public void Readable() => Log.Add("readable");

    [Nano.DataRow]
    public void Unreadable(int n) => Log.Add("unreadable " + n);
}

[Nano.TestClass]
public class AfterAttributeFailureFixture
{
    [Nano.TestMethod]
    public void NeverReached() => AttributeFailureFixture.Log.Add("after");
}
