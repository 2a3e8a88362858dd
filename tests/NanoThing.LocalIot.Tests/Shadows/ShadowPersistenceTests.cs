using System.Text.Json.Nodes;
using NanoThing.LocalIot.Shadows;
using static NanoThing.LocalIot.Tests.Shadows.ShadowTestClient;

namespace NanoThing.LocalIot.Tests.Shadows;

/// <summary>Shadows on disk: a restart loses nothing, versions continue, a bad file costs only its shadow.</summary>
[TestClass]
public sealed class ShadowPersistenceTests
{
    private static readonly ShadowId ThingA = ShadowId.Classic("thing-a");
    private static readonly ShadowId ThingB = ShadowId.Classic("thing-b");
    private static readonly ShadowId Odd = ShadowId.Named("line:1", "$cfg:v2");

    private readonly ManualTimeProvider clock = new(1700000000);
    private readonly List<string> log = [];
    private TempFolder folder = null!;

    [TestInitialize]
    public void CreateFolder() => folder = new TempFolder();

    [TestCleanup]
    public void DeleteFolder() => folder.Dispose();

    private ShadowStore Open() => new(clock, new ShadowFileRepository(folder.Path), log.Add);

    private string PathOf(ShadowId id) => Path.Combine(folder.Path, ShadowFileName.For(id));

    [TestMethod]
    public void Restart_KeepsEveryDocumentAndItsMetadata_AndVersionsContinue()
    {
        var first = Open();
        new ShadowTestClient(first, ThingA).Update("""{"state":{"desired":{"led":true},"reported":{"led":false,"v":[1,2]}}}""");
        new ShadowTestClient(first, Odd).Update("""{"state":{"reported":{"mode":"eco"}}}""");
        clock.Advance(TimeSpan.FromSeconds(1));
        new ShadowTestClient(first, ThingA).Update("""{"state":{"reported":{"temp":20}}}""");
        var before = first.Read(ThingA)!.ToJsonString();

        var second = Open();

        Assert.AreEqual(before, second.Read(ThingA)!.ToJsonString());
        Assert.AreEqual("""{"mode":"eco"}""", second.Read(Odd)!["state"]!["reported"]!.ToJsonString());
        var accepted = Single(new ShadowTestClient(second, ThingA).Update("""{"state":{"reported":{"led":true}},"version":2}"""), ShadowResponseKind.UpdateAccepted);
        Assert.AreEqual(3, (long)JsonNode.Parse(accepted)!["version"]!);
        Assert.IsEmpty(second.LoadFailures);
    }

    [TestMethod]
    public void Restart_AfterDelete_KeepsTheVersionCounter()
    {
        var first = Open();
        var a = new ShadowTestClient(first, ThingA);
        a.Update("""{"state":{"reported":{"x":1}}}""");
        a.Update("""{"state":{"reported":{"x":2}}}""");
        a.Delete();

        var second = new ShadowTestClient(Open(), ThingA);

        Single(second.Get(), ShadowResponseKind.GetRejected);
        var accepted = Single(second.Update("""{"state":{"reported":{"y":1}}}"""), ShadowResponseKind.UpdateAccepted);
        Assert.AreEqual(3, (long)JsonNode.Parse(accepted)!["version"]!);
    }

    [TestMethod]
    public void Writes_LeaveNoTemporaryFiles_AndALeftoverTemporaryFileIsIgnored()
    {
        new ShadowTestClient(Open(), ThingA).Update("""{"state":{"reported":{"x":1}}}""");
        File.WriteAllText(PathOf(ThingA) + ".tmp", "{\"half\":");

        var store = Open();

        CollectionAssert.AreEqual(new[] { "thing-a.json" }, Directory.GetFiles(folder.Path).Select(Path.GetFileName).ToArray());
        Assert.AreEqual("""{"x":1}""", store.Read(ThingA)!["state"]!["reported"]!.ToJsonString());
    }

    [TestMethod]
    [DataRow("{\"format\":1,\"thing\":")]
    [DataRow("")]
    [DataRow("[]")]
    [DataRow("{\"format\":2}")]
    [DataRow("{\"format\":1,\"thing\":\"thing-b\",\"shadow\":\"\",\"version\":1,\"exists\":true,\"deletedAt\":null,\"state\":{\"desired\":{},\"reported\":{}},\"metadata\":{\"desired\":{},\"reported\":{}}}")]
    [DataRow("{\"format\":1,\"thing\":\"thing-a\",\"shadow\":\"\",\"version\":\"1\",\"exists\":true,\"deletedAt\":null,\"state\":{\"desired\":{},\"reported\":{}},\"metadata\":{\"desired\":{},\"reported\":{}}}")]
    [DataRow("{\"format\":1,\"thing\":\"thing-a\",\"shadow\":\"\",\"version\":1,\"exists\":true,\"deletedAt\":null,\"state\":{\"desired\":[],\"reported\":{}},\"metadata\":{\"desired\":{},\"reported\":{}}}")]
    public void CorruptedFile_IsNamedInTheError_ItsShadowGets500_OthersAreServed_AndTheFileIsKept(string content)
    {
        var first = Open();
        new ShadowTestClient(first, ThingA).Update("""{"state":{"reported":{"x":1}}}""");
        new ShadowTestClient(first, ThingB).Update("""{"state":{"reported":{"y":1}}}""");
        File.WriteAllText(PathOf(ThingA), content);

        var second = Open();
        var a = new ShadowTestClient(second, ThingA);

        Assert.HasCount(1, second.LoadFailures);
        StringAssert.Contains(second.LoadFailures[0].Message, PathOf(ThingA));
        StringAssert.Contains(second.LoadFailures[0].Message, "fix or delete the file");
        Assert.HasCount(1, log);
        Assert.AreEqual("""{"code":500,"message":"Internal service failure","timestamp":1700000000}""", Single(a.Get(), ShadowResponseKind.GetRejected));
        Single(a.Update("""{"state":{"reported":{"x":2}}}"""), ShadowResponseKind.UpdateRejected);
        Single(a.Delete(), ShadowResponseKind.DeleteRejected);
        Assert.AreEqual(content, File.ReadAllText(PathOf(ThingA)), "the corrupted file must be left for the user to inspect");
        Single(new ShadowTestClient(second, ThingB).Get(), ShadowResponseKind.GetAccepted);
    }

    [TestMethod]
    public void AFileWithAForeignName_IsReported_AndIgnored()
    {
        File.WriteAllText(Path.Combine(folder.Path, "notes.txt"), "hello");

        var store = Open();

        Assert.HasCount(1, store.LoadFailures);
        Assert.IsNull(store.LoadFailures[0].Id);
        StringAssert.Contains(store.LoadFailures[0].Message, "notes.txt");
    }

    [TestMethod]
    public void AFailedWrite_Is500_AndLeavesTheShadowAsItWas()
    {
        var store = Open();
        var a = new ShadowTestClient(store, ThingA);
        Directory.CreateDirectory(PathOf(ThingA)); // a folder where the file must go: the rename fails

        var json = Single(a.Update("""{"state":{"reported":{"x":1}}}"""), ShadowResponseKind.UpdateRejected);

        Assert.AreEqual("""{"code":500,"message":"Internal service failure","timestamp":1700000000}""", json);
        Assert.IsNull(store.Read(ThingA));
        StringAssert.Contains(log.Single(), PathOf(ThingA));
        Directory.Delete(PathOf(ThingA));
        Assert.AreEqual(1, (long)JsonNode.Parse(Single(a.Update("""{"state":{"reported":{"x":1}}}"""), ShadowResponseKind.UpdateAccepted))!["version"]!);
    }
}
