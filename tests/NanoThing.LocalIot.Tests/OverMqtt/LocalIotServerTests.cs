using System.Net;
using System.Net.Sockets;
using NanoThing.LocalIot.Shadows;
using NanoThing.LocalIot.StandIn;
using NanoThing.LocalIot.Tests.Shadows;

namespace NanoThing.LocalIot.Tests.OverMqtt;

/// <summary>The stand-in process's start failures: each names the file, folder or port and has its exit code.</summary>
[TestClass]
public sealed class LocalIotServerTests
{
    [TestMethod]
    public async Task DamagedCa_IsExitCode2_NamingTheFolder()
    {
        using var folder = new TempFolder();
        var ca = Path.Combine(folder.Path, "ca");
        Directory.CreateDirectory(ca);
        File.WriteAllText(Path.Combine(ca, "ca.key"), "not a key");

        var (server, error, exitCode) = await LocalIotServer.TryStartAsync(new LocalIotServerOptions(folder.Path, 1));

        Assert.IsNull(server);
        Assert.AreEqual(LocalIotServer.ExitBadCa, exitCode);
        StringAssert.Contains(error, ca);
    }

    [TestMethod]
    public async Task PortInUse_IsExitCode3_NamingTheEndpoint_AndReleasesTheFolder()
    {
        await using var fixture = await LocalIotFixture.StartAsync();
        using var taken = new TcpListener(IPAddress.Loopback, fixture.Port);
        taken.Start();

        var (server, error, exitCode) = await LocalIotServer.TryStartAsync(fixture.ServerOptions());

        Assert.IsNull(server);
        Assert.AreEqual(LocalIotServer.ExitPortUnavailable, exitCode);
        StringAssert.Contains(error, "127.0.0.1:" + fixture.Port);
        taken.Stop();
        await fixture.StartServiceAsync(); // the shadow folder was not left locked
    }

    [TestMethod]
    public async Task ASecondStandInOnTheSameFolder_IsExitCode4_UntilTheFirstStops()
    {
        await using var fixture = await LocalIotFixture.StartAsync();
        await fixture.StartServiceAsync();

        var (second, error, exitCode) = await LocalIotServer.TryStartAsync(fixture.ServerOptions() with { Port = LocalIot.Broker.FreePort.Find() });

        Assert.IsNull(second);
        Assert.AreEqual(LocalIotServer.ExitDataFolderInUse, exitCode);
        StringAssert.Contains(error, fixture.ShadowFolder);
        await fixture.StopServiceAsync();
        await fixture.StartServiceAsync();
        Assert.IsEmpty(fixture.Service!.Store.LoadFailures, "the lock file must not count as a bad shadow file");
    }

    [TestMethod]
    public async Task TheShadowServiceAnswers_InsideTheBroker()
    {
        await using var fixture = await LocalIotFixture.StartAsync();
        await fixture.StartServiceAsync();
        var id = ShadowId.Classic("host-run");
        var thing = await fixture.ConnectThingAsync(id.ThingName, id);

        await thing.PublishAsync(id, ShadowOperation.Get, "");

        await thing.ExpectAsync(id, ShadowResponseKind.GetRejected);
        Assert.AreEqual(1, fixture.Service!.RequestsHandled);
    }
}
