using NanoThing.Cli.Things;

namespace NanoThing.Cli.Tests.Commands.Cert;

[TestClass]
public sealed class ThingNameTests
{
    [TestMethod]
    [DataRow("kitchen")]
    [DataRow("a")]
    [DataRow("Thing_01:floor-2")]
    public void TryCreate_AwsAllowedName_Succeeds(string text)
    {
        Assert.IsTrue(ThingName.TryCreate(text, out ThingName? name, out _));
        Assert.AreEqual(text, name!.Value);
    }

    [TestMethod]
    public void TryCreate_128Characters_SucceedsAnd129Fails()
    {
        Assert.IsTrue(ThingName.TryCreate(new string('x', 128), out _, out _));
        Assert.IsFalse(ThingName.TryCreate(new string('x', 129), out _, out var error));
        StringAssert.Contains(error!.Message, "129 characters");
    }

    [TestMethod]
    [DataRow("", "empty")]
    [DataRow("a b", "' ' at position 2")]
    [DataRow("a/b", "'/' at position 2")]
    [DataRow("kitchen#", "'#' at position 8")]
    [DataRow("é", "'é' at position 1")]
    [DataRow("a\nb", "'\\u000a' at position 2")]
    public void TryCreate_InvalidName_ErrorNamesTheProblem(string text, string expected)
    {
        Assert.IsFalse(ThingName.TryCreate(text, out _, out var error));
        StringAssert.Contains(error!.Message, expected);
        Assert.IsNotNull(error.Next);
    }
}
