using System.Globalization;
using System.Text.Json;

namespace NanoThing.LocalIot.Log;

/// <summary>
/// One refusal as the stand-in logs it, for MQTT (<see cref="Broker.BrokerLog"/>) and HTTPS
/// (<see cref="DataPlane.DataPlaneLog"/>) alike: <c>refused: </c> and one JSON object with the fields of AWS IoT's
/// CloudWatch <c>AuthorizationFailure</c>/<c>AuthenticationFailure</c> entries (<c>timestamp, logLevel, traceId, status,
/// eventType, protocol, topicName, clientId, principalId, sourceIp, sourcePort, reason, details</c>; reference aws-iot.md
/// §2), absent fields left out. <c>nanothing local log --refusals</c> and the console read these lines.
/// </summary>
public static class RefusalLine
{
    /// <summary>The text after the log line's timestamp that marks a refusal.</summary>
    public const string Marker = "refused: ";

    /// <summary>The refusal's text (without the line's leading timestamp).</summary>
    public static string Format(DateTimeOffset now, string protocol, string traceId, string eventType, string? topicName, string? clientId,
        string? principalId, string? sourceIp, int? sourcePort, string reason, string details)
    {
        var entry = new Dictionary<string, object?>
        {
            ["timestamp"] = now.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture),
            ["logLevel"] = "ERROR",
            ["traceId"] = traceId,
            ["status"] = "Failure",
            ["eventType"] = eventType,
            ["protocol"] = protocol,
        };
        if (topicName is not null)
        {
            entry["topicName"] = topicName;
        }

        if (clientId is not null)
        {
            entry["clientId"] = clientId;
        }

        entry["principalId"] = principalId ?? "";
        if (sourceIp is not null)
        {
            entry["sourceIp"] = sourceIp;
        }

        if (sourcePort is not null)
        {
            entry["sourcePort"] = sourcePort;
        }

        entry["reason"] = reason;
        entry["details"] = details;
        return Marker + JsonSerializer.Serialize(entry);
    }
}
