using NanoThing.LocalIot.Broker;
using NanoThing.LocalIot.Pki;
using NanoThing.LocalIot.Registry;
using NanoThing.Mqtt;
using NanoThing.VirtualBoard.Board;

namespace NanoThing.Bench.StandIn;

/// <summary>
/// The local AWS IoT stand-in as `nanothing local start` runs it, under one temp folder: a local CA and the stand-in
/// process (broker with client certificates + Device Shadow service) on a free 127.0.0.1 port
/// (<see cref="StandInProcess"/>). Issues thing identities (in memory or as a virtual board's folder).
/// Everything is stopped and deleted on dispose.
/// </summary>
public sealed class BenchStandIn : IAsyncDisposable
{
    private readonly string _root;
    private readonly string _shadows;
    private readonly LocalCa _ca;

    private BenchStandIn(string root, string shadows, LocalCa ca, int port, StandInProcess process)
    {
        _root = root;
        _shadows = shadows;
        _ca = ca;
        Port = port;
        Process = process;
    }

    /// <summary>The stand-in's data folder (registry, CA, shadows), on the temp folder's disk.</summary>
    public string DataFolder => Path.Combine(_root, "local");

    /// <summary>The stand-in's TLS port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>The stand-in process: broker, registry, policy engine and Device Shadow service (CPU and memory measured here).</summary>
    public StandInProcess Process { get; }

    /// <summary>The tmpfs folder where <see cref="StartAsync"/> can keep the shadow files (null when this machine has none).</summary>
    public static string? MemoryFolder => Directory.Exists("/dev/shm") ? "/dev/shm" : null;

    /// <summary>
    /// Starts the stand-in; the shadow service keeps its files under the temp folder, or in <see cref="MemoryFolder"/>
    /// when <paramref name="shadowsInMemory"/> (fsync then costs nothing: the baseline that isolates disk waits).
    /// </summary>
    public static async Task<BenchStandIn> StartAsync(bool shadowsInMemory = false)
    {
        string root = Path.Combine(Path.GetTempPath(), "nanothing-bench-" + Guid.NewGuid().ToString("N"));
        string data = Path.Combine(root, "local");
        string shadows = Path.Combine(data, "shadows");
        LocalCa? ca = null;
        try
        {
            if (!LocalCa.TryCreate(Path.Combine(data, "ca"), false, out ca, out var error)) throw new InvalidOperationException(error);
            if (shadowsInMemory && MemoryFolder is { } memory)
            {
                // the stand-in keeps its shadows in <data>/shadows: point that at tmpfs
                string inMemory = Path.Combine(memory, Path.GetFileName(root) + "-shadows");
                Directory.CreateDirectory(inMemory);
                Directory.CreateSymbolicLink(shadows, inMemory);
                shadows = inMemory;
            }

            // The cloud side: application identities allowed on every thing's shadow topics, as an AWS IoT policy for an
            // application would allow; each holds its own client id.
            foreach (string application in Applications)
            {
                if (!LocalProvisioning.TryProvisionApplication(ca, Registry(data), application, LocalProvisioning.ApplicationPolicyName(application), LocalProvisioning.ApplicationPolicy(application), out var credentials, out error)
                    || !credentials.TryWrite(Path.Combine(root, application + ".crt"), Path.Combine(root, application + ".key"), false, out error))
                {
                    throw new InvalidOperationException(error);
                }
            }

            int port = FreePort.Find();
            var process = await StandInProcess.StartAsync(port, data);
            return new BenchStandIn(root, shadows, ca, port, process);
        }
        catch
        {
            // nothing keeps running and nothing stays on disk when the stand-in could not be started
            ca?.Dispose();
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
            if (Directory.Exists(shadows)) Directory.Delete(shadows, recursive: true);
            throw;
        }
    }

    /// <summary>Connect options for <paramref name="thing"/> with a certificate of its own (files under the temp folder, key 0600).</summary>
    public MqttConnectOptions ThingOptions(string thing, string? clientId = null)
    {
        string folder = Path.Combine(_root, "identities");
        Directory.CreateDirectory(folder);
        string certificate = Path.Combine(folder, thing + ".crt"), key = Path.Combine(folder, thing + ".key");
        if (!File.Exists(key))
        {
            if (!LocalProvisioning.TryProvisionThing(_ca, Registry(Path.Combine(_root, "local")), thing, LocalProvisioning.ThingShadowsPolicyName, LocalProvisioning.ThingShadowsPolicy(), out var credentials, out var error)
                || !credentials.TryWrite(certificate, key, false, out error))
            {
                throw new InvalidOperationException(error);
            }
        }

        return Options(certificate, key, clientId ?? thing);
    }

    /// <summary>The application identities (see <see cref="ApplicationOptions"/>).</summary>
    public static readonly string[] Applications = ["bench.console", "bench.listener", "bench.raw"];

    /// <summary>Connect options for an application identity from <see cref="Applications"/>: may publish and read every thing's shadow topics.</summary>
    public MqttConnectOptions ApplicationOptions(string application) =>
        Options(Path.Combine(_root, application + ".crt"), Path.Combine(_root, application + ".key"), application);

    /// <summary>
    /// things/&lt;thing&gt;/ as `nanothing local provision` writes it, with a device config for this broker and
    /// <paramref name="config"/>'s settings; returns the folder.
    /// </summary>
    public string ProvisionBoard(string thing, IReadOnlyDictionary<string, double> settings)
    {
        string folder = Path.Combine(_root, "things", thing);
        Directory.CreateDirectory(folder);
        if (!LocalProvisioning.TryProvisionThing(_ca, Registry(Path.Combine(_root, "local")), thing, LocalProvisioning.ThingShadowsPolicyName, LocalProvisioning.ThingShadowsPolicy(), out var credentials, out var error)
            || !credentials.TryWrite(Path.Combine(folder, "device.crt"), Path.Combine(folder, "device.key"), false, out error)
            || !new ThingFolder(folder).TryLoadConfig(thing, new NewConfig("127.0.0.1", Port) { Settings = settings }, out _, out error))
        {
            throw new InvalidOperationException(error);
        }

        File.WriteAllText(Path.Combine(folder, "root-ca.pem"), _ca.CaCertificatePem + "\n");
        return folder;
    }

    public async ValueTask DisposeAsync()
    {
        Process.Dispose();
        await Task.CompletedTask;
        _ca.Dispose();
        Directory.Delete(_root, recursive: true);
        if (Directory.Exists(_shadows)) Directory.Delete(_shadows, recursive: true);
    }

    private static LocalRegistry Registry(string dataFolder) =>
        LocalRegistry.TryOpen(dataFolder, out var registry, out var error) ? registry : throw new InvalidOperationException(error);

    private MqttConnectOptions Options(string certificate, string key, string clientId)
    {
        if (!TlsSettings.TryLoadFromPemFiles(_ca.CaCertificatePath, certificate, key, out var tls, out var error)) throw new InvalidOperationException(error);
        return new MqttConnectOptions("127.0.0.1", Port, clientId, tls!) { ServerName = "localhost", ConnectTimeout = TimeSpan.FromSeconds(30), OperationTimeout = TimeSpan.FromSeconds(30) };
    }
}
