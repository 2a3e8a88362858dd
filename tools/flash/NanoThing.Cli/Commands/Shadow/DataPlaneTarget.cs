using System.CommandLine;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using NanoThing.Cli.Commands.Bundle;
using NanoThing.Cli.Commands.Local;
using NanoThing.Cli.Commands.Register;
using NanoThing.Cli.Execution;
using NanoThing.Cli.Things;
using NanoThing.LocalIot.DataPlane.Auth;

namespace NanoThing.Cli.Commands.Shadow;

/// <summary>
/// Which data plane <c>nanothing shadow</c> talks to, never as the device: <c>--local</c>, or a bundle endpoint on
/// 127.0.0.1/localhost, or (no <c>--endpoint</c>, no bundle) a running stand-in of this folder → the stand-in's HTTPS
/// data plane with its credentials; otherwise AWS IoT through the AWS CLI at <c>https://&lt;endpoint&gt;</c>, the
/// endpoint from <c>--endpoint</c>, the thing's bundle, or <c>aws iot describe-endpoint --endpoint-type iot:Data-ATS</c>
/// (the account's ATS data endpoint, which serves MQTT on 8883 and the data plane on 443).
/// </summary>
public sealed class DataPlaneTarget
{
    public ThingOptions Thing { get; } = new();
    public Option<string?> ShadowName { get; } = new("--shadow-name") { Description = "A named shadow (default: the classic shadow)." };
    public Option<bool> Local { get; } = new("--local") { Description = "Use this folder's running local stand-in (nanothing local start)." };
    public Option<string?> Endpoint { get; } = new("--endpoint") { Description = "AWS IoT data endpoint host (aws iot describe-endpoint --endpoint-type iot:Data-ATS); default: the bundle's, else the running local stand-in, else asked from AWS." };
    public Option<bool> DryRun { get; } = new("--dry-run") { Description = "Against AWS: print the aws commands; run nothing." };

    public void AddTo(Command command)
    {
        Thing.AddTo(command);
        command.Options.Add(ShadowName);
        command.Options.Add(Local);
        command.Options.Add(Endpoint);
        command.Options.Add(DryRun);
    }

    /// <summary>The thing, the shadow name (null: classic) and the data plane to use; or the error saying what is missing.</summary>
    public bool TryResolve(ParseResult parse, CliContext context, [NotNullWhen(true)] out ThingFiles? files, out string? shadow,
        [NotNullWhen(true)] out IShadowDataPlane? plane, [NotNullWhen(false)] out CliError? error)
    {
        plane = null;
        shadow = parse.GetValue(ShadowName);
        if (!Thing.TryResolve(parse, context, out files, out error))
        {
            return false;
        }

        string thing = files.Thing.Value;
        if (shadow is not null && !NanoThing.LocalIot.Shadows.ShadowNames.IsValidShadowName(shadow))
        {
            error = new CliError(Failure.InputInvalid, $"--shadow-name {shadow} is not a valid shadow name (1-64 characters of a-z A-Z 0-9 : _ - $)", $"nanothing shadow get --thing {thing} --shadow-name config");
            return false;
        }

        string? endpoint = parse.GetValue(Endpoint);
        string? bundled = endpoint is null && !parse.GetValue(Local) ? BundleHost(BundleLayout.Of(files).DeviceConfig) : null;
        bool stand_in = ServeProcess.TryRead(LocalPaths.For(context).ServePid, out _, out _, out _);
        bool local = parse.GetValue(Local) || (endpoint is null && (bundled is null ? stand_in : IsLoopback(bundled)));
        return local
            ? TryLocal(context, thing, out plane, out error)
            : TryAws(context, thing, endpoint ?? bundled, parse.GetValue(DryRun), out plane, out error);
    }

    private static bool TryLocal(CliContext context, string thing, [NotNullWhen(true)] out IShadowDataPlane? plane, [NotNullWhen(false)] out CliError? error)
    {
        plane = null;
        var paths = LocalPaths.For(context);
        if (!ServeProcess.TryRead(paths.ServePid, out _, out _, out int port))
        {
            error = new CliError(Failure.NotFound, $"the local stand-in of {context.WorkingDirectory} is not running", $"nanothing local start, then run this again (or pass --endpoint <AWS data endpoint> for AWS)");
            return false;
        }

        if (!LocalCredentials.TryLoad(paths.Root, out var credentials, out string problem))
        {
            error = new CliError(Failure.FileSystem, problem, "nanothing local stop && nanothing local start");
            return false;
        }

        string caFile = Path.Combine(paths.Ca, NanoThing.LocalIot.Pki.LocalCa.CaCertificateFileName);
        try
        {
            plane = new LocalDataPlane(new Uri($"https://127.0.0.1:{port}"), credentials.Keys, X509Certificate2.CreateFromPem(File.ReadAllText(caFile)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            error = new CliError(Failure.FileSystem, $"the local CA certificate {caFile} cannot be read: {e.Message}", "nanothing local stop && nanothing local start");
            return false;
        }

        error = null;
        return true;
    }

    private static bool TryAws(CliContext context, string thing, string? host, bool dryRun, [NotNullWhen(true)] out IShadowDataPlane? plane, [NotNullWhen(false)] out CliError? error)
    {
        plane = null;
        string? executable = ExternalProgram.Find(context, "aws");
        if (executable is null && !dryRun)
        {
            error = new CliError(Failure.ExternalToolMissing, "the AWS CLI (`aws`) is not installed or not on PATH, and no local stand-in runs here",
                $"install AWS CLI v2 ({RegisterCommand.InstallAwsCli}) and run `aws configure`; or nanothing local start for the local stand-in");
            return false;
        }

        var aws = new AwsCli(context, executable, dryRun);
        if (host is null)
        {
            string[] describe = ["iot", "describe-endpoint", "--endpoint-type", "iot:Data-ATS"];
            AwsReply reply = aws.Read(describe);
            host = dryRun ? "<endpoint>" : reply.Get("endpointAddress");
            if (host is null)
            {
                error = AwsFailures.ToError(reply, describe, $"nanothing shadow get --thing {thing} --endpoint <host>");
                return false;
            }
        }
        else if (!IotEndpoint.TryParse(host, out var parsed, out error))
        {
            return false;
        }
        else
        {
            host = parsed.Host;
        }

        plane = new AwsCliDataPlane(context, aws, "https://" + host);
        error = null;
        return true;
    }

    private static bool IsLoopback(string host) => host is "127.0.0.1" or "localhost" or "::1";

    private static string? BundleHost(string configFile)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(configFile));
            return document.RootElement.TryGetProperty("endpoint", out var endpoint) && endpoint.GetString() is { Length: > 0 } host ? host : null;
        }
        catch (Exception e) when (e is IOException or JsonException or InvalidOperationException or UnauthorizedAccessException)
        {
            return null; // no bundle (or not readable): fall back to the stand-in or AWS
        }
    }
}
