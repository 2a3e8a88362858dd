using System.Globalization;
using System.Net;
using System.Text.Json;

namespace NanoThing.LocalIot.DataPlane;

/// <summary>
/// The data plane's log lines. A refusal is one JSON object with the fields of AWS IoT's CloudWatch
/// <c>AuthorizationFailure</c>/<c>AuthenticationFailure</c> entries (<c>timestamp, logLevel, traceId, status, eventType,
/// protocol, topicName, principalId, sourceIp, sourcePort, reason, details</c>), <c>protocol</c> "HTTP" — the shape of the
/// broker's MQTT refusal lines, so both read alike in <c>nanothing local log</c>. Never receives a secret.
/// </summary>
public sealed class DataPlaneLog(Action<string> sink, TimeProvider time)
{
    /// <summary>A plain information line.</summary>
    public void Info(string line) => sink(Timestamp() + " " + line);

    /// <summary>One refused request: the operation (AWS's event type), the resource, who, from where, AWS's reason code
    /// (e.g. AUTHORIZATION_FAILURE) and what decided.</summary>
    public void Refusal(string traceId, string eventType, string? topicOrResource, string? principalId, IPEndPoint? source, string reason, string details)
    {
        var entry = new Dictionary<string, object?>
        {
            ["timestamp"] = time.GetUtcNow().ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture),
            ["logLevel"] = "ERROR",
            ["traceId"] = traceId,
            ["status"] = "Failure",
            ["eventType"] = eventType,
            ["protocol"] = "HTTP",
        };
        if (topicOrResource is not null)
        {
            entry["topicName"] = topicOrResource;
        }

        entry["principalId"] = principalId ?? "";
        if (source is not null)
        {
            entry["sourceIp"] = source.Address.ToString();
            entry["sourcePort"] = source.Port;
        }

        entry["reason"] = reason;
        entry["details"] = details;
        sink(Timestamp() + " refused: " + JsonSerializer.Serialize(entry));
    }

    private string Timestamp() => time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
}
