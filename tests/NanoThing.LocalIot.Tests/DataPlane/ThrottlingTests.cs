using NanoThing.LocalIot.Shadows;
using NanoThing.LocalIot.Tests.Shadows;

namespace NanoThing.LocalIot.Tests.DataPlane;

/// <summary>
/// ThrottlingException through real HTTPS: the shadow engine behind the data plane (<see cref="ShadowCommitter"/>)
/// takes at most 10 requests in flight per thing (AWS: device-shadow-error-messages.html, 429; aws-iot.md §1.8), so
/// with the repository holding a write, the 11th concurrent UpdateThingShadow of one thing is answered 429 at once,
/// while another thing is not throttled and the held requests are answered once the write is stored.
/// A slow disk is a <see cref="GatedRepository"/> holding its first batch (no sleeps, no timing assertions).
/// </summary>
[TestClass]
public sealed class ThrottlingTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private readonly GatedRepository repository = new();
    private DataPlaneFixture fixture = null!;
    private HttpClient client = null!;

    [TestInitialize]
    public async Task StartAsync()
    {
        fixture = await DataPlaneFixture.StartAsync(repository: repository);
        client = fixture.Client();
    }

    [TestCleanup]
    public async Task StopAsync()
    {
        repository.Release(); // a failed test must not leave the commit thread held
        client.Dispose();
        await fixture.DisposeAsync();
    }

    private Task<HttpResponseMessage> Update(string thing, string reported) =>
        client.PostAsync("/things/" + thing + "/shadow", DataPlaneFixture.Json("{\"state\":{\"reported\":" + reported + "}}"));

    [TestMethod]
    public async Task The_11th_concurrent_update_of_one_thing_is_429_ThrottlingException_while_another_thing_is_answered_200()
    {
        repository.HoldNextBatch();
        var held = Update("busy", """{"n":1}""");
        await repository.Holding.Task.WaitAsync(Bound);

        // 10 more while the first is being stored: 9 fit AWS's 10 in flight, one is refused at once. The queued ones cannot
        // be answered while the write is held, so the first answer to arrive is the refused one.
        var more = Enumerable.Range(2, 10).Select(n => Update("busy", "{\"n\":" + n + "}")).ToList();
        var first = await (await Task.WhenAny(more).WaitAsync(Bound));
        string message = await HttpAssert.ErrorAsync(first, 429, "ThrottlingException");
        Assert.AreEqual("Too Many Requests", message);

        // another thing is not throttled by the busy one; its update waits for the held write like any other
        var quiet = Update("quiet", """{"x":1}""");
        // the busy thing stays full while the write is held: a further update is refused too
        await HttpAssert.ErrorAsync(await Update("busy", """{"n":12}""").WaitAsync(Bound), 429, "ThrottlingException");
        Assert.IsFalse(held.IsCompleted, "answered while the write was still being stored");
        Assert.IsFalse(quiet.IsCompleted, "the other thing's update was answered before its write could be stored");
        Assert.AreEqual(9, more.Count(t => !t.IsCompleted), "exactly one of the 11 concurrent updates is refused");

        repository.Release();
        Assert.AreEqual(1, (int)(await HttpAssert.OkAsync(await held.WaitAsync(Bound)))["version"]!);
        Assert.AreEqual(1, (int)(await HttpAssert.OkAsync(await quiet.WaitAsync(Bound)))["version"]!);
        var versions = new List<int>();
        foreach (var update in more)
        {
            var response = await update.WaitAsync(Bound);
            if (ReferenceEquals(response, first))
            {
                continue;
            }

            versions.Add((int)(await HttpAssert.OkAsync(response))["version"]!);
        }

        CollectionAssert.AreEquivalent(Enumerable.Range(2, 9).ToList(), versions, "the 9 queued updates are applied, the refused ones are not");
        var document = await HttpAssert.OkAsync(await client.GetAsync("/things/busy/shadow").WaitAsync(Bound));
        Assert.AreEqual(10, (int)document["version"]!, "a refused update changed the shadow");
        Assert.IsEmpty(fixture.Publisher.Messages.Where(m => m.Topic.Contains("busy") && m.Text.Contains("\"code\":429")).ToList(),
            "a throttled HTTPS request is answered only to its caller");
    }
}
