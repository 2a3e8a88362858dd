using System.Security.Cryptography.X509Certificates;
using NanoThing.LocalIot.Pki;

namespace NanoThing.LocalIot.WebConsole;

/// <summary>
/// The console's eyes on the broker: one MQTT connection as <see cref="LocalConsole.WatcherIdentity"/>, subscribed to every shadow topic and
/// the lifecycle events. When the broker drops it (a client taking over its client id, a broker that closes it), it
/// connects and subscribes again with a backoff of 1 s doubling to 30 s, and calls <c>resync</c> once it watches again,
/// so the page catches up with what happened meanwhile. Every loss and recovery is logged.
/// </summary>
public sealed class ConsoleWatcher : IAsyncDisposable
{
    /// <summary>What it subscribes to.</summary>
    public static readonly IReadOnlyList<string> Filters = ["$aws/things/+/shadow/#", "$aws/events/presence/+/+"];

    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1), LongestRetry = TimeSpan.FromSeconds(30);

    private readonly Func<string, (ClientCredentials? Credentials, string Error)> issueIdentity;
    private readonly X509Certificate2 caCertificate;
    private readonly int brokerPort;
    private readonly Action<string, byte[]> observe;
    private readonly Func<Task> resync;
    private readonly Action<string> log;
    private readonly TimeProvider time;
    private readonly CancellationTokenSource stopping = new();
    private ConsoleMqttConnection? connection;
    private Task reconnecting = Task.CompletedTask;
    private int reconnects;

    private ConsoleWatcher(Func<string, (ClientCredentials?, string)> issueIdentity, X509Certificate2 caCertificate, int brokerPort,
        Action<string, byte[]> observe, Func<Task> resync, Action<string> log, TimeProvider time)
    {
        this.issueIdentity = issueIdentity;
        this.caCertificate = caCertificate;
        this.brokerPort = brokerPort;
        this.observe = observe;
        this.resync = resync;
        this.log = log;
        this.time = time;
    }

    /// <summary>True while connected and subscribed.</summary>
    public bool IsWatching => Volatile.Read(ref connection)?.IsConnected == true;

    /// <summary>Times it connected again after losing the broker.</summary>
    public int Reconnects => Volatile.Read(ref reconnects);

    /// <summary>Connects and subscribes; the first attempt must succeed (null and a sentence otherwise), later losses are recovered.</summary>
    public static async Task<(ConsoleWatcher? Watcher, string? Error)> StartAsync(Func<string, (ClientCredentials?, string)> issueIdentity, X509Certificate2 caCertificate,
        int brokerPort, Action<string, byte[]> observe, Func<Task> resync, Action<string> log, TimeProvider time)
    {
        var watcher = new ConsoleWatcher(issueIdentity, caCertificate, brokerPort, observe, resync, log, time);
        string? error = await watcher.TryWatchAsync(CancellationToken.None);
        if (error is not null)
        {
            await watcher.DisposeAsync();
            return (null, "The console cannot watch the broker: " + error);
        }

        return (watcher, null);
    }

    /// <summary>Stops reconnecting and disconnects. Never throws.</summary>
    public async ValueTask DisposeAsync()
    {
        if (stopping.IsCancellationRequested)
        {
            return;
        }

        stopping.Cancel();
        await reconnecting;
        if (connection is not null)
        {
            await connection.DisposeAsync();
        }

        stopping.Dispose();
    }

    private async Task<string?> TryWatchAsync(CancellationToken cancellationToken)
    {
        var (credentials, issueError) = issueIdentity(LocalConsole.WatcherIdentity);
        if (credentials is null)
        {
            return "it has no identity to connect with: " + issueError;
        }

        var (connected, error) = await ConsoleMqttConnection.ConnectAsync(credentials, caCertificate, "127.0.0.1", brokerPort, LocalConsole.WatcherIdentity,
            (topic, payload, _, _) => observe(topic, payload), cancellationToken, Lost);
        if (connected is null)
        {
            return error;
        }

        foreach (string filter in Filters)
        {
            var (granted, reason) = await connected.SubscribeAsync(filter, 1, cancellationToken);
            if (!granted)
            {
                await connected.DisposeAsync();
                return "its subscription to " + filter + " was refused (" + reason + ").";
            }
        }

        var previous = Interlocked.Exchange(ref connection, connected);
        if (previous is not null)
        {
            await previous.DisposeAsync();
        }

        return null;
    }

    private void Lost(string reason)
    {
        if (stopping.IsCancellationRequested)
        {
            return;
        }

        log(time.GetUtcNow().ToString("O") + " console: the watcher lost the broker (" + reason + "); the console's pages show no changes until it reconnects");
        reconnecting = Task.Run(ReconnectAsync);
    }

    private async Task ReconnectAsync()
    {
        var wait = FirstRetry;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(wait, time, stopping.Token);
                string? error = await TryWatchAsync(stopping.Token);
                if (error is null)
                {
                    Interlocked.Increment(ref reconnects);
                    await resync();
                    log(time.GetUtcNow().ToString("O") + " console: the watcher is connected again");
                    return;
                }

                wait = wait * 2 > LongestRetry ? LongestRetry : wait * 2;
                log(time.GetUtcNow().ToString("O") + " console: the watcher cannot reconnect yet (" + error + "); next try in " + wait.TotalSeconds + " s");
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
