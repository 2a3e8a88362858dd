using System.Security.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace NanoThing.LocalIot.DataPlane;

/// <summary>
/// The stand-in's HTTPS data plane: AWS IoT's <c>iot-data</c> API (GetThingShadow, UpdateThingShadow,
/// DeleteThingShadow, ListNamedShadowsForThing, Publish) on Kestrel, TLS 1.2+ with the local CA's server certificate,
/// so the AWS CLI, the AWS SDKs and <c>nanothing shadow</c> read and change shadows without connecting as the device.
/// A client certificate is optional in the handshake: with one the request is a device's (AWS's port 8443 mode),
/// without one it must be signed with SigV4 (see <see cref="Auth.IRequestAuthenticator"/>).
/// </summary>
public sealed class IotDataPlane : IAsyncDisposable
{
    private readonly WebApplication app;
    private int disposed;

    private IotDataPlane(WebApplication app, int port)
    {
        this.app = app;
        Port = port;
    }

    /// <summary>The port listened on (the one asked for, or the one picked for 0).</summary>
    public int Port { get; }

    /// <summary>"https://127.0.0.1:port": what <c>AWS_ENDPOINT_URL_IOT_DATA_PLANE</c> is set to.</summary>
    public string Url => "https://127.0.0.1:" + Port;

    /// <summary>Starts listening. Returns the running data plane, or null with a sentence naming the port and what to do.</summary>
    public static async Task<(IotDataPlane? DataPlane, string? Error)> StartAsync(IotDataPlaneOptions options)
    {
        var log = new DataPlaneLog(options.Log ?? (_ => { }), options.Time);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(IotDataPlane).Assembly.GetName().Name });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = null; // the handler reads at most MaxBodyBytes and answers 413 itself
            kestrel.Listen(options.Address, options.Port, listen => listen.UseHttps(https =>
            {
                https.ServerCertificate = options.ServerCertificate;
                https.SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13;
                https.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
                https.CheckCertificateRevocation = false;
                https.ClientCertificateValidation = (certificate, _, _) =>
                {
                    bool accepted = options.AcceptClientCertificate?.Invoke(certificate) ?? true;
                    if (!accepted)
                    {
                        log.Info("data plane: TLS handshake refused: client certificate " + certificate.Subject + " is not known to the stand-in");
                    }

                    return accepted;
                };
            }));
        });
        var app = builder.Build();
        var handler = new IotDataRequestHandler(options, log);
        app.Run(handler.HandleAsync);
        try
        {
            await app.StartAsync();
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or InvalidOperationException)
        {
            await app.DisposeAsync();
            return (null, "The data plane cannot listen on https://" + options.Address + ":" + options.Port + ": " + e.Message
                + " If the port is in use, choose another (--data-plane-port).");
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var plane = new IotDataPlane(app, new Uri(address).Port);
        log.Info("data plane: listening on " + plane.Url + " (iot-data over HTTPS; SigV4 or a client certificate)");
        return (plane, null);
    }

    /// <summary>Stops listening (requests in progress are finished for up to 5 s). Never throws.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

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
    }
}
