using NanoThing.LocalIot.Shadows;

namespace NanoThing.LocalIot.Tests.Shadows;

[TestClass]
public sealed class ShadowFileNameTests
{
    [TestMethod]
    [DataRow("kitchen", "", "kitchen.json")]
    [DataRow("kitchen", "config", "kitchen~config.json")]
    [DataRow("a:b_c-D9", "$x:y", "a%3Ab_c-D9~%24x%3Ay.json")]
    public void NamesRoundTrip(string thing, string shadow, string fileName)
    {
        var id = new ShadowId(thing, shadow);

        Assert.AreEqual(fileName, ShadowFileName.For(id));
        Assert.IsTrue(ShadowFileName.TryParse(fileName, out var parsed));
        Assert.AreEqual(id, parsed);
    }

    [TestMethod]
    [DataRow("kitchen.txt")]
    [DataRow(".json")]
    [DataRow("a~b~c.json")]
    [DataRow("a~.json")]
    [DataRow("a%3.json")]
    [DataRow("a%zz.json")]
    [DataRow("a%3a.json")]
    [DataRow("a%2F.json")]
    [DataRow("a:b.json")]
    [DataRow("kitchen.json.tmp")]
    public void ForeignNames_AreNotShadows(string fileName) => Assert.IsFalse(ShadowFileName.TryParse(fileName, out _));
}
