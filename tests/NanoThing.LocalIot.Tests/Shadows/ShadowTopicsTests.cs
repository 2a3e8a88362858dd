using NanoThing.LocalIot.Shadows;

namespace NanoThing.LocalIot.Tests.Shadows;

[TestClass]
public sealed class ShadowTopicsTests
{
    [TestMethod]
    [DataRow("$aws/things/kitchen/shadow/get", "kitchen", "", ShadowOperation.Get)]
    [DataRow("$aws/things/kitchen/shadow/update", "kitchen", "", ShadowOperation.Update)]
    [DataRow("$aws/things/kitchen/shadow/delete", "kitchen", "", ShadowOperation.Delete)]
    [DataRow("$aws/things/kitchen/shadow/name/config/get", "kitchen", "config", ShadowOperation.Get)]
    [DataRow("$aws/things/a:b_c-9/shadow/name/$x:y_z-1/update", "a:b_c-9", "$x:y_z-1", ShadowOperation.Update)]
    [DataRow("$aws/things/kitchen/shadow/name/name/delete", "kitchen", "name", ShadowOperation.Delete)]
    [DataRow("$aws/things/shadow/shadow/get", "shadow", "", ShadowOperation.Get)]
    public void RequestTopics_Parse(string topic, string thing, string shadow, ShadowOperation operation)
    {
        Assert.IsTrue(ShadowTopics.TryParseRequest(topic, out var id, out var parsed));
        Assert.AreEqual(new ShadowId(thing, shadow), id);
        Assert.AreEqual(operation, parsed);
        Assert.AreEqual(topic, ShadowTopics.Request(id, operation));
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("$aws/things/kitchen/shadow")]
    [DataRow("$aws/things/kitchen/shadow/")]
    [DataRow("$aws/things/kitchen/shadow/get/")]
    [DataRow("$aws/things/kitchen/shadow/get/accepted")]
    [DataRow("$aws/things/kitchen/shadow/update/delta")]
    [DataRow("$aws/things/kitchen/shadow/name/config/update/accepted")]
    [DataRow("$aws/things/kitchen/shadow/GET")]
    [DataRow("$AWS/things/kitchen/shadow/get")]
    [DataRow("$aws/Things/kitchen/shadow/get")]
    [DataRow("$aws/things/kitchen/Shadow/get")]
    [DataRow("$aws/things//shadow/get")]
    [DataRow("$aws/things/kit chen/shadow/get")]
    [DataRow("$aws/things/kitchen/shadow/name//get")]
    [DataRow("$aws/things/kitchen/shadow/name/a~b/get")]
    [DataRow("$aws/things/kitchen/shadow/names/config/get")]
    [DataRow("$aws/things/kitchen/shadow/name/config")]
    [DataRow("$aws/things/kitchen/shadow/x/config/get")]
    [DataRow("/$aws/things/kitchen/shadow/get")]
    [DataRow("$aws/things/$kitchen/shadow/get")]
    [DataRow("$aws/things/kitchen/shadow/get\0")]
    [DataRow("aws/things/kitchen/shadow/get")]
    public void OtherTopics_AreNotRequests(string topic) => Assert.IsFalse(ShadowTopics.TryParseRequest(topic, out _, out _));

    [TestMethod]
    public void NameLengthLimits_AreEnforced()
    {
        Assert.IsTrue(ShadowTopics.TryParseRequest("$aws/things/" + new string('t', 128) + "/shadow/name/" + new string('s', 64) + "/get", out _, out _));
        Assert.IsFalse(ShadowTopics.TryParseRequest("$aws/things/" + new string('t', 129) + "/shadow/get", out _, out _));
        Assert.IsFalse(ShadowTopics.TryParseRequest("$aws/things/t/shadow/name/" + new string('s', 65) + "/get", out _, out _));
    }

    [TestMethod]
    public void ResponseTopics_AreExact()
    {
        var classic = ShadowId.Classic("kitchen");
        var named = ShadowId.Named("kitchen", "config");
        Assert.AreEqual("$aws/things/kitchen/shadow/get/accepted", ShadowTopics.Response(classic, ShadowResponseKind.GetAccepted));
        Assert.AreEqual("$aws/things/kitchen/shadow/get/rejected", ShadowTopics.Response(classic, ShadowResponseKind.GetRejected));
        Assert.AreEqual("$aws/things/kitchen/shadow/update/accepted", ShadowTopics.Response(classic, ShadowResponseKind.UpdateAccepted));
        Assert.AreEqual("$aws/things/kitchen/shadow/update/rejected", ShadowTopics.Response(classic, ShadowResponseKind.UpdateRejected));
        Assert.AreEqual("$aws/things/kitchen/shadow/update/delta", ShadowTopics.Response(classic, ShadowResponseKind.UpdateDelta));
        Assert.AreEqual("$aws/things/kitchen/shadow/update/documents", ShadowTopics.Response(classic, ShadowResponseKind.UpdateDocuments));
        Assert.AreEqual("$aws/things/kitchen/shadow/delete/accepted", ShadowTopics.Response(classic, ShadowResponseKind.DeleteAccepted));
        Assert.AreEqual("$aws/things/kitchen/shadow/delete/rejected", ShadowTopics.Response(classic, ShadowResponseKind.DeleteRejected));
        Assert.AreEqual("$aws/things/kitchen/shadow/name/config/update/delta", ShadowTopics.Response(named, ShadowResponseKind.UpdateDelta));
    }

    [TestMethod]
    public void RequestFilters_AreTheSixRequestForms() => CollectionAssert.AreEqual(
        new[]
        {
            "$aws/things/+/shadow/get", "$aws/things/+/shadow/update", "$aws/things/+/shadow/delete",
            "$aws/things/+/shadow/name/+/get", "$aws/things/+/shadow/name/+/update", "$aws/things/+/shadow/name/+/delete",
        },
        ShadowTopics.RequestFilters.ToArray());
}
