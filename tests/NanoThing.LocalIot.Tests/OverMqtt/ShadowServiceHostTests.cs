using NanoThing.LocalIot.Broker;
using NanoThing.LocalIot.Shadows;
using NanoThing.LocalIot.Tests.Shadows;

namespace NanoThing.LocalIot.Tests.OverMqtt;

/// <summary>The host's failures: each names the file or endpoint and has its exit code.</summary>
[TestClass]
public sealed class ShadowServiceHostTests
{
    [TestMethod]
    public async Task MissingCaFile_IsExitCode2_NamingTheFile()
    {
        using var folder = new TempFolder();
        var ca = Path.Combine(folder.Path, "no-such-ca.crt");
        var options = new ShadowServiceOptions("127.0.0.1", 1, ca, "x.crt", "x.key", folder.Path);

        var (service, error, exitCode) = await ShadowServiceHost.TryStartAsync(options);

        Assert.IsNull(service);
        Assert.AreEqual(ShadowServiceHost.ExitBadTlsFiles, exitCode);
        StringAssert.Contains(error, ca);
    }

    [TestMethod]
    public async Task NoBroker_IsExitCode3_NamingTheEndpoint()
    {
        await using var fixture = await LocalIotFixture.StartAsync();
        var port = FreePort.Find();
        var options = fixture.ServiceOptions() with { BrokerPort = port };
        var log = new List<string>();

        var exitCode = await ShadowServiceHost.RunAsync(options with { Log = log.Add }, CancellationToken.None);

        Assert.AreEqual(ShadowServiceHost.ExitBrokerUnavailable, exitCode);
        StringAssert.Contains(log.Single(), "127.0.0.1:" + port);
    }

    [TestMethod]
    public async Task ASecondServiceOnTheSameFolder_IsExitCode4_UntilTheFirstStops()
    {
        await using var fixture = await LocalIotFixture.StartAsync();
        await fixture.StartServiceAsync();

        var (second, error, exitCode) = await ShadowServiceHost.TryStartAsync(fixture.ServiceOptions());

        Assert.IsNull(second);
        Assert.AreEqual(ShadowServiceHost.ExitDataFolderInUse, exitCode);
        StringAssert.Contains(error, fixture.ShadowFolder);
        await fixture.StopServiceAsync();
        await fixture.StartServiceAsync();
        Assert.IsEmpty(fixture.Service!.Store.LoadFailures, "the lock file must not count as a bad shadow file");
    }

    [TestMethod]
    public async Task RunAsync_ServesUntilCancelled_ThenReturns0()
    {
        await using var fixture = await LocalIotFixture.StartAsync();
        using var stop = new CancellationTokenSource();
        var ready = new TaskCompletionSource();
        var options = fixture.ServiceOptions() with
        {
            Log = line =>
            {
                if (line.StartsWith("shadow service: serving", StringComparison.Ordinal))
                {
                    ready.TrySetResult();
                }
            },
        };

        var run = ShadowServiceHost.RunAsync(options, stop.Token);
        await ready.Task.WaitAsync(ThingClient.Wait);
        var id = ShadowId.Classic("host-run");
        var thing = await fixture.ConnectThingAsync(id.ThingName, id);
        await thing.PublishAsync(id, ShadowOperation.Get, "");
        await thing.ExpectAsync(id, ShadowResponseKind.GetRejected);
        stop.Cancel();

        Assert.AreEqual(ShadowServiceHost.ExitStopped, await run.WaitAsync(ThingClient.Wait));
    }
}
