using NanoThing.LocalIot.Broker;
using NanoThing.LocalIot.Pki;
using NanoThing.LocalIot.Registry;
using NanoThing.LocalIot.Shadows;
using NanoThing.LocalIot.StandIn;
using NanoThing.LocalIot.Tests.Shadows;
using NanoThing.Mqtt;

namespace NanoThing.LocalIot.Tests.OverMqtt;

/// <summary>
/// The real stand-in for one test class: a local CA and the stand-in process's server (broker + shadow service,
/// in-process, with a manual clock) on a free port over a data folder; all under a temp folder. The server is started
/// by <see cref="StartServiceAsync"/> and can be stopped and started again on the same port and folder.
/// </summary>
internal sealed class LocalIotFixture : IAsyncDisposable
{
    public const long Epoch = 1700000000;

    private readonly TempFolder folder;
    private readonly LocalCa ca;
    private readonly List<ThingClient> things = [];

    private LocalIotFixture(TempFolder folder, LocalCa ca, int port)
    {
        this.folder = folder;
        this.ca = ca;
        Port = port;
    }

    public int Port { get; }

    public LocalIotServer? Server { get; private set; }

    public ShadowService? Service => Server?.Shadows;

    public ManualTimeProvider Clock { get; } = new(Epoch);

    public List<string> ServiceLog { get; } = [];

    public string DataFolder => Path.Combine(folder.Path, "local");

    public string ShadowFolder => Path.Combine(DataFolder, "shadows");

    public static Task<LocalIotFixture> StartAsync()
    {
        var root = new TempFolder();
        Assert.IsTrue(LocalCa.TryCreate(Path.Combine(root.Path, "local", "ca"), false, out var ca, out var error), error);
        return Task.FromResult(new LocalIotFixture(root, ca, FreePort.Find()));
    }

    /// <summary>A fixture whose stand-in is already running (<see cref="StartServiceAsync"/>).</summary>
    public static async Task<LocalIotFixture> StartWithServiceAsync()
    {
        var fixture = await StartAsync();
        await fixture.StartServiceAsync();
        return fixture;
    }

    public LocalIotServerOptions ServerOptions() => new(DataFolder, Port)
    {
        Time = Clock,
        Log = line =>
        {
            lock (ServiceLog)
            {
                ServiceLog.Add(line);
            }

            logged.Release();
        },
    };

    private readonly SemaphoreSlim logged = new(0);

    /// <summary>Waits (bounded by <see cref="ThingClient.Wait"/>) until <paramref name="count"/> log lines contain <paramref name="text"/>.</summary>
    public async Task WaitForLogAsync(string text, int count = 1)
    {
        using var timeout = new CancellationTokenSource(ThingClient.Wait);
        while (true)
        {
            lock (ServiceLog)
            {
                if (ServiceLog.Count(line => line.Contains(text, StringComparison.Ordinal)) >= count)
                {
                    return;
                }
            }

            try
            {
                await logged.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new AssertFailedException("the stand-in did not log '" + text + "' " + count + " time(s)");
            }
        }
    }

    /// <summary>Starts the stand-in (broker + shadow service) on <see cref="Port"/>.</summary>
    public async Task StartServiceAsync()
    {
        var (server, error, _) = await LocalIotServer.TryStartAsync(ServerOptions());
        Assert.IsNotNull(server, error);
        Server = server;
    }

    /// <summary>Stops the stand-in: every connection drops, shadows stay on disk.</summary>
    public async Task StopServiceAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
            Server = null;
        }
    }

    /// <summary>TLS settings for <paramref name="identity"/>, provisioned in the registry like `local provision` does: a thing
    /// with <see cref="LocalProvisioning.ThingShadowsPolicy"/>, or <see cref="LocalCa.ShadowServiceIdentity"/> as an application.</summary>
    public TlsSettings Tls(string identity)
    {
        var certificate = Path.Combine(folder.Path, identity + ".crt");
        var key = Path.Combine(folder.Path, identity + ".key");
        if (!File.Exists(key))
        {
            Assert.IsTrue(LocalRegistry.TryOpen(DataFolder, out var registry, out var openError), openError);
            ClientCredentials? credentials;
            string error;
            bool issued = identity == LocalCa.ShadowServiceIdentity
                ? LocalProvisioning.TryProvisionApplication(ca, registry, identity, LocalProvisioning.ApplicationPolicyName(identity), LocalProvisioning.ApplicationPolicy(identity), out credentials, out error)
                : LocalProvisioning.TryProvisionThing(ca, registry, identity, LocalProvisioning.ThingShadowsPolicyName, LocalProvisioning.ThingShadowsPolicy(), out credentials, out error);
            Assert.IsTrue(issued, error);
            Assert.IsTrue(credentials!.TryWrite(certificate, key, false, out var writeError), writeError);
        }

        Assert.IsTrue(TlsSettings.TryLoadFromPemFiles(ca.CaCertificatePath, certificate, key, out var tls, out var tlsError), tlsError);
        return tls!;
    }

    /// <summary>The stand-in's registry (the same file the server reads).</summary>
    public LocalRegistry Registry()
    {
        Assert.IsTrue(LocalRegistry.TryOpen(DataFolder, out var registry, out var error), error);
        return registry;
    }

    /// <summary>TLS settings for application <paramref name="name"/> provisioned with <paramref name="policyDocument"/> (default: the backend policy).</summary>
    public TlsSettings ApplicationTls(string name, string? policyDocument = null)
    {
        var certificate = Path.Combine(folder.Path, name + ".crt");
        var key = Path.Combine(folder.Path, name + ".key");
        Assert.IsTrue(LocalProvisioning.TryProvisionApplication(ca, Registry(), name, LocalProvisioning.ApplicationPolicyName(name),
            policyDocument ?? LocalProvisioning.ApplicationPolicy(name), out var credentials, out var error), error);
        Assert.IsTrue(credentials.TryWrite(certificate, key, true, out error), error);
        Assert.IsTrue(TlsSettings.TryLoadFromPemFiles(ca.CaCertificatePath, certificate, key, out var tls, out error), error);
        return tls!;
    }

    /// <summary>TLS settings with a certificate of the local CA for <paramref name="thing"/> that is not registered.</summary>
    public TlsSettings UnregisteredTls(string thing)
    {
        var certificate = Path.Combine(folder.Path, thing + ".unregistered.crt");
        var key = Path.Combine(folder.Path, thing + ".unregistered.key");
        Assert.IsTrue(ca.TryIssueThingCertificate(thing, out var credentials, out var error), error);
        Assert.IsTrue(credentials.TryWrite(certificate, key, true, out error), error);
        Assert.IsTrue(TlsSettings.TryLoadFromPemFiles(ca.CaCertificatePath, certificate, key, out var tls, out error), error);
        return tls!;
    }

    public MqttConnectOptions Options(string clientId, string? identity = null) =>
        new("127.0.0.1", Port, clientId, Tls(identity ?? clientId)) { ServerName = "localhost" };

    /// <summary>Connects a client with a certificate for <paramref name="thingName"/> and subscribes to the replies of <paramref name="shadows"/>.</summary>
    public async Task<ThingClient> ConnectThingAsync(string thingName, params ShadowId[] shadows)
    {
        var thing = await ThingClient.ConnectAsync(Options(thingName), thingName);
        await thing.SubscribeAsync(shadows);
        things.Add(thing);
        return thing;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var thing in things)
        {
            await thing.DisposeAsync();
        }

        await StopServiceAsync();
        ca.Dispose();
        folder.Dispose();
    }
}
