using System.Text.Json.Nodes;
using NanoThing.LocalIot.Broker;
using NanoThing.LocalIot.Pki;
using NanoThing.LocalIot.Registry;
using NanoThing.LocalIot.Shadows;
using NanoThing.LocalIot.StandIn;
using NanoThing.Mqtt;
using NanoThing.VirtualBoard.Board;
using NanoThing.VirtualBoard.Simulation;
using Board = NanoThing.VirtualBoard.Board.VirtualBoard;

namespace NanoThing.EndToEnd.Tests.Support;

/// <summary>
/// The local AWS IoT stand-in as `nanothing local serve` runs it — a local CA, the broker on a free port with the
/// Device Shadow service inside (in-process, real clock) over a shadow folder — plus thing
/// folders as `nanothing local provision` writes them, all under one temp folder. Boards and consoles made here are
/// stopped on dispose.
/// </summary>
public sealed class StandIn : IAsyncDisposable
{
    /// <summary>Bound of every wait in these tests.</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private readonly string _root;
    private readonly LocalCa _ca;
    private readonly List<Board> _boards = [];

    private StandIn(string root, LocalCa ca, int port)
    {
        _root = root;
        _ca = ca;
        Port = port;
    }

    /// <summary>The stand-in's TLS port on 127.0.0.1 (kept across restarts).</summary>
    public int Port { get; }

    /// <summary>What each started board did (attached before it started).</summary>
    public Dictionary<Board, BoardWatch> Watches { get; } = [];

    /// <summary>The running stand-in; null while stopped.</summary>
    public LocalIotServer? Server { get; private set; }

    public ShadowService? Service => Server?.Shadows;

    public static async Task<StandIn> StartAsync()
    {
        string root = Path.Combine(Path.GetTempPath(), "nanothing-e2e-" + Guid.NewGuid().ToString("N"));
        Assert.IsTrue(LocalCa.TryCreate(Path.Combine(root, "local", "ca"), false, out var ca, out var error), error);
        var standIn = new StandIn(root, ca, FreePort.Find());
        await standIn.StartServiceAsync();
        return standIn;
    }

    /// <summary>Starts the stand-in process's server (again): same port, same CA, same shadow folder.</summary>
    public async Task StartServiceAsync()
    {
        var (server, startError, _) = await LocalIotServer.TryStartAsync(new LocalIotServerOptions(Path.Combine(_root, "local"), Port));
        Assert.IsNotNull(server, startError);
        Server = server;
    }

    /// <summary>Stops the stand-in: every connection is closed, shadows stay on disk.</summary>
    public async Task StopServiceAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
            Server = null;
        }
    }

    /// <summary>
    /// things/&lt;thing&gt;/ with device.crt, device.key and root-ca.pem from the local CA, and bundle/nanothing.json for
    /// this broker with test-fast intervals (sample every 1 s, reports at most every 1 s and at least every 5 s).
    /// </summary>
    public string ProvisionThing(string thing) => ProvisionThing(thing, FastConfig());

    /// <summary>As <see cref="ProvisionThing(string)"/>, with the config <paramref name="config"/> (and the policy
    /// `nanothing policy` prints for <paramref name="policy"/>, by default the one with telemetry).</summary>
    public string ProvisionThing(string thing, NewConfig config, Cli.Commands.Policy.DevicePolicy? policy = null)
    {
        string folder = Path.Combine(_root, "things", thing);
        Directory.CreateDirectory(folder);
        // as `nanothing local provision` does: registered with the policy `nanothing policy` prints
        Assert.IsTrue(LocalRegistry.TryOpen(Path.Combine(_root, "local"), out var registry, out var error), error);
        policy ??= Cli.Commands.Policy.DevicePolicy.ClassicWithTelemetry;
        Assert.IsTrue(LocalProvisioning.TryProvisionThing(_ca, registry, thing, policy.Name,
            Cli.Commands.Policy.IotPolicy.Generate(policy), out var credentials, out error), error);
        Assert.IsTrue(credentials.TryWrite(Path.Combine(folder, "device.crt"), Path.Combine(folder, "device.key"), false, out error), error);
        File.WriteAllText(Path.Combine(folder, "root-ca.pem"), _ca.CaCertificatePem + "\n");
        Assert.IsTrue(new ThingFolder(folder).TryLoadConfig(thing, config, out _, out error), error);
        return folder;
    }

    /// <summary>An application identity as `nanothing local provision --app` registers it (its default backend policy): its TLS settings.</summary>
    public TlsSettings ProvisionApplication(string name)
    {
        string folder = Path.Combine(_root, "apps", name);
        Directory.CreateDirectory(folder);
        Assert.IsTrue(LocalRegistry.TryOpen(Path.Combine(_root, "local"), out var registry, out var error), error);
        Assert.IsTrue(LocalProvisioning.TryProvisionApplication(_ca, registry, name, LocalProvisioning.ApplicationPolicyName(name),
            LocalProvisioning.ApplicationPolicy(name), out var credentials, out error), error);
        Assert.IsTrue(credentials.TryWrite(Path.Combine(folder, "client.crt"), Path.Combine(folder, "client.key"), false, out error), error);
        File.WriteAllText(Path.Combine(folder, "root-ca.pem"), _ca.CaCertificatePem + "\n");
        Assert.IsTrue(TlsSettings.TryLoadFromPemFiles(Path.Combine(folder, "root-ca.pem"), Path.Combine(folder, "client.crt"), Path.Combine(folder, "client.key"), out var tls, out error), error);
        return tls!;
    }

    /// <summary>The config a test board is created with: this broker and the shortest intervals Core allows (report interval 5 s).</summary>
    public NewConfig FastConfig() => new("127.0.0.1", Port)
    {
        Settings = new Dictionary<string, double>
        {
            ["sampleIntervalSeconds"] = 1,
            ["minReportIntervalSeconds"] = 1,
            ["reportIntervalSeconds"] = 5,
            ["temperatureThreshold"] = 0.2,
        },
    };

    /// <summary>Provisions <paramref name="thing"/> (unless done already) and starts a virtual board for it (fixed weather unless <paramref name="weather"/>).</summary>
    public Board StartBoard(string thing, IWeather? weather = null)
    {
        string folder = Path.Combine(_root, "things", thing);
        if (!Directory.Exists(folder))
        {
            ProvisionThing(thing);
        }

        Assert.IsTrue(Board.TryCreate(new VirtualBoardOptions { Thing = thing, Directory = folder, Output = Console.Out },
            out var board, out var error), error);
        board!.Sensor.Weather = weather ?? new FixedWeather(new(21.5, 101_300, 40));
        _boards.Add(board);
        Watches[board] = new BoardWatch(board);
        board.Start();
        return board;
    }

    /// <summary>The shadow as the service stores it (what get/accepted would show), or null when it does not exist.</summary>
    public JsonObject? Shadow(string thing) => Service?.Store.Read(ShadowId.Classic(thing));

    /// <summary>Changes <paramref name="thing"/>'s desired state as the cloud does (see <see cref="CloudUpdate"/>); returns the reply topic and JSON.</summary>
    public async Task<(string Topic, JsonNode Reply)> SetDesiredAsync(string thing, string desiredJson)
    {
        string folder = Path.Combine(_root, "things", thing);
        Assert.IsTrue(TlsSettings.TryLoadFromPemFiles(Path.Combine(folder, "root-ca.pem"), Path.Combine(folder, "device.crt"), Path.Combine(folder, "device.key"), out var tls, out var error), error);
        return await CloudUpdate.SetDesiredAsync(new MqttConnectOptions("127.0.0.1", Port, thing, tls!), thing, desiredJson);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var board in _boards)
        {
            Assert.IsTrue(board.Stop(Bound), $"board {board.ThingName} did not stop within {Bound.TotalSeconds} s");
        }

        await StopServiceAsync();
        _ca.Dispose();
        Directory.Delete(_root, recursive: true);
    }
}
