using System.Diagnostics.CodeAnalysis;
using NanoThing.Cli.Commands.Bundle;
using NanoThing.Cli.Commands.Local;
using NanoThing.Cli.Execution;
using NanoThing.Mqtt;

namespace NanoThing.Cli.Commands.Telemetry;

/// <summary>
/// Whom and where a telemetry reader connects as: an application identity (a folder with client.crt, client.key 0600
/// and root-ca.pem, as <c>nanothing local provision --app</c> writes) and a fixed client id (its persistent session is
/// found again by it), and the endpoint — looked up again before every connect, since the local stand-in may come back on
/// another port.
/// </summary>
/// <param name="ClientId">The MQTT client id: <c>--client-id</c>, else the identity folder's name (the app identity's name).</param>
/// <param name="Tls">The identity's certificate and key and the CA to trust.</param>
/// <param name="IdentityFolder">Where the identity's files are.</param>
/// <param name="Where">"the local stand-in" or the AWS endpoint, for messages.</param>
/// <param name="Endpoint">The endpoint now, or null with the sentence saying why there is none (the stand-in is stopped).</param>
public sealed record ReaderTarget(string ClientId, TlsSettings Tls, string IdentityFolder, string Where, Func<(IotEndpoint? Endpoint, string Unavailable)> Endpoint)
{
    /// <summary>
    /// The application identity (and client id) a local reader of <paramref name="thing"/> uses unless <c>--identity</c>
    /// names another: <c>telemetry-&lt;thing&gt;</c>, one per thing, because a persistent session keeps its subscription: a
    /// session made for one thing's topic would, resumed, go on delivering that topic and no other.
    /// </summary>
    public static string LocalReaderName(string thing) => "telemetry-" + thing;

    /// <summary>
    /// AWS (<paramref name="endpoint"/> given): <paramref name="identity"/> is required. Local: the stand-in of the working
    /// directory must run; its reader identity is provisioned once (apps/telemetry-&lt;thing&gt;/) and reused.
    /// </summary>
    public static bool TryResolve(CliContext context, string thing, string? endpoint, string? identity, string? clientId,
        [NotNullWhen(true)] out ReaderTarget? target, [NotNullWhen(false)] out CliError? error)
    {
        target = null;
        string folder;
        string where;
        Func<(IotEndpoint?, string)> locate;
        if (endpoint is not null)
        {
            if (!IotEndpoint.TryParse(endpoint, out var aws, out error))
            {
                return false;
            }

            if (identity is null)
            {
                error = new CliError(Failure.InputInvalid, $"--endpoint {endpoint} needs --identity <folder>: the application identity to read as (client.crt, client.key, root-ca.pem)",
                    "create an AWS IoT certificate for the reader with a policy allowing iot:Connect, iot:Subscribe and iot:Receive on the telemetry topic, put client.crt, client.key and root-ca.pem (AmazonRootCA1.pem) in a folder, and pass it with --identity");
                return false;
            }

            folder = context.Resolve(identity);
            where = aws.ToString();
            locate = () => (aws, "");
        }
        else
        {
            var paths = LocalPaths.For(context);
            if (!ServeProcess.TryRead(paths.ServePid, out _, out _))
            {
                error = new CliError(Failure.ConnectFailed, $"the local stand-in is not running in {context.WorkingDirectory} (no live {paths.ServePid})",
                    "nanothing local start   (or pass --endpoint <host> --identity <folder> to read from AWS IoT)");
                return false;
            }

            string name = LocalReaderName(thing);
            if (identity is null && System.Text.Encoding.UTF8.GetByteCount(name) > LocalIot.Broker.AwsLimits.MaxClientIdBytes)
            {
                error = new CliError(Failure.InputInvalid, $"the reader's client id '{name}' would be over {LocalIot.Broker.AwsLimits.MaxClientIdBytes} bytes, AWS's limit",
                    $"nanothing local provision --app <short-name>, then nanothing telemetry watch --thing {thing} --identity apps/<short-name>");
                return false;
            }

            folder = identity is null ? Path.Combine(context.WorkingDirectory, "apps", name) : context.Resolve(identity);
            if (identity is null && !File.Exists(Path.Combine(folder, "client.key")))
            {
                // Provisioned once, then reused: the same client id finds its persistent session again. Its lines go to stderr.
                var quiet = new CliContext { WorkingDirectory = context.WorkingDirectory, Out = context.Error, Error = context.Error, Environment = context.Environment, UtcNow = context.UtcNow };
                error = LocalProvisionCommand.ExecuteApplication(quiet, name, null, force: false);
                if (error is not null)
                {
                    return false;
                }
            }

            where = "the local stand-in";
            locate = () => ServeProcess.TryRead(paths.ServePid, out _, out int port)
                ? (new IotEndpoint("127.0.0.1", port), "")
                : (null, $"the local stand-in is not running (no live {paths.ServePid}); waiting for nanothing local start");
        }

        string rootCa = Path.Combine(folder, "root-ca.pem"), certificate = Path.Combine(folder, "client.crt"), key = Path.Combine(folder, "client.key");
        if (!TlsSettings.TryLoadFromPemFiles(rootCa, certificate, key, out var tls, out string tlsError))
        {
            error = new CliError(Failure.NotFound, $"the reader identity in {folder} cannot be used: {tlsError}",
                endpoint is null ? "nanothing local provision --app <name>, then nanothing telemetry watch --thing <thing> --identity apps/<name>" : "put client.crt, client.key and root-ca.pem of the reader's AWS IoT certificate in " + folder);
            return false;
        }

        target = new ReaderTarget(clientId ?? Path.GetFileName(Path.TrimEndingDirectorySeparator(folder)), tls!, folder, where, locate);
        error = null;
        return true;
    }
}
