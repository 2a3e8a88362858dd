using System.Text.Json.Nodes;
using NanoThing.LocalIot.Shadows;
using static NanoThing.LocalIot.Tests.Shadows.ShadowTestClient;

namespace NanoThing.LocalIot.Tests.Shadows;

/// <summary>AWS's merge, delta, metadata and versioning rules, one per test.</summary>
[TestClass]
public sealed class ShadowRuleTests
{
    private const long T0 = 1700000000;

    private readonly ManualTimeProvider clock = new(T0);
    private readonly ShadowStore store;
    private readonly ShadowTestClient thing;

    public ShadowRuleTests()
    {
        store = new ShadowStore(clock);
        thing = new ShadowTestClient(store, ShadowId.Classic("thing-a"));
    }

    private JsonObject Document() => store.Read(ShadowId.Classic("thing-a")) ?? throw new AssertFailedException("no shadow");

    private static string Text(JsonNode? node) => node?.ToJsonString() ?? "null";

    [TestMethod]
    public void PartialUpdate_LeavesOtherFieldsAndTheirTimestamps()
    {
        thing.Update("""{"state":{"reported":{"a":1,"b":2}}}""");
        clock.Advance(TimeSpan.FromSeconds(5));
        thing.Update("""{"state":{"reported":{"b":3}}}""");

        var doc = Document();
        Assert.AreEqual("""{"a":1,"b":3}""", Text(doc["state"]!["reported"]));
        Assert.AreEqual("""{"a":{"timestamp":1700000000},"b":{"timestamp":1700000005}}""", Text(doc["metadata"]!["reported"]));
    }

    [TestMethod]
    public void NestedObjects_MergeToTheLeaf()
    {
        thing.Update("""{"state":{"desired":{"lights":{"color":{"r":1,"g":2},"on":true}}}}""");
        thing.Update("""{"state":{"desired":{"lights":{"color":{"g":9}}}}}""");

        Assert.AreEqual("""{"lights":{"color":{"r":1,"g":9},"on":true}}""", Text(Document()["state"]!["desired"]));
    }

    [TestMethod]
    public void Arrays_AreReplacedWhole_WithPerElementMetadata()
    {
        thing.Update("""{"state":{"reported":{"v":[1,2,3]}}}""");
        clock.Advance(TimeSpan.FromSeconds(1));
        thing.Update("""{"state":{"reported":{"v":[7,{"a":2}]}}}""");

        var doc = Document();
        Assert.AreEqual("""{"v":[7,{"a":2}]}""", Text(doc["state"]!["reported"]));
        Assert.AreEqual("""{"v":[{"timestamp":1700000001},{"a":{"timestamp":1700000001}}]}""", Text(doc["metadata"]!["reported"]));
    }

    [TestMethod]
    public void Null_DeletesAKey_AndAnObjectLeftEmptyDisappears()
    {
        thing.Update("""{"state":{"reported":{"a":1,"n":{"x":1}}}}""");
        thing.Update("""{"state":{"reported":{"a":null,"n":{"x":null}}}}""");

        var doc = Document();
        Assert.AreEqual("""{}""", Text(doc["state"]));
        Assert.AreEqual("""{}""", Text(doc["metadata"]));
        Assert.AreEqual(2, (long)doc["version"]!);
    }

    [TestMethod]
    public void DesiredNull_RemovesTheSection_AndTheDelta()
    {
        thing.Update("""{"state":{"desired":{"led":true},"reported":{"led":false}}}""");
        thing.Update("""{"state":{"desired":null}}""");

        var doc = Document();
        Assert.AreEqual("""{"reported":{"led":false}}""", Text(doc["state"]));
    }

    [TestMethod]
    public void StateNull_ClearsBothSections_ButKeepsTheShadow()
    {
        thing.Update("""{"state":{"desired":{"led":true},"reported":{"led":false}}}""");
        var responses = thing.Update("""{"state":null}""");

        Assert.AreEqual(ShadowResponseKind.UpdateAccepted, responses[0].Kind);
        Assert.AreEqual("""{}""", Text(Document()["state"]));
        Assert.AreEqual(2, (long)Document()["version"]!);
    }

    [TestMethod]
    public void ObjectReplacingAScalar_AndScalarReplacingAnObject_GetFreshMetadata()
    {
        thing.Update("""{"state":{"reported":{"a":1,"b":{"c":1}}}}""");
        clock.Advance(TimeSpan.FromSeconds(1));
        thing.Update("""{"state":{"reported":{"a":{"x":2},"b":5}}}""");

        var doc = Document();
        Assert.AreEqual("""{"a":{"x":2},"b":5}""", Text(doc["state"]!["reported"]));
        Assert.AreEqual("""{"a":{"x":{"timestamp":1700000001}},"b":{"timestamp":1700000001}}""", Text(doc["metadata"]!["reported"]));
    }

    [TestMethod]
    public void Delta_HoldsPathsToDifferingLeaves_WholeArrays_DesiredOnlyFields_NeverReportedOnlyFields()
    {
        thing.Update("""{"state":{"reported":{"lights":{"color":{"r":1,"g":9,"b":3}},"arr":[1,2],"list":[1],"extra":1,"gone":{"x":1}}}}""");
        clock.Advance(TimeSpan.FromSeconds(3));
        var json = Single(
            thing.Update("""{"state":{"desired":{"lights":{"color":{"r":1,"g":2,"b":3}},"arr":[1,2],"list":[1,2],"new":"x","gone":5}}}"""),
            ShadowResponseKind.UpdateDelta);

        var delta = JsonNode.Parse(json)!;
        Assert.AreEqual("""{"lights":{"color":{"g":2}},"list":[1,2],"new":"x","gone":5}""", Text(delta["state"]));
        Assert.AreEqual(
            """{"lights":{"color":{"g":{"timestamp":1700000003}}},"list":[{"timestamp":1700000003},{"timestamp":1700000003}],"new":{"timestamp":1700000003},"gone":{"timestamp":1700000003}}""",
            Text(delta["metadata"]));
    }

    [TestMethod]
    public void Delta_IncludesAFieldDeletedFromReported()
    {
        thing.Update("""{"state":{"desired":{"led":true},"reported":{"led":true}}}""");
        var json = Single(thing.Update("""{"state":{"reported":{"led":null}}}"""), ShadowResponseKind.UpdateDelta);

        Assert.AreEqual("""{"led":true}""", Text(JsonNode.Parse(json)!["state"]));
    }

    [TestMethod]
    public void Delta_ComparesTypes_StringIsNotNumber()
    {
        thing.Update("""{"state":{"desired":{"v":1},"reported":{"v":"1"}}}""");

        Assert.AreEqual("""{"v":1}""", Text(Document()["state"]!["delta"]));
    }

    [TestMethod]
    public void Version_IncrementsByOne_AndAMatchingVersionIsAccepted()
    {
        thing.Update("""{"state":{"reported":{"a":1}}}""");
        var responses = thing.Update("""{"state":{"reported":{"a":2}},"version":1}""");

        Assert.AreEqual(ShadowResponseKind.UpdateAccepted, responses[0].Kind);
        Assert.AreEqual(2, (long)JsonNode.Parse(responses[0].Json)!["version"]!);
    }

    [TestMethod]
    public void Version_Mismatch_Is409_AndChangesNothing()
    {
        thing.Update("""{"state":{"reported":{"a":1}}}""");
        thing.Update("""{"state":{"reported":{"a":2}}}""");

        var json = Single(thing.Update("""{"state":{"reported":{"a":3}},"version":1,"clientToken":"c9"}"""), ShadowResponseKind.UpdateRejected);

        Assert.AreEqual("""{"code":409,"message":"Version conflict","timestamp":1700000000,"clientToken":"c9"}""", json);
        Assert.AreEqual("""{"a":2}""", Text(Document()["state"]!["reported"]));
        Assert.AreEqual(2, (long)Document()["version"]!);
    }

    [TestMethod]
    public void Delete_KeepsTheVersionCounter_SoARecreatedShadowContinuesIt()
    {
        thing.Update("""{"state":{"reported":{"a":1}}}""");
        thing.Update("""{"state":{"reported":{"a":2}}}""");
        thing.Delete();

        var accepted = Single(thing.Update("""{"state":{"reported":{"b":1}}}"""), ShadowResponseKind.UpdateAccepted);

        Assert.AreEqual(3, (long)JsonNode.Parse(accepted)!["version"]!);
        Assert.AreEqual("""{"b":1}""", Text(Document()["state"]!["reported"]), "a deleted shadow's content must not come back");
    }

    [TestMethod]
    public void Delete_MoreThan48HoursAgo_RestartsTheVersion()
    {
        thing.Update("""{"state":{"reported":{"a":1}}}""");
        thing.Update("""{"state":{"reported":{"a":2}}}""");
        thing.Delete();
        clock.Advance(TimeSpan.FromHours(48) + TimeSpan.FromSeconds(1));

        var accepted = Single(thing.Update("""{"state":{"reported":{"b":1}}}"""), ShadowResponseKind.UpdateAccepted);

        Assert.AreEqual(1, (long)JsonNode.Parse(accepted)!["version"]!);
    }

    [TestMethod]
    public void NamedShadows_AreSeparateFromTheClassicShadow_AndFromEachOther()
    {
        var config = new ShadowTestClient(store, ShadowId.Named("thing-a", "config"));
        thing.Update("""{"state":{"reported":{"a":1}}}""");
        config.Update("""{"state":{"reported":{"mode":"eco"}}}""");

        Assert.AreEqual("""{"a":1}""", Text(Document()["state"]!["reported"]));
        StringAssert.Contains(Single(config.Get(), ShadowResponseKind.GetAccepted), "\"reported\":{\"mode\":\"eco\"}}");
        Assert.AreEqual("""{"code":404,"message":"No shadow exists with name: 'other'","timestamp":1700000000}""",
            Single(new ShadowTestClient(store, ShadowId.Named("thing-a", "other")).Get(), ShadowResponseKind.GetRejected));
    }

    [TestMethod]
    public void Size_CountsTheMergedDocument_SoASmallUpdateCanGet413()
    {
        var big = new string('x', ShadowLimits.MaxStateBytes - 200);
        thing.Update("{\"state\":{\"reported\":{\"big\":\"" + big + "\"}}}");

        var json = Single(thing.Update("""{"state":{"desired":{"pad":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}}}"""),
            ShadowResponseKind.UpdateRejected);

        Assert.AreEqual("""{"code":413,"message":"The payload exceeds the maximum size allowed","timestamp":1700000000}""", json);
        Assert.AreEqual(1, (long)Document()["version"]!);
    }

    [TestMethod]
    public void Size_ExactlyAtTheLimit_IsAccepted_OneByteMoreIsNot()
    {
        // {"big":"…"} is 10 bytes of syntax around the value.
        var fits = new string('x', ShadowLimits.MaxStateBytes - 10);
        Assert.AreEqual(ShadowResponseKind.UpdateAccepted, thing.Update("{\"state\":{\"reported\":{\"big\":\"" + fits + "\"}}}")[0].Kind);
        Assert.AreEqual(ShadowResponseKind.UpdateRejected, thing.Update("{\"state\":{\"reported\":{\"big\":\"" + fits + "x\"}}}")[0].Kind);
    }

    [TestMethod]
    public void Size_IgnoresMetadata_AndANullDeletionMakesRoom()
    {
        var fits = new string('x', ShadowLimits.MaxStateBytes - 10);
        thing.Update("{\"state\":{\"reported\":{\"big\":\"" + fits + "\"}}}");

        Assert.AreEqual(ShadowResponseKind.UpdateAccepted, thing.Update("""{"state":{"reported":{"big":null,"small":1}}}""")[0].Kind);
    }
}
