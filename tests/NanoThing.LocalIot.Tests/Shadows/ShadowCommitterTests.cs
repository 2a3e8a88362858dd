using NanoThing.LocalIot.Shadows;
using static NanoThing.LocalIot.Tests.Shadows.ShadowTestClient;

namespace NanoThing.LocalIot.Tests.Shadows;

/// <summary>
/// Group commit: an answer only after its write is stored; many things' updates in one store call; one thing's
/// requests in order; a flooding thing delays another by at most one request per batch, and its 11th in-flight
/// request gets 429. Slow disks are a held batch (no sleeps, no timing assertions).
/// </summary>
[TestClass]
public sealed class ShadowCommitterTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private readonly ManualTimeProvider clock = new(1700000000);
    private readonly GatedRepository repository = new();
    private readonly List<string> log = [];
    private ShadowCommitter committer = null!;

    [TestInitialize]
    public void Start() => committer = new ShadowCommitter(new ShadowStore(clock, repository, log.Add), log: log.Add);

    [TestCleanup]
    public async Task Stop()
    {
        await committer.DisposeAsync();
    }

    private Task<IReadOnlyList<ShadowResponse>> Update(string thing, string json) => ShadowTestClient.Update(committer, thing, json);

    [TestMethod]
    public async Task TheAnswer_WaitsUntilTheWriteIsStored()
    {
        repository.HoldNextBatch();
        var answer = Update("slow", """{"state":{"reported":{"x":1}}}""");
        await repository.Holding.Task.WaitAsync(Bound);

        Assert.IsFalse(answer.IsCompleted, "answered while the write was still being stored");
        repository.Release();
        Assert.AreEqual(1, AcceptedVersion(await answer.WaitAsync(Bound)));
    }

    [TestMethod]
    public async Task ARefusedWrite_Is500_WithTheToken_AndChangesNothing()
    {
        repository.RefuseNext = "disk full";
        var refused = await Update("full", """{"state":{"reported":{"x":1}},"clientToken":"t1"}""").WaitAsync(Bound);

        Assert.AreEqual("""{"code":500,"message":"Internal service failure","timestamp":1700000000,"clientToken":"t1"}""", Single(refused, ShadowResponseKind.UpdateRejected));
        var get = await committer.HandleAsync(ShadowId.Classic("full"), ShadowOperation.Get, ReadOnlyMemory<byte>.Empty).WaitAsync(Bound);
        Single(get, ShadowResponseKind.GetRejected);
        Assert.AreEqual(1, AcceptedVersion(await Update("full", """{"state":{"reported":{"x":1}}}""").WaitAsync(Bound)));
        CollectionAssert.Contains(log, "disk full");
    }

    [TestMethod]
    public async Task UpdatesOfManyThings_ArrivingDuringAWrite_AreStoredTogether()
    {
        repository.HoldNextBatch();
        var first = Update("first", """{"state":{"reported":{"x":0}}}""");
        await repository.Holding.Task.WaitAsync(Bound);
        var others = Enumerable.Range(1, 50).Select(i => Update("thing-" + i, """{"state":{"reported":{"x":1}}}""")).ToList();
        repository.Release();

        await Task.WhenAll([first, .. others]).WaitAsync(Bound);
        var batches = repository.Batches;
        Assert.HasCount(2, batches, "one store call for the held update, one for the 50 that arrived meanwhile");
        Assert.HasCount(50, batches[1]);
        Assert.AreEqual(2, committer.Batches);
        foreach (var other in others)
        {
            Assert.AreEqual(1, AcceptedVersion(await other));
        }
    }

    [TestMethod]
    public async Task OneThingsRequests_AreAppliedAndAnsweredInOrder()
    {
        repository.HoldNextBatch();
        var answers = Enumerable.Range(0, 10).Select(i => Update("ordered", "{\"state\":{\"reported\":{\"seq\":" + i + "}},\"version\":" + i + "}")).ToList();
        await repository.Holding.Task.WaitAsync(Bound);
        repository.Release();

        for (int i = 0; i < answers.Count; i++)
        {
            // each request expects the version its predecessor produced: any reordering is a 409
            Assert.AreEqual(i + 1, AcceptedVersion(await answers[i].WaitAsync(Bound)));
        }

        Assert.IsTrue(repository.Batches.All(b => b.Count(id => id.ThingName == "ordered") <= 1), "two requests of one thing in one batch");
    }

    [TestMethod]
    public async Task AFloodingThing_DelaysAnotherByOneRequestPerBatch_AndItsEleventhInFlightRequestIs429()
    {
        repository.HoldNextBatch();
        var flood = new List<Task<IReadOnlyList<ShadowResponse>>> { Update("flood", """{"state":{"reported":{"n":1}}}""") };
        await repository.Holding.Task.WaitAsync(Bound);
        for (int n = 2; n <= 10; n++)
        {
            flood.Add(Update("flood", "{\"state\":{\"reported\":{\"n\":" + n + "}}}"));
        }

        var throttled = await Update("flood", """{"state":{"reported":{"n":11}},"clientToken":"eleven"}""").WaitAsync(Bound);
        var quiet = Update("quiet", """{"state":{"reported":{"x":1}}}""");
        repository.Release();

        Assert.AreEqual("""{"code":429,"message":"Too Many Requests","timestamp":1700000000,"clientToken":"eleven"}""", Single(throttled, ShadowResponseKind.UpdateRejected));
        await Task.WhenAll([quiet, .. flood]).WaitAsync(Bound);
        var batches = repository.Batches;
        int quietBatch = batches.ToList().FindIndex(b => b.Contains(ShadowId.Classic("quiet")));
        int floodBefore = batches.Take(quietBatch + 1).Sum(b => b.Count(id => id.ThingName == "flood"));
        Assert.AreEqual(1, quietBatch, "the quiet thing goes into the batch after the one being stored when it arrived");
        Assert.IsLessThanOrEqualTo(2, floodBefore, "the flood's requests stored before or with the quiet thing's");
        Assert.AreEqual(10, AcceptedVersion(await flood[^1]), "the 429 request was not applied");
    }

    [TestMethod]
    public async Task AfterDispose_NewRequestsThrow_AndEverythingTakenWasAnswered()
    {
        var taken = Update("last", """{"state":{"reported":{"x":1}}}""");
        await committer.DisposeAsync();

        Assert.IsTrue(taken.IsCompleted);
        Assert.AreEqual(1, AcceptedVersion(await taken));
        Assert.ThrowsExactly<ObjectDisposedException>(() => Update("late", "{}"));
    }
}
