using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using NanoThing.Cli.Commands.Shadow;
using NanoThing.Cli.Execution;
using NanoThing.Cli.Identity;

namespace NanoThing.Cli.Commands.Check;

/// <summary>
/// <c>nanothing check --thing &lt;name&gt; [--endpoint host[:port]] [--root-ca file]</c>: connects to the endpoint as the
/// device and GETs its shadow, printing each step (files, DNS, TCP, TLS + CONNACK, subscribe, shadow reply); the
/// first failing step ends the check with its likely cause and fix.
/// </summary>
public static class CheckCommand
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(10);

    public static Command Create(CliContext context)
    {
        var options = new ShadowTarget.Options();
        var command = new Command("check", "Connect as the device and GET its shadow; explain the first step that fails.");
        options.AddTo(command);
        command.SetAction(parse => CommandRunner.Run(context, () => options.TryResolve(parse, context, out var target, out var error)
            ? ExecuteAsync(context, target).GetAwaiter().GetResult()
            : error));
        return command;
    }

    public static async Task<CliError?> ExecuteAsync(CliContext context, ShadowTarget target)
    {
        TextWriter output = context.Out;
        string thing = target.Files.Thing.Value;
        output.WriteLine($"checking {thing} at {target.Endpoint.Host}:{target.Endpoint.Port} (endpoint from {target.EndpointSource})");
        CliError? error = CheckFiles(context, target)
            ?? await CheckDnsAsync(output, target)
            ?? await CheckTcpAsync(output, target);
        if (error is not null)
        {
            return Fail(output, error);
        }

        output.WriteLine($"  note:  check connects as the device (client id {thing}, its certificate): a device connected as {thing} now is disconnected"
            + " and reconnects after (AWS IoT allows one connection per client id); to read the shadow without that, use nanothing shadow get --thing " + thing);
        var (session, connect, connectError) = await ShadowSession.ConnectAsync(target);
        if (session is null)
        {
            return Fail(output, connectError!);
        }

        await using (session)
        {
            output.WriteLine($"  [ok]   tls + connect: CONNACK {(int)connect!.Status} (accepted), client id {thing}, server trusted by {target.CaFile}");
            error = await session.SubscribeAsync("get/accepted", "get/rejected");
            if (error is not null)
            {
                return Fail(output, error);
            }

            output.WriteLine("  [ok]   subscribe: shadow/get/accepted, shadow/get/rejected");
            (ShadowReply? reply, error) = await session.RequestAsync("get", "{}");
            if (error is not null)
            {
                return Fail(output, error);
            }

            if (!reply!.Accepted && !reply.Rejection.StartsWith("404", StringComparison.Ordinal))
            {
                return Fail(output, new CliError(Failure.Rejected, $"the shadow service rejected the get: {reply.Rejection}", null));
            }

            output.WriteLine(reply.Accepted
                ? $"  [ok]   shadow get: accepted ({Version(reply.Document)})"
                : $"  [ok]   shadow get: no shadow yet ({reply.Rejection}); the device creates it with its first report");
        }

        output.WriteLine($"check passed: {thing} can reach its shadow at {target.Endpoint.Host}:{target.Endpoint.Port}");
        return null;
    }

    private static CliError? CheckFiles(CliContext context, ShadowTarget target)
    {
        string thing = target.Files.Thing.Value;
        if (!CertificateFacts.TryLoad(target.Files.Certificate, $"nanothing cert create --thing {thing}   (local stand-in: nanothing local provision --thing {thing})", out var certificate, out var error))
        {
            return error;
        }

        using (certificate)
        {
            var facts = CertificateFacts.Of(certificate!);
            DateTimeOffset now = context.UtcNow();
            if (now >= facts.NotAfter || now < facts.NotBefore)
            {
                return new CliError(Failure.InputInvalid, $"{target.Files.Certificate}: {facts.ValidityWarning(now)}; the endpoint will refuse it",
                    $"nanothing cert create --thing {thing} --force, then nanothing register --thing {thing}");
            }

            context.Out.WriteLine($"  [ok]   files: {target.Files.Certificate} ({facts.Subject}, valid until {CertificateFacts.Format(facts.NotAfter)}), key, CA {target.CaFile}");
            string? cn = certificate!.GetNameInfo(System.Security.Cryptography.X509Certificates.X509NameType.SimpleName, false);
            if (cn != thing && !facts.Subject.Contains("AWS IoT Certificate", StringComparison.Ordinal))
            {
                context.Out.WriteLine($"  [warn] the certificate's CN is '{cn}', not '{thing}': where the CN is the identity (the local stand-in), the client id {thing} will not match it");
            }
        }

        return null;
    }

    private static async Task<CliError?> CheckDnsAsync(TextWriter output, ShadowTarget target)
    {
        try
        {
            IPAddress[] addresses = await Dns.GetHostAddressesAsync(target.Endpoint.Host).WaitAsync(StepTimeout);
            output.WriteLine($"  [ok]   dns: {target.Endpoint.Host} -> {string.Join(", ", addresses.Take(3).Select(a => a.ToString()))}");
            return null;
        }
        catch (Exception exception) when (exception is SocketException or TimeoutException)
        {
            return new CliError(Failure.ConnectFailed, $"the endpoint name {target.Endpoint.Host} does not resolve ({exception.Message})",
                "check the endpoint: aws iot describe-endpoint --endpoint-type iot:Data-ATS (it ends in -ats.iot.<region>.amazonaws.com), or nanothing local status");
        }
    }

    private static async Task<CliError?> CheckTcpAsync(TextWriter output, ShadowTarget target)
    {
        using var client = new TcpClient();
        using var timeout = new CancellationTokenSource(StepTimeout);
        try
        {
            await client.ConnectAsync(target.Endpoint.Host, target.Endpoint.Port, timeout.Token);
            output.WriteLine($"  [ok]   tcp: connected to {target.Endpoint.Host}:{target.Endpoint.Port}");
            return null;
        }
        catch (Exception exception) when (exception is SocketException or OperationCanceledException)
        {
            return new CliError(Failure.ConnectFailed, $"nothing accepts TCP connections at {target.Endpoint.Host}:{target.Endpoint.Port} ({exception.Message})",
                $"check the port (AWS IoT: 8883) and firewalls; for the local stand-in: nanothing local start (then use the endpoint it prints)");
        }
    }

    private static CliError Fail(TextWriter output, CliError error)
    {
        output.WriteLine("  [FAIL] " + error.Message);
        return error;
    }

    private static string Version(string document)
    {
        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(document);
            return json.RootElement.TryGetProperty("version", out var version) ? "version " + version : "no version";
        }
        catch (System.Text.Json.JsonException)
        {
            return "unreadable document";
        }
    }
}
