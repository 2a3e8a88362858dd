using NanoThing.LocalIot.Broker;
using NanoThing.LocalIot.Pki;

namespace NanoThing.Mqtt.Tests.Support;

/// <summary>
/// A local CA and a real mosquitto on a free port in a temp folder, plus helpers to get clients for identities
/// issued by that CA. Dispose stops the broker and deletes everything.
/// </summary>
internal sealed class LocalStandIn : IAsyncDisposable
{
    private readonly TempFolder _folder;

    private LocalStandIn(TempFolder folder, LocalCa ca, MosquittoBroker broker) => (_folder, Ca, Broker) = (folder, ca, broker);

    public LocalCa Ca { get; }

    public MosquittoBroker Broker { get; }

    public string Root => _folder.Path;

    public static async Task<LocalStandIn> StartAsync()
    {
        var folder = new TempFolder();
        Assert.IsTrue(LocalCa.TryCreate(folder.File("ca"), false, out var ca, out string error), error);
        var started = await MosquittoBroker.StartAsync(ca, folder.File("broker"), FreePort.Find());
        Assert.IsTrue(started.Started, started.Message);
        return new LocalStandIn(folder, ca, started.Broker!);
    }

    /// <summary>TLS settings for <paramref name="identity"/> (a thing name, or the shadow service identity), issued
    /// by this CA and written as PEM files like `nanothing local provision` does.</summary>
    public TlsSettings Tls(string identity) => TlsFor(Ca, identity, Ca.CaCertificatePath, Root);

    public static TlsSettings TlsFor(LocalCa issuer, string identity, string trustedCaFile, string root)
    {
        string folder = Path.Combine(root, "identities", Path.GetFileName(issuer.Directory), identity);
        string certificate = Path.Combine(folder, "device.crt"), key = Path.Combine(folder, "device.key");
        if (!File.Exists(certificate))
        {
            ClientCredentials? credentials;
            if (identity == LocalCa.ShadowServiceIdentity) credentials = issuer.IssueShadowServiceCertificate();
            else Assert.IsTrue(issuer.TryIssueThingCertificate(identity, out credentials, out string issueError), issueError);
            Assert.IsTrue(credentials!.TryWrite(certificate, key, false, out string writeError), writeError);
        }
        Assert.IsTrue(TlsSettings.TryLoadFromPemFiles(trustedCaFile, certificate, key, out var tls, out string error), error);
        return tls!;
    }

    public MqttConnectOptions Options(string identity, ushort keepAliveSeconds = 30) =>
        new("127.0.0.1", Broker.Port, identity, Tls(identity)) { KeepAliveSeconds = keepAliveSeconds, ConnectTimeout = TimeSpan.FromSeconds(10), OperationTimeout = TimeSpan.FromSeconds(5) };

    public async Task<ConnectedClient> ConnectAsync(string identity, ushort keepAliveSeconds = 30) => await ConnectedClient.ConnectAsync(Options(identity, keepAliveSeconds));

    public async ValueTask DisposeAsync()
    {
        await Broker.StopAsync();
        Ca.Dispose();
        _folder.Dispose();
    }
}
