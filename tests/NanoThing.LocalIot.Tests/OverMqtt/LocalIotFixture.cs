using NanoThing.LocalIot.Broker;
using NanoThing.LocalIot.Pki;
using NanoThing.LocalIot.Shadows;
using NanoThing.LocalIot.Tests.Shadows;
using NanoThing.Mqtt;

namespace NanoThing.LocalIot.Tests.OverMqtt;

/// <summary>
/// The real stand-in for one test class: a local CA, mosquitto with mutual TLS and the ACL on a free port,
/// and the shadow service (in-process, with a manual clock) over a shadow folder; all under a temp folder.
/// </summary>
internal sealed class LocalIotFixture : IAsyncDisposable
{
    public const long Epoch = 1700000000;

    private readonly TempFolder folder;
    private readonly LocalCa ca;
    private readonly List<ThingClient> things = [];

    private LocalIotFixture(TempFolder folder, LocalCa ca, MosquittoBroker broker)
    {
        this.folder = folder;
        this.ca = ca;
        Broker = broker;
    }

    public MosquittoBroker Broker { get; }

    public LocalIot.Shadows.ShadowService? Service { get; private set; }

    public ManualTimeProvider Clock { get; } = new(Epoch);

    public List<string> ServiceLog { get; } = [];

    public string ShadowFolder => Path.Combine(folder.Path, "shadows");

    public static async Task<LocalIotFixture> StartAsync()
    {
        var root = new TempFolder();
        if (MosquittoBroker.FindExecutable() is null)
        {
            root.Dispose();
            Assert.Inconclusive("mosquitto is not installed: " + MosquittoBroker.InstallHint);
        }

        Assert.IsTrue(LocalCa.TryCreate(Path.Combine(root.Path, "ca"), false, out var ca, out var error), error);
        var started = await MosquittoBroker.StartAsync(ca, Path.Combine(root.Path, "broker"), FreePort.Find());
        Assert.IsTrue(started.Started, started.Message);
        return new LocalIotFixture(root, ca, started.Broker!);
    }

    public ShadowServiceOptions ServiceOptions()
    {
        var certificate = Path.Combine(folder.Path, "service.crt");
        var key = Path.Combine(folder.Path, "service.key");
        if (!File.Exists(key))
        {
            Assert.IsTrue(ca.IssueShadowServiceCertificate().TryWrite(certificate, key, false, out var error), error);
        }

        return new ShadowServiceOptions("127.0.0.1", Broker.Port, ca.CaCertificatePath, certificate, key, ShadowFolder)
        {
            Time = Clock,
            Timeout = TimeSpan.FromSeconds(10),
            MaxReconnectDelay = TimeSpan.FromMilliseconds(500),
            Log = line => { lock (ServiceLog) ServiceLog.Add(line); },
        };
    }

    public async Task StartServiceAsync()
    {
        var (service, error, _) = await ShadowServiceHost.TryStartAsync(ServiceOptions());
        Assert.IsNotNull(service, error);
        Service = service;
    }

    public async Task StopServiceAsync()
    {
        if (Service is not null)
        {
            await Service.DisposeAsync();
            Service = null;
        }
    }

    /// <summary>Connects a client with a certificate for <paramref name="thingName"/> and subscribes to the replies of <paramref name="shadows"/>.</summary>
    public async Task<ThingClient> ConnectThingAsync(string thingName, params ShadowId[] shadows)
    {
        var certificate = Path.Combine(folder.Path, thingName + ".crt");
        var key = Path.Combine(folder.Path, thingName + ".key");
        if (!File.Exists(key))
        {
            Assert.IsTrue(ca.TryIssueThingCertificate(thingName, out var credentials, out var error), error);
            Assert.IsTrue(credentials.TryWrite(certificate, key, false, out error), error);
        }

        Assert.IsTrue(TlsSettings.TryLoadFromPemFiles(ca.CaCertificatePath, certificate, key, out var tls, out var tlsError), tlsError);
        var thing = await ThingClient.ConnectAsync(
            new MqttConnectOptions("127.0.0.1", Broker.Port, thingName, tls) { ServerName = "localhost" }, thingName);
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
        await Broker.DisposeAsync();
        ca.Dispose();
        folder.Dispose();
    }
}
