using System.Diagnostics.CodeAnalysis;
using NanoThing.Cli.Execution;

namespace NanoThing.Cli.Commands.Bundle;

/// <summary>
/// An MQTT/TLS endpoint: a host name or IP address and a port (8883 unless "host:port" says otherwise). Rejects the
/// classic mistakes: a URL instead of a host, the AWS console's address, a path.
/// </summary>
public sealed record IotEndpoint(string Host, int Port)
{
    public const int DefaultPort = 8883;

    public override string ToString() => Port == DefaultPort ? Host : $"{Host}:{Port}";

    /// <summary>True when the host looks like AWS's legacy (VeriSign) data endpoint rather than the ATS one.</summary>
    public bool IsLegacyAwsEndpoint => Host.EndsWith(".amazonaws.com", StringComparison.OrdinalIgnoreCase)
        && Host.Contains(".iot.", StringComparison.OrdinalIgnoreCase)
        && !Host.Split('.')[0].EndsWith("-ats", StringComparison.OrdinalIgnoreCase);

    /// <summary>Parses "host" or "host:port"; the error says what is wrong and how to find the right value.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out IotEndpoint? endpoint, [NotNullWhen(false)] out CliError? error)
    {
        endpoint = null;
        text = (text ?? "").Trim();
        const string find = "the ATS data endpoint: aws iot describe-endpoint --endpoint-type iot:Data-ATS   (or `endpoint:` of nanothing local start)";
        if (text.Contains("console.aws.amazon.com", StringComparison.OrdinalIgnoreCase))
        {
            error = new CliError(Failure.InputInvalid, $"--endpoint {text} is the AWS console's address, not the device data endpoint", find);
            return false;
        }

        if (text.Contains("://", StringComparison.Ordinal) || text.Contains('/'))
        {
            error = new CliError(Failure.InputInvalid, $"--endpoint {text} is a URL; give only the host name (and optionally :port)", find);
            return false;
        }

        string host = text;
        int port = DefaultPort;
        int colon = text.LastIndexOf(':');
        if (colon >= 0)
        {
            host = text[..colon];
            if (!int.TryParse(text[(colon + 1)..], System.Globalization.NumberStyles.None, null, out port) || port is < 1 or > 65535)
            {
                error = new CliError(Failure.InputInvalid, $"--endpoint {text}: '{text[(colon + 1)..]}' is not a port number (1-65535)", find);
                return false;
            }
        }

        if (host.Length is 0 or > 253 || !host.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-') || host.StartsWith('-') || host.StartsWith('.'))
        {
            error = new CliError(Failure.InputInvalid, $"--endpoint '{text}' is not a host name", find);
            return false;
        }

        endpoint = new IotEndpoint(host, port);
        error = null;
        return true;
    }
}
