using NanoThing.LocalIot.Broker;
using NanoThing.LocalIot.Pki;
using NanoThing.LocalIot.Registry;
using NanoThing.Mqtt;
using NanoThing.VirtualBoard.Board;

namespace NanoThing.Bench.StandIn;

/// <summary>
/// The local AWS IoT stand-in as `nanothing local start` runs it, under one temp folder: a local CA and the stand-in
/// process (broker with client certificates + Device Shadow service) on a free 127.0.0.1 port
/// (<see cref="StandInProcess"/>), with the identities of a <see cref="BenchIdentities"/>: its own (issued as needed,
/// also while it runs) or shared ones issued beforehand (copied into its data folder at start).
/// Everything it owns is stopped and deleted on dispose.
/// </summary>
public sealed class BenchStandIn : IAsyncDisposable
{
    private readonly string _root;
    private readonly string _shadows;
    private readonly BenchIdentities _identities;
    private readonly bool _ownsIdentities;

    private BenchStandIn(string root, string dataFolder, string shadows, BenchIdentities identities, bool ownsIdentities, int port, StandInProcess process)
    {
        _root = root;
        DataFolder = dataFolder;
        _shadows = shadows;
        _identities = identities;
        _ownsIdentities = ownsIdentities;
        Port = port;
        Process = process;
    }

    /// <summary>The stand-in's data folder (registry, CA, shadows), on the temp folder's disk.</summary>
    public string DataFolder { get; }

    /// <summary>The stand-in's TLS port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>The stand-in process: broker, registry, policy engine and Device Shadow service (CPU and memory measured here).</summary>
    public StandInProcess Process { get; }

    /// <summary>The tmpfs folder where <see cref="StartAsync"/> can keep the shadow files (null when this machine has none).</summary>
    public static string? MemoryFolder => Directory.Exists("/dev/shm") ? "/dev/shm" : null;

    /// <summary>
    /// Starts the stand-in; the shadow service keeps its files under the temp folder, or in <see cref="MemoryFolder"/>
    /// when <paramref name="shadowsInMemory"/> (fsync then costs nothing: the baseline that isolates disk waits).
    /// With <paramref name="shared"/>, the stand-in starts from a copy of its CA and registry and knows the identities
    /// issued there so far (issue them before: <see cref="ThingOptions"/> then only uses them); otherwise it has its own.
    /// </summary>
    public static async Task<BenchStandIn> StartAsync(bool shadowsInMemory = false, BenchIdentities? shared = null)
    {
        BenchIdentities identities = shared ?? BenchIdentities.Create();
        string root = shared is null ? identities.Root : Path.Combine(Path.GetTempPath(), "nanothing-bench-" + Guid.NewGuid().ToString("N"));
        string data = shared is null ? identities.DataFolder : Path.Combine(root, "local");
        string shadows = Path.Combine(data, "shadows");
        try
        {
            if (shared is not null) shared.CopyDataTo(data);
            if (shadowsInMemory && MemoryFolder is { } memory)
            {
                // the stand-in keeps its shadows in <data>/shadows: point that at tmpfs
                string inMemory = Path.Combine(memory, Path.GetFileName(root) + "-shadows");
                Directory.CreateDirectory(inMemory);
                Directory.CreateSymbolicLink(shadows, inMemory);
                shadows = inMemory;
            }

            int port = FreePort.Find();
            var process = await StandInProcess.StartAsync(port, data);
            return new BenchStandIn(root, data, shadows, identities, shared is null, port, process);
        }
        catch
        {
            // nothing keeps running and nothing stays on disk when the stand-in could not be started
            if (shared is null) identities.Dispose();
            else if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
            if (Directory.Exists(shadows)) Directory.Delete(shadows, recursive: true);
            throw;
        }
    }

    /// <summary>
    /// Connect options for <paramref name="thing"/> with a certificate of its own (files under the temp folder, key 0600),
    /// issued now when this stand-in has its own identities.
    /// </summary>
    public MqttConnectOptions ThingOptions(string thing, string? clientId = null)
    {
        if (!_ownsIdentities && !_identities.Has(thing))
        {
            throw new InvalidOperationException($"thing {thing} was not issued before this stand-in started from the shared identities");
        }

        var (certificate, key) = _identities.Thing(thing);
        return Options(certificate, key, clientId ?? thing);
    }

    /// <summary>The application identities (see <see cref="ApplicationOptions"/>).</summary>
    public static readonly string[] Applications = ["bench.console", "bench.listener", "bench.raw"];

    /// <summary>Connect options for an application identity from <see cref="Applications"/>: may publish and read every thing's shadow topics.</summary>
    public MqttConnectOptions ApplicationOptions(string application)
    {
        var (certificate, key) = _identities.Application(application);
        return Options(certificate, key, application);
    }

    /// <summary>
    /// things/&lt;thing&gt;/ as `nanothing local provision` writes it, with a device config for this broker and
    /// <paramref name="config"/>'s settings; returns the folder.
    /// </summary>
    public string ProvisionBoard(string thing, IReadOnlyDictionary<string, double> settings)
    {
        string folder = Path.Combine(_root, "things", thing);
        Directory.CreateDirectory(folder);
        if (!LocalProvisioning.TryProvisionThing(_identities.Ca, Registry(DataFolder), thing, LocalProvisioning.ThingShadowsPolicyName, LocalProvisioning.ThingShadowsPolicy(), out var credentials, out var error)
            || !credentials.TryWrite(Path.Combine(folder, "device.crt"), Path.Combine(folder, "device.key"), false, out error)
            || !new ThingFolder(folder).TryLoadConfig(thing, new NewConfig("127.0.0.1", Port) { Settings = settings }, out _, out error))
        {
            throw new InvalidOperationException(error);
        }

        File.WriteAllText(Path.Combine(folder, "root-ca.pem"), _identities.Ca.CaCertificatePem + "\n");
        return folder;
    }

    public async ValueTask DisposeAsync()
    {
        Process.Dispose();
        await Task.CompletedTask;
        if (_ownsIdentities) _identities.Dispose();
        else Directory.Delete(_root, recursive: true);
        if (Directory.Exists(_shadows)) Directory.Delete(_shadows, recursive: true);
    }

    private static LocalRegistry Registry(string dataFolder) =>
        LocalRegistry.TryOpen(dataFolder, out var registry, out var error) ? registry : throw new InvalidOperationException(error);

    private MqttConnectOptions Options(string certificate, string key, string clientId)
    {
        if (!TlsSettings.TryLoadFromPemFiles(_identities.Ca.CaCertificatePath, certificate, key, out var tls, out var error)) throw new InvalidOperationException(error);
        return new MqttConnectOptions("127.0.0.1", Port, clientId, tls!) { ServerName = "localhost", ConnectTimeout = TimeSpan.FromSeconds(30), OperationTimeout = TimeSpan.FromSeconds(30) };
    }
}
