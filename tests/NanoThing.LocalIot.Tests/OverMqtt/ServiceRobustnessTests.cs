using NanoThing.LocalIot.Shadows;
using NanoThing.Mqtt;

namespace NanoThing.LocalIot.Tests.OverMqtt;

/// <summary>A bug inside the engine costs one 500 reply, not the connection (which would make the broker redeliver forever).</summary>
[TestClass]
public sealed class ServiceRobustnessTests
{
    [TestMethod]
    public async Task AnExceptionInTheEngine_IsAnswered500_AndTheServiceKeepsServing()
    {
        await using var fixture = await LocalIotFixture.StartAsync();
        var options = fixture.ServiceOptions();
        Assert.IsTrue(TlsSettings.TryLoadFromPemFiles(options.CaFile, options.CertificateFile, options.KeyFile, out var tls, out var error), error);
        await using var service = new LocalIot.Shadows.ShadowService(options, tls, new ShadowStore(options.Time, new BrokenRepository()));
        Assert.IsNull(await service.StartAsync());
        var id = ShadowId.Classic("buggy");
        var thing = await fixture.ConnectThingAsync(id.ThingName, id);

        await thing.PublishAsync(id, ShadowOperation.Update, """{"state":{"reported":{"a":1}},"clientToken":"x"}""");

        Assert.AreEqual("""{"code":500,"message":"Internal service failure","timestamp":1700000000}""",
            await thing.ExpectAsync(id, ShadowResponseKind.UpdateRejected));
        await thing.PublishAsync(id, ShadowOperation.Get, "");
        await thing.ExpectAsync(id, ShadowResponseKind.GetRejected);
        Assert.IsTrue(service.IsServing);
        Assert.IsTrue(fixture.ServiceLog.Any(line => line.Contains("simulated bug", StringComparison.Ordinal)));
    }

    /// <summary>A repository with a bug: saving throws (a real one returns false on disk errors).</summary>
    private sealed class BrokenRepository : IShadowRepository
    {
        public ShadowLoadResult LoadAll() => new(new Dictionary<ShadowId, ShadowRecord>(), []);

        public bool TrySave(ShadowId id, ShadowRecord record, out string? error) => throw new InvalidOperationException("simulated bug");
    }
}
