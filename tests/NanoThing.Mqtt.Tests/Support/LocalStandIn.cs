using NanoThing.LocalIot.Broker;
using NanoThing.LocalIot.Pki;
using NanoThing.LocalIot.Registry;
using NanoThing.LocalIot.StandIn;

namespace NanoThing.Mqtt.Tests.Support;

/// <summary>
/// The local stand-in (broker + shadow service, in-process) with its CA on a free port in a temp folder, plus helpers
/// to get clients for identities issued by that CA. Dispose stops it and deletes everything.
/// </summary>
internal sealed class LocalStandIn : IAsyncDisposable
{
    private readonly TempFolder _folder;

    private LocalStandIn(TempFolder folder, LocalCa ca, LocalIotServer server, int port) => (_folder, Ca, Server, Port) = (folder, ca, server, port);

    public LocalCa Ca { get; }

    /// <summary>The running server; null after <see cref="StopAsync"/>.</summary>
    public LocalIotServer? Server { get; private set; }

    public int Port { get; }

    public string Root => _folder.Path;

    public static async Task<LocalStandIn> StartAsync()
    {
        var folder = new TempFolder();
        Assert.IsTrue(LocalCa.TryCreate(folder.File("local", "ca"), false, out var ca, out string error), error);
        int port = FreePort.Find();
        var (server, startError, _) = await LocalIotServer.TryStartAsync(new LocalIotServerOptions(folder.File("local"), port));
        Assert.IsNotNull(server, startError);
        return new LocalStandIn(folder, ca!, server, port);
    }

    /// <summary>Stops the stand-in (every connection drops).</summary>
    public async Task StopAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
            Server = null;
        }
    }

    /// <summary>Starts it again on the same port and folder.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        var (server, error, _) = await LocalIotServer.TryStartAsync(new LocalIotServerOptions(_folder.File("local"), Port));
        Assert.IsNotNull(server, error);
        Server = server;
    }

    /// <summary>TLS settings for <paramref name="identity"/> (a thing name, or the application identity), issued
    /// by this CA and written as PEM files like `nanothing local provision` does.</summary>
    public TlsSettings Tls(string identity) => TlsFor(Ca, identity, Ca.CaCertificatePath, Root, _folder.File("local"));

    /// <summary>A certificate of <paramref name="issuer"/> for <paramref name="identity"/>; provisioned in the registry of
    /// <paramref name="registryFolder"/> (a thing with the policy `nanothing policy` prints, or the
    /// application identity) when given, else only issued (e.g. by a rogue CA).</summary>
    public static TlsSettings TlsFor(LocalCa issuer, string identity, string trustedCaFile, string root, string? registryFolder = null)
    {
        string folder = Path.Combine(root, "identities", Path.GetFileName(Path.GetDirectoryName(issuer.Directory + "/")!) + "-" + issuer.CaCertificate.Thumbprint[..8], identity);
        string certificate = Path.Combine(folder, "device.crt"), key = Path.Combine(folder, "device.key");
        if (!File.Exists(certificate))
        {
            ClientCredentials? credentials;
            string issueError;
            bool application = identity == LocalCa.ShadowServiceIdentity;
            if (registryFolder is null)
            {
                Assert.IsTrue(application ? issuer.TryIssueApplicationCertificate(identity, out credentials, out issueError) : issuer.TryIssueThingCertificate(identity, out credentials, out issueError), issueError);
            }
            else
            {
                Assert.IsTrue(LocalRegistry.TryOpen(registryFolder, out var registry, out issueError), issueError);
                Assert.IsTrue(application
                    ? LocalProvisioning.TryProvisionApplication(issuer, registry, identity, LocalProvisioning.ApplicationPolicyName(identity), LocalProvisioning.ApplicationPolicy(identity), out credentials, out issueError)
                    : LocalProvisioning.TryProvisionThing(issuer, registry, identity, Cli.Commands.Policy.DevicePolicy.Classic.Name,
                        Cli.Commands.Policy.IotPolicy.Generate(false), out credentials, out issueError), issueError);
            }

            Assert.IsTrue(credentials!.TryWrite(certificate, key, false, out string writeError), writeError);
        }
        Assert.IsTrue(TlsSettings.TryLoadFromPemFiles(trustedCaFile, certificate, key, out var tls, out string error), error);
        return tls!;
    }

    public MqttConnectOptions Options(string identity, ushort keepAliveSeconds = 30) =>
        new("127.0.0.1", Port, identity, Tls(identity)) { KeepAliveSeconds = keepAliveSeconds, ConnectTimeout = TimeSpan.FromSeconds(10), OperationTimeout = TimeSpan.FromSeconds(5) };

    public async Task<ConnectedClient> ConnectAsync(string identity, ushort keepAliveSeconds = 30) => await ConnectedClient.ConnectAsync(Options(identity, keepAliveSeconds));

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Ca.Dispose();
        _folder.Dispose();
    }
}
