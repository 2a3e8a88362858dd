using NanoThing.LocalIot.Tests.Shadows;
using NanoThing.LocalIot.Shadows;

namespace NanoThing.LocalIot.Tests.OverMqtt;

/// <summary>A bug inside the engine costs one 500 reply, not the connection or the broker.</summary>
[TestClass]
public sealed class ServiceRobustnessTests
{
    [TestMethod]
    public async Task AnExceptionInTheEngine_IsAnswered500_AndTheServiceKeepsServing()
    {
        var log = new List<string>();
        var service = new ShadowService(new ShadowStore(new ManualTimeProvider(LocalIotFixture.Epoch), new BrokenRepository()), new ManualTimeProvider(LocalIotFixture.Epoch), log.Add);
        var id = ShadowId.Classic("buggy");

        var replies = await service.HandleAsync(ShadowTopics.Request(id, ShadowOperation.Update), """{"state":{"reported":{"a":1}},"clientToken":"x"}"""u8.ToArray(), CancellationToken.None);

        Assert.AreEqual(ShadowTopics.Response(id, ShadowResponseKind.UpdateRejected), replies.Single().Topic);
        Assert.AreEqual("""{"code":500,"message":"Internal service failure","timestamp":1700000000}""", System.Text.Encoding.UTF8.GetString(replies.Single().Payload));
        var get = await service.HandleAsync(ShadowTopics.Request(id, ShadowOperation.Get), ReadOnlyMemory<byte>.Empty, CancellationToken.None);
        Assert.AreEqual(ShadowTopics.Response(id, ShadowResponseKind.GetRejected), get.Single().Topic);
        Assert.AreEqual(2, service.RequestsHandled);
        Assert.IsTrue(log.Any(line => line.Contains("simulated bug", StringComparison.Ordinal)));
    }

    [TestMethod]
    public void OnlyShadowRequestTopics_AreClaimed()
    {
        var service = new ShadowService(new ShadowStore(TimeProvider.System), TimeProvider.System);
        Assert.IsTrue(service.Handles("$aws/things/t1/shadow/update"));
        Assert.IsTrue(service.Handles("$aws/things/t1/shadow/name/cfg/get"));
        Assert.IsFalse(service.Handles("$aws/things/t1/shadow/update/accepted"));
        Assert.IsFalse(service.Handles("dt/t1/telemetry"));
    }

    /// <summary>A repository with a bug: saving throws (a real one returns false on disk errors).</summary>
    private sealed class BrokenRepository : IShadowRepository
    {
        public ShadowLoadResult LoadAll() => new(new Dictionary<ShadowId, ShadowRecord>(), []);

        public bool TrySave(ShadowId id, ShadowRecord record, out string? error) => throw new InvalidOperationException("simulated bug");
    }
}
