using NanoThing.Mqtt;

namespace NanoThing.LocalIot.Shadows;

/// <summary>
/// Runs the Device Shadow service from options: loads the TLS files, opens the shadow folder, connects, and
/// serves until cancelled. The entry point for <c>nanothing local start</c> (in a background process) and
/// for tests (in-process, through <see cref="TryStartAsync"/>).
/// </summary>
public static class ShadowServiceHost
{
    /// <summary>Exit code: stopped by cancellation after serving.</summary>
    public const int ExitStopped = 0;

    /// <summary>Exit code: the CA, certificate or key file could not be loaded.</summary>
    public const int ExitBadTlsFiles = 2;

    /// <summary>Exit code: the broker could not be reached or refused the service.</summary>
    public const int ExitBrokerUnavailable = 3;

    /// <summary>Exit code: another shadow service uses the data folder, or it cannot be written.</summary>
    public const int ExitDataFolderInUse = 4;

    /// <summary>
    /// Loads everything and connects once. Returns the running service (the caller disposes it to stop), or
    /// null with a sentence (Error) naming the file or endpoint and what to do.
    /// Shadow files that cannot be read are reported through <see cref="ShadowServiceOptions.Log"/> and
    /// <see cref="ShadowStore.LoadFailures"/>; they do not stop the service.
    /// </summary>
    public static async Task<(ShadowService? Service, string? Error, int ExitCode)> TryStartAsync(ShadowServiceOptions options, CancellationToken cancellationToken = default)
    {
        if (!TlsSettings.TryLoadFromPemFiles(options.CaFile, options.CertificateFile, options.KeyFile, out var tls, out var tlsError))
        {
            return (null, "The shadow service cannot load its TLS files: " + tlsError, ExitBadTlsFiles);
        }

        if (!ShadowFolderLock.TryAcquire(options.DataFolder, out var folderLock, out var lockError))
        {
            return (null, lockError, ExitDataFolderInUse);
        }

        var repository = new ShadowFileRepository(options.DataFolder, log: options.Log);
        var store = new ShadowStore(options.Time, repository, options.Log);
        var service = new ShadowService(options, tls, store, new Owned(repository, folderLock));
        var error = await service.StartAsync(cancellationToken);
        if (error is not null)
        {
            await service.DisposeAsync();
            return (null, error + " (broker " + options.BrokerHost + ":" + options.BrokerPort + "; is `nanothing local start` running?)", ExitBrokerUnavailable);
        }

        return (service, null, ExitStopped);
    }

    /// <summary>
    /// Starts the service and serves until <paramref name="cancellationToken"/> is cancelled. Returns
    /// <see cref="ExitStopped"/>, or <see cref="ExitBadTlsFiles"/>/<see cref="ExitBrokerUnavailable"/>/<see cref="ExitDataFolderInUse"/> after
    /// writing the reason to <see cref="ShadowServiceOptions.Log"/>. Logs "shadow service: serving shadows
    /// from host:port" once ready.
    /// </summary>
    public static async Task<int> RunAsync(ShadowServiceOptions options, CancellationToken cancellationToken)
    {
        var (service, error, exitCode) = await TryStartAsync(options, cancellationToken);
        if (service is null)
        {
            options.Log?.Invoke(error!);
            return exitCode;
        }

        await using (service)
        {
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // the normal way to stop
            }
        }

        return ExitStopped;
    }

    /// <summary>What the service releases when it stops, in order: the repository (its last checkpoint), then the folder lock.</summary>
    private sealed class Owned(params IDisposable[] resources) : IDisposable
    {
        public void Dispose()
        {
            foreach (var resource in resources)
            {
                resource.Dispose();
            }
        }
    }
}
