using System.Globalization;
using System.Text.Json;

namespace NanoThing.LocalIot.Broker;

/// <summary>
/// The broker's log lines. A refusal is one JSON object shaped like AWS IoT's CloudWatch <c>AuthorizationFailure</c>
/// entry (<c>timestamp, logLevel, traceId, status, eventType, protocol, topicName, clientId, principalId, sourceIp,
/// sourcePort, reason, details</c>; reference aws-iot.md §2 / ARCH:cloud-watch-logs.md), with <c>details</c> saying
/// which statement of which policy decided, so a user reads the same fields here as in the AWS console.
/// </summary>
public sealed class BrokerLog(Action<string> sink, TimeProvider time)
{
    /// <summary>Event types as AWS names them.</summary>
    public const string Connect = "Connect", PublishIn = "Publish-In", PublishOut = "Publish-Out", Subscribe = "Subscribe", Disconnect = "Disconnect";

    /// <summary>A plain information line ("broker: ...").</summary>
    public void Info(string line) => sink(Timestamp() + " " + line);

    /// <summary>One refusal: what (<paramref name="eventType"/>, <paramref name="topic"/>), who (client id, certificate id,
    /// endpoint), the AWS reason code and the decision's explanation.</summary>
    public void Refusal(string eventType, string clientId, string? principalId, string? endpoint, string? topic, string reason, string details)
    {
        var entry = new Dictionary<string, object?>
        {
            ["timestamp"] = time.GetUtcNow().ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture),
            ["logLevel"] = "ERROR",
            ["traceId"] = Guid.NewGuid().ToString(),
            ["status"] = "Failure",
            ["eventType"] = eventType,
            ["protocol"] = "MQTT",
        };
        if (topic is not null)
        {
            entry["topicName"] = topic;
        }

        entry["clientId"] = clientId;
        entry["principalId"] = principalId ?? "";
        if (endpoint is not null)
        {
            int colon = endpoint.LastIndexOf(':');
            entry["sourceIp"] = colon > 0 ? endpoint[..colon] : endpoint;
            if (colon > 0 && int.TryParse(endpoint[(colon + 1)..], out int port))
            {
                entry["sourcePort"] = port;
            }
        }

        entry["reason"] = reason;
        entry["details"] = details;
        sink(Timestamp() + " refused: " + JsonSerializer.Serialize(entry));
    }

    private string Timestamp() => time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
}
