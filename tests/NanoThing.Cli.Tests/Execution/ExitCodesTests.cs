using NanoThing.Cli.Execution;

namespace NanoThing.Cli.Tests.Execution;

[TestClass]
public sealed class ExitCodesTests
{
    [TestMethod]
    [DataRow(Failure.InputInvalid, 3)]
    [DataRow(Failure.FileExists, 4)]
    [DataRow(Failure.NotFound, 5)]
    [DataRow(Failure.ExternalToolMissing, 6)]
    [DataRow(Failure.ExternalToolFailed, 7)]
    [DataRow(Failure.ConnectFailed, 8)]
    [DataRow(Failure.Rejected, 9)]
    [DataRow(Failure.FileSystem, 10)]
    public void For_EachFailureKind_HasItsDocumentedCode(Failure kind, int expected)
    {
        Assert.AreEqual(expected, ExitCodes.For(kind));
        Assert.AreEqual(expected, ExitCodes.For(new CliError(kind, "m")));
    }

    [TestMethod]
    public void For_NoError_IsZero() => Assert.AreEqual(0, ExitCodes.For((CliError?)null));

    [TestMethod]
    public void For_EveryFailureKind_HasADistinctCodeAboveUsage()
    {
        int[] codes = Enum.GetValues<Failure>().Select(ExitCodes.For).ToArray();
        CollectionAssert.AllItemsAreUnique(codes);
        Assert.IsTrue(codes.All(code => code > ExitCodes.Usage), string.Join(",", codes));
    }
}
