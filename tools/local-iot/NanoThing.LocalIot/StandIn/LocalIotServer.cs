using System.Security.Cryptography.X509Certificates;
using NanoThing.LocalIot.Broker;
using NanoThing.LocalIot.DataPlane;
using NanoThing.LocalIot.DataPlane.Auth;
using NanoThing.LocalIot.Pki;
using NanoThing.LocalIot.Registry;
using NanoThing.LocalIot.Shadows;
using NanoThing.LocalIot.WebConsole;

namespace NanoThing.LocalIot.StandIn;

/// <summary>
/// The local AWS IoT Core stand-in in one process: the local CA (created on first use), the registry (things,
/// certificates, policies; <see cref="LocalRegistry"/>), the MQTT broker on 127.0.0.1:<see cref="Port"/> deciding with
/// them (<see cref="RegistryAuthority"/>) and the Device Shadow service inside it, over the shadow files of the data folder,
/// and the HTTPS data plane (iot-data) on <see cref="DataPlaneUrl"/> over the same shadows, broker and registry, with the
/// stand-in's <see cref="LocalCredentials"/> (created on first use).
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

    /// <summary>Exit code: the data plane's credentials file cannot be read or created.</summary>
    public const int ExitBadCredentials = 5;

    private readonly ShadowFileRepository repository;
    private readonly ShadowFolderLock folderLock;
    private readonly LocalCa ca;
    private readonly X509Certificate2 serverCertificate;

    private LocalIotServer(IotBroker broker, ShadowService shadows, IotDataPlane dataPlane, LocalCredentials credentials, ShadowFileRepository repository, ShadowFolderLock folderLock, LocalCa ca, X509Certificate2 serverCertificate, LocalConsole? console)
    {
        Console = console;
        Broker = broker;
        Shadows = shadows;
        DataPlane = dataPlane;
        Credentials = credentials;
        this.repository = repository;
        this.folderLock = folderLock;
        this.ca = ca;
        this.serverCertificate = serverCertificate;
    }

    /// <summary>The MQTT broker.</summary>
    public IotBroker Broker { get; }

    /// <summary>The Device Shadow service.</summary>
    public ShadowService Shadows { get; }

    /// <summary>The HTTPS data plane.</summary>
    public IotDataPlane DataPlane { get; }

    /// <summary>The local console (null unless <see cref="LocalIotServerOptions.ConsolePort"/> was given).</summary>
    public LocalConsole? Console { get; }

    /// <summary>Why the console asked for did not start (it is logged; the stand-in runs without it), else null.</summary>
    public string? ConsoleFailure { get; private init; }

    /// <summary>The credentials the data plane accepts for SigV4.</summary>
    public LocalCredentials Credentials { get; }

    /// <summary>"https://127.0.0.1:port" of the data plane.</summary>
    public string DataPlaneUrl => DataPlane.Url;

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

        if (!LocalCredentials.TryLoadOrCreate(options.DataFolder, out var credentials, out string credentialsError))
        {
            serverCertificate.Dispose();
            ca.Dispose();
            return (null, credentialsError, ExitBadCredentials);
        }

        if (!LocalRegistry.TryOpen(options.DataFolder, out var registry, out string registryError))
        {
            serverCertificate.Dispose();
            ca.Dispose();
            return (null, registryError, ExitBadCa);
        }

        if (!ShadowFolderLock.TryAcquire(options.ShadowFolder, out var folderLock, out string lockError))
        {
            serverCertificate.Dispose();
            ca.Dispose();
            return (null, lockError, ExitDataFolderInUse);
        }

        var sink = options.Log ?? (_ => { });
        var consoleEvents = new ConsoleEvents();
        var refusals = new RefusalLog(consoleEvents);
        Action<string> log = line =>
        {
            refusals.Observe(line);
            sink(line);
        };
        var repository = new ShadowFileRepository(options.ShadowFolder, log: log);
        var store = new ShadowStore(options.Time, repository, log);
        var shadows = new ShadowService(store, options.Time, log);
        var authority = new RegistryAuthority(registry, ca.CaCertificate);
        var (broker, error) = await IotBroker.StartAsync(new IotBrokerOptions(options.Port, serverCertificate, authority)
        {
            Services = [shadows],
            Log = log,
            Time = options.Time,
            SessionFolder = options.BrokerFolder,
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

        var devices = new RegistryCertificatePrincipals(registry, authority);
        var dataPlaneOptions = new IotDataPlaneOptions(options.DataPlanePort ?? IotDataPlaneOptions.DefaultPort, serverCertificate, shadows.Committer,
            new BrokerMessagePublisher(broker), new DataPlaneAuthenticator(credentials, devices, options.Time))
        {
            AcceptClientCertificate = certificate => devices.Trusts(certificate, out _),
            Log = log,
            Time = options.Time,
        };
        var (dataPlane, dataPlaneError) = await IotDataPlane.StartAsync(dataPlaneOptions);
        if (dataPlane is null && options.DataPlanePort is null)
        {
            log("data plane: port " + IotDataPlaneOptions.DefaultPort + " is not available (" + dataPlaneError + "); using a free port instead");
            (dataPlane, dataPlaneError) = await IotDataPlane.StartAsync(dataPlaneOptions with { Port = 0 });
        }

        if (dataPlane is null)
        {
            await broker.DisposeAsync();
            await shadows.DisposeAsync();
            repository.Dispose();
            folderLock!.Dispose();
            serverCertificate.Dispose();
            ca.Dispose();
            return (null, dataPlaneError, ExitPortUnavailable);
        }

        LocalConsole? console = null;
        string? consoleFailure = null;
        if (options.ConsolePort is int consolePort)
        {
            var consoleOptions = new LocalConsoleOptions(consolePort, options.DataFolder, ca, broker.Port, shadows.Committer,
                new BrokerMessagePublisher(broker), consoleEvents, refusals)
            {
                ConnectedClientIds = broker.ConnectedClientIdsAsync,
                Registry = registry,
                // Each console identity is registered ACTIVE with its own application policy (LocalProvisioning), as a backend on AWS,
                // and kept in identities/<name>/ for the next start.
                IssueIdentity = name => KeptApplicationIdentity.TryLoadOrProvision(ca, registry, options.IdentityFolder(name), name, options.Time, log,
                    out var issued, out string issueError) ? (issued, "") : (null, issueError),
                Log = log,
                Time = options.Time,
            };
            var (started, consoleError) = await LocalConsole.StartAsync(consoleOptions);
            if (started is null && options.ConsoleFallbackToFreePort && consolePort != 0)
            {
                log("console: port " + consolePort + " is not available (" + consoleError + "); using a free port instead");
                (started, consoleError) = await LocalConsole.StartAsync(consoleOptions with { Port = 0 });
            }

            console = started;
            if (console is null)
            {
                // The console is an addition: the stand-in serves devices without it; the reason is logged.
                consoleFailure = consoleError;
                log("console: not started: " + consoleError);
            }
        }

        log("shadow service: serving shadows from " + options.ShadowFolder + " on " + broker.Endpoint + " (MQTT) and " + dataPlane.Url + " (HTTPS)");
        return (new LocalIotServer(broker, shadows, dataPlane, credentials, repository, folderLock!, ca, serverCertificate, console) { ConsoleFailure = consoleFailure }, null, ExitStopped);
    }

    /// <summary>Stops the data plane and the broker (closing every connection), then the shadow files (their last
    /// checkpoint), then releases the shadow folder. Never throws.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Console is not null)
        {
            await Console.DisposeAsync();
        }

        await DataPlane.DisposeAsync();
        await Broker.DisposeAsync();
        await Shadows.DisposeAsync();
        repository.Dispose();
        folderLock.Dispose();
        serverCertificate.Dispose();
        ca.Dispose();
    }
}
