using System.Text.Json.Nodes;
using NanoThing.LocalIot.Broker;
using NanoThing.LocalIot.Pki;
using NanoThing.LocalIot.Registry;
using NanoThing.LocalIot.Shadows;
using NanoThing.LocalIot.StandIn;
using NanoThing.LocalIot.WebConsole;
using NanoThing.VirtualBoard.Board;
using NanoThing.VirtualBoard.Simulation;
using Board = NanoThing.VirtualBoard.Board.VirtualBoard;

namespace NanoThing.Console.Tests.Support;

/// <summary>
/// The stand-in as <c>nanothing local serve</c> runs it, with its console on a free port, in a temp folder; plus virtual
/// boards for things provisioned from its CA with test-fast intervals (sample every 1 s, report at most every 1 s).
/// Boards are stopped and the folder removed on dispose.
/// </summary>
public sealed class ConsoleStandIn : IAsyncDisposable
{
    /// <summary>Bound of every wait in these tests (a loaded 2-core machine).</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    private readonly string root;
    private readonly LocalCa ca;
    private readonly List<Board> boards = [];

    /// <summary>The stand-in's local CA (to provision identities as <c>nanothing local provision</c> does).</summary>
    public LocalCa Ca => ca;

    private ConsoleStandIn(string root, LocalCa ca, LocalIotServer server)
    {
        this.root = root;
        this.ca = ca;
        Server = server;
    }

    /// <summary>The running stand-in.</summary>
    public LocalIotServer Server { get; }

    /// <summary>Its console.</summary>
    public LocalConsole Console => Server.Console!;

    /// <summary>The stand-in's data folder.</summary>
    public string DataFolder => Path.Combine(root, "local");

    /// <summary>Starts the stand-in; its log lines go to <paramref name="log"/> when given.</summary>
    public static async Task<ConsoleStandIn> StartAsync(Action<string>? log = null)
    {
        string root = Path.Combine(Path.GetTempPath(), "nanothing-console-" + Guid.NewGuid().ToString("N"));
        Assert.IsTrue(LocalCa.TryCreate(Path.Combine(root, "local", "ca"), false, out var ca, out var error), error);
        var (server, startError, _) = await LocalIotServer.TryStartAsync(new LocalIotServerOptions(Path.Combine(root, "local"), FreePort.Find()) { ConsolePort = 0, Log = log });
        Assert.IsNotNull(server, startError);
        Assert.IsNotNull(server.Console, "the console was asked for: " + server.ConsoleFailure);
        return new ConsoleStandIn(root, ca, server);
    }

    /// <summary>Provisions <paramref name="thing"/> and starts a virtual board for it in <paramref name="weather"/>.</summary>
    public Board StartBoard(string thing, FixedWeather weather)
    {
        string folder = Path.Combine(root, "things", thing);
        Directory.CreateDirectory(folder);
        // as `nanothing local provision` does: thing, certificate and policy registered and attached
        Assert.IsTrue(LocalRegistry.TryOpen(DataFolder, out var registry, out var error), error);
        Assert.IsTrue(LocalProvisioning.TryProvisionThing(ca, registry, thing, LocalProvisioning.ThingShadowsPolicyName, LocalProvisioning.ThingShadowsPolicy(),
            out var credentials, out error), error);
        Assert.IsTrue(credentials.TryWrite(Path.Combine(folder, "device.crt"), Path.Combine(folder, "device.key"), false, out error), error);
        File.WriteAllText(Path.Combine(folder, "root-ca.pem"), ca.CaCertificatePem + "\n");
        var config = new NewConfig("127.0.0.1", Server.Port)
        {
            Settings = new Dictionary<string, double>
            {
                ["sampleIntervalSeconds"] = 1,
                ["minReportIntervalSeconds"] = 1,
                ["reportIntervalSeconds"] = 5,
                ["temperatureThreshold"] = 0.2,
            },
        };
        Assert.IsTrue(new ThingFolder(folder).TryLoadConfig(thing, config, out _, out error), error);
        Assert.IsTrue(Board.TryCreate(new VirtualBoardOptions { Thing = thing, Directory = folder, Output = TextWriter.Null }, out var board, out error), error);
        board!.Sensor.Weather = weather;
        boards.Add(board);
        board.Start();
        return board;
    }

    /// <summary>The classic shadow as the service stores it, or null.</summary>
    public JsonObject? Shadow(string thing) => Server.Shadows.Store.Read(ShadowId.Classic(thing));

    public async ValueTask DisposeAsync()
    {
        foreach (var board in boards)
        {
            board.Stop(Bound);
        }

        await Server.DisposeAsync();
        ca.Dispose();
        Directory.Delete(root, recursive: true);
    }
}
