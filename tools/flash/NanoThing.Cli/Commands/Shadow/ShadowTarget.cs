using System.CommandLine;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using NanoThing.Cli.Commands.Bundle;
using NanoThing.Cli.Commands.Local;
using NanoThing.Cli.Execution;
using NanoThing.Cli.Things;

namespace NanoThing.Cli.Commands.Shadow;

/// <summary>
/// Where and as whom <c>check</c> and <c>shadow</c> connect: the thing's certificate and key, the CA to trust, and the
/// endpoint. Endpoint: <c>--endpoint</c>, else the one in the thing's bundle (nanothing.json), else the local stand-in
/// of this folder when it runs. CA: <c>--root-ca</c>, else things/&lt;thing&gt;/root-ca.pem (local), else the bundle's.
/// </summary>
public sealed record ShadowTarget(ThingFiles Files, IotEndpoint Endpoint, string EndpointSource, string CaFile)
{
    /// <summary>The options these commands share.</summary>
    public sealed class Options
    {
        public ThingOptions Thing { get; } = new();
        public Option<string?> Endpoint { get; } = new("--endpoint") { Description = "host[:port] to connect to (default: the bundle's endpoint, else the running local stand-in)." };
        public Option<string?> RootCa { get; } = new("--root-ca") { Description = "CA file to trust (default: things/<thing>/root-ca.pem, else the bundle's root-ca-bundle.pem)." };

        public void AddTo(Command command)
        {
            Thing.AddTo(command);
            command.Options.Add(Endpoint);
            command.Options.Add(RootCa);
        }

        public bool TryResolve(ParseResult parse, CliContext context, [NotNullWhen(true)] out ShadowTarget? target, [NotNullWhen(false)] out CliError? error)
        {
            target = null;
            if (!Thing.TryResolve(parse, context, out var files, out error))
            {
                return false;
            }

            string? ca = parse.GetValue(RootCa) is string given ? context.Resolve(given) : null;
            return ShadowTarget.TryResolve(context, files, parse.GetValue(Endpoint), ca, out target, out error);
        }
    }

    public static bool TryResolve(CliContext context, ThingFiles files, string? endpoint, string? caFile,
        [NotNullWhen(true)] out ShadowTarget? target, [NotNullWhen(false)] out CliError? error)
    {
        target = null;
        string thing = files.Thing.Value;
        var bundle = BundleLayout.Of(files);
        caFile ??= File.Exists(files.RootCa) ? files.RootCa : File.Exists(bundle.RootCaBundle) ? bundle.RootCaBundle : null;
        if (caFile is null)
        {
            error = new CliError(Failure.NotFound, $"no CA to trust: no --root-ca, no {files.RootCa}, no {bundle.RootCaBundle}",
                $"pass --root-ca AmazonRootCA1.pem (AWS; {RootCaBundle.AmazonRootCa1Url}) or run nanothing local provision --thing {thing} (local stand-in)");
            return false;
        }

        string source;
        IotEndpoint? resolved;
        if (endpoint is not null)
        {
            source = "--endpoint";
            if (!IotEndpoint.TryParse(endpoint, out resolved, out error))
            {
                return false;
            }
        }
        else if (TryReadBundleEndpoint(bundle.DeviceConfig, out resolved))
        {
            source = bundle.DeviceConfig;
        }
        else if (ServeProcess.TryRead(LocalPaths.For(context).ServePid, out _, out int port))
        {
            source = "the local stand-in (nanothing local status)";
            resolved = new IotEndpoint("127.0.0.1", port);
        }
        else
        {
            error = new CliError(Failure.NotFound, $"no endpoint for {thing}: no --endpoint, no {bundle.DeviceConfig}, and the local stand-in is not running",
                "pass --endpoint <host> (AWS: aws iot describe-endpoint --endpoint-type iot:Data-ATS) or run nanothing local start");
            return false;
        }

        target = new ShadowTarget(files, resolved!, source, caFile);
        error = null;
        return true;
    }

    private static bool TryReadBundleEndpoint(string configFile, [NotNullWhen(true)] out IotEndpoint? endpoint)
    {
        endpoint = null;
        if (!File.Exists(configFile))
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(configFile));
            JsonElement root = document.RootElement;
            string host = root.GetProperty("endpoint").GetString() ?? "";
            int port = root.TryGetProperty("port", out var p) ? p.GetInt32() : IotEndpoint.DefaultPort;
            return IotEndpoint.TryParse($"{host}:{port}", out endpoint, out _);
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return false;
        }
    }
}
