using System.Security.Cryptography.X509Certificates;
using NanoThing.LocalIot.Broker;
using NanoThing.LocalIot.Pki;
using NanoThing.LocalIot.Registry;
using NanoThing.LocalIot.Shadows;

namespace NanoThing.LocalIot.StandIn;

/// <summary>
/// The local AWS IoT Core stand-in in one process: the local CA (created on first use), the registry (things,
/// certificates, policies; <see cref="LocalRegistry"/>), the MQTT broker on 127.0.0.1:<see cref="Port"/> deciding with
/// them (<see cref="RegistryAuthority"/>) and the Device Shadow service inside it, over the shadow files of the data folder.
/// The entry point of <c>nanothing local serve</c> (started in the background by <c>local start</c>) and of tests.
/// </summary>
public sealed class LocalIotServer : IAsyncDisposable
{
    /// <summary>Exit code: stopped after serving.</summary>
    public const int ExitStopped = 0;

    /// <summary>Exit code: the local CA or the registry cannot be loaded or created.</summary>
    public const int ExitBadCa = 2;

    /// <summary>Exit code: the port cannot be listened on.</summary>
    public const int ExitPortUnavailable = 3;

    /// <summary>Exit code: another stand-in uses the data folder, or it cannot be written.</summary>
    public const int ExitDataFolderInUse = 4;

    private readonly ShadowFileRepository repository;
    private readonly ShadowFolderLock folderLock;
    private readonly LocalCa ca;
    private readonly X509Certificate2 serverCertificate;

    private LocalIotServer(IotBroker broker, ShadowService shadows, ShadowFileRepository repository, ShadowFolderLock folderLock, LocalCa ca, X509Certificate2 serverCertificate)
    {
        Broker = broker;
        Shadows = shadows;
        this.repository = repository;
        this.folderLock = folderLock;
        this.ca = ca;
        this.serverCertificate = serverCertificate;
    }

    /// <summary>The MQTT broker.</summary>
    public IotBroker Broker { get; }

    /// <summary>The Device Shadow service.</summary>
    public ShadowService Shadows { get; }

    /// <summary>TLS port on 127.0.0.1.</summary>
    public int Port => Broker.Port;

    /// <summary>"127.0.0.1:port".</summary>
    public string Endpoint => Broker.Endpoint;

    /// <summary>
    /// Loads (or creates) the CA, locks and loads the shadow folder, and starts listening. Returns the running server, or
    /// null with a sentence naming the file, folder or port and what to do, and the exit code for it. Shadow files that
    /// cannot be read are logged and listed in <see cref="ShadowStore.LoadFailures"/>; they do not stop the server.
    /// </summary>
    public static async Task<(LocalIotServer? Server, string? Error, int ExitCode)> TryStartAsync(LocalIotServerOptions options)
    {
        if (!LocalCa.TryLoadOrCreate(options.CaFolder, out var ca, out string caError))
        {
            return (null, "The local CA cannot be used: " + caError, ExitBadCa);
        }

        X509Certificate2 serverCertificate;
        try
        {
            serverCertificate = X509Certificate2.CreateFromPemFile(ca.ServerCertificatePath, ca.ServerKeyPath);
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or IOException)
        {
            ca.Dispose();
            return (null, "The broker's certificate " + ca.ServerCertificatePath + " cannot be loaded (" + e.Message + "); remove " + options.CaFolder + " to start over with a new CA.", ExitBadCa);
        }

        if (!LocalRegistry.TryOpen(options.DataFolder, out var registry, out string registryError))
        {
            ca.Dispose();
            return (null, registryError, ExitBadCa);
        }

        if (!ShadowFolderLock.TryAcquire(options.ShadowFolder, out var folderLock, out string lockError))
        {
            serverCertificate.Dispose();
            ca.Dispose();
            return (null, lockError, ExitDataFolderInUse);
        }

        var log = options.Log ?? (_ => { });
        var repository = new ShadowFileRepository(options.ShadowFolder, log: log);
        var store = new ShadowStore(options.Time, repository, log);
        var shadows = new ShadowService(store, options.Time, log);
        var (broker, error) = await IotBroker.StartAsync(new IotBrokerOptions(options.Port, serverCertificate, new RegistryAuthority(registry, ca.CaCertificate))
        {
            Services = [shadows],
            Log = log,
            Time = options.Time,
        });
        if (broker is null)
        {
            await shadows.DisposeAsync();
            repository.Dispose();
            folderLock!.Dispose();
            serverCertificate.Dispose();
            ca.Dispose();
            return (null, error, ExitPortUnavailable);
        }

        log("shadow service: serving shadows from " + options.ShadowFolder + " on " + broker.Endpoint);
        return (new LocalIotServer(broker, shadows, repository, folderLock!, ca, serverCertificate), null, ExitStopped);
    }

    /// <summary>Stops the broker (closing every connection), then the shadow files (their last checkpoint), then releases
    /// the shadow folder. Never throws.</summary>
    public async ValueTask DisposeAsync()
    {
        await Broker.DisposeAsync();
        await Shadows.DisposeAsync();
        repository.Dispose();
        folderLock.Dispose();
        serverCertificate.Dispose();
        ca.Dispose();
    }
}
