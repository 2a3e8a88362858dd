using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NanoThing.LocalIot.DataPlane;
using NanoThing.LocalIot.Shadows;

namespace NanoThing.LocalIot.WebConsole;

/// <summary>
/// The local console: the AWS IoT console's view of the stand-in's things in a browser, served by the stand-in on
/// http://127.0.0.1:<see cref="Port"/> (loopback only, plain HTTP, every request needs the token, see
/// <see cref="ConsoleAccess"/>). It watches the broker over its own MQTT connection (<see cref="ConsoleWatcher"/>, identity
/// <see cref="WatcherIdentity"/>: every shadow's reply topics and the lifecycle events; reconnected when lost), reads shadows from the store and changes them through the
/// same <see cref="ShadowCommitter"/> as MQTT and the data plane, publishing the same replies (<see cref="ShadowNotifier"/>).
/// </summary>
public sealed class LocalConsole : IAsyncDisposable
{
    /// <summary>The identity (client id) of the console's watching connection.</summary>
    public const string WatcherIdentity = "nanothing.console";

    private readonly WebApplication app;
    private readonly ConsoleWatcher watcher;
    private readonly MqttTestClient testClient;
    private readonly CancellationTokenSource stopping;
    private int disposed;

    private LocalConsole(WebApplication app, ConsoleWatcher watcher, MqttTestClient testClient, ConsoleToken token, int port, CancellationTokenSource stopping)
    {
        this.stopping = stopping;
        this.app = app;
        this.watcher = watcher;
        this.testClient = testClient;
        Token = token;
        Port = port;
    }

    /// <summary>The port listened on.</summary>
    public int Port { get; }

    /// <summary>The console's connection to the broker.</summary>
    public ConsoleWatcher Watcher => watcher;

    /// <summary>The access token.</summary>
    public ConsoleToken Token { get; }

    /// <summary>"http://127.0.0.1:port/".</summary>
    public string Url => "http://127.0.0.1:" + Port + "/";

    /// <summary>What to open: <see cref="Url"/> with the token (printed as <c>console: …</c>).</summary>
    public string UrlWithToken => Url + "?token=" + Token.Value;

    /// <summary>Starts listening and watching. Returns the running console, or null with a sentence naming what failed and what to do.</summary>
    public static async Task<(LocalConsole? Console, string? Error)> StartAsync(LocalConsoleOptions options)
    {
        var log = options.Log ?? (_ => { });
        if (!ConsoleToken.TryLoadOrCreate(options.DataFolder, out var token, out string tokenError))
        {
            return (null, tokenError);
        }

        var directory = new ThingDirectory(options.Committer.Store, options.Events, options.Registry);
        var issueIdentity = options.IssueIdentity ?? (name => options.Ca.TryIssueApplicationCertificate(name, out var issued, out string error) ? (issued, "") : (null, error));
        async Task<IEnumerable<string>> OthersConnected() => (await options.ConnectedClientIds()).Where(id => id != WatcherIdentity);
        async Task Resync() => directory.RefreshPresence(await OthersConnected(), options.Time.GetUtcNow().ToUnixTimeMilliseconds());
        var (watcher, watchError) = await ConsoleWatcher.StartAsync(issueIdentity, options.Ca.CaCertificate, options.BrokerPort, directory.Observe, Resync, log, options.Time);
        if (watcher is null)
        {
            return (null, watchError);
        }

        directory.Seed(await OthersConnected(), options.Time.GetUtcNow().ToUnixTimeMilliseconds());
        var testClient = new MqttTestClient(issueIdentity, options.Ca.CaCertificate, "127.0.0.1", options.BrokerPort, options.Events);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(LocalConsole).Assembly.GetName().Name });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 256 * 1024;
            kestrel.Listen(options.Address, options.Port);
        });
        var app = builder.Build();
        int port = 0; // known once listening; until then requests are answered 503
        ConsoleAccess? access = null;
        var stopping = new CancellationTokenSource();
        app.Use(async (http, next) =>
        {
            int listening = Volatile.Read(ref port);
            if (listening == 0)
            {
                http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return;
            }

            access ??= new ConsoleAccess(token!, listening);
            http.Response.Headers["X-Frame-Options"] = "DENY";
            http.Response.Headers["Referrer-Policy"] = "no-referrer";
            if (await access.AdmitAsync(http))
            {
                await next(http);
            }
        });
        var api = new ConsoleApi(options, directory, testClient, log);
        app.MapGet("/", http => ConsoleAssets.ServeAsync(http, "index.html"));
        app.MapGet("/assets/{**path}", (HttpContext http, string path) => ConsoleAssets.ServeAsync(http, path));
        app.MapGet("/api/events", http => options.Events.StreamAsync(http, stopping.Token));
        api.Map(app);
        try
        {
            await app.StartAsync();
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or InvalidOperationException)
        {
            await app.DisposeAsync();
            await watcher.DisposeAsync();
            stopping.Dispose();
            return (null, "The console cannot listen on http://" + options.Address + ":" + options.Port + ": " + e.Message + " If the port is in use, choose another (--console-port).");
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Volatile.Write(ref port, new Uri(address).Port);
        var console = new LocalConsole(app, watcher, testClient, token!, port, stopping);
        log(options.Time.GetUtcNow().ToString("O") + " console: listening on " + console.Url + " (the token is in " + Path.Combine(options.DataFolder, ConsoleToken.FileName) + ")");
        return (console, null);
    }

    /// <summary>Closes the pages' event streams, stops listening and disconnects from the broker. Never throws.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        stopping.Cancel();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await app.StopAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // stopped anyway
        }

        await app.DisposeAsync();
        await testClient.DisposeAsync();
        await watcher.DisposeAsync();
        stopping.Dispose();
    }
}
