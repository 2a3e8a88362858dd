using System.Globalization;
using NanoThing.LocalIot.Log;

namespace NanoThing.LocalIot.Broker;

/// <summary>
/// The broker's log lines. A refusal is a <see cref="RefusalLine"/> (AWS IoT's CloudWatch <c>AuthorizationFailure</c>
/// fields, protocol "MQTT"), with <c>details</c> saying which statement of which policy decided, so a user reads the
/// same fields here as in the AWS console.
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
        string? sourceIp = null;
        int? sourcePort = null;
        if (endpoint is not null)
        {
            int colon = endpoint.LastIndexOf(':');
            sourceIp = colon > 0 ? endpoint[..colon] : endpoint;
            if (colon > 0 && int.TryParse(endpoint[(colon + 1)..], out int port))
            {
                sourcePort = port;
            }
        }

        sink(Timestamp() + " " + RefusalLine.Format(time.GetUtcNow(), "MQTT", Guid.NewGuid().ToString(), eventType, topic, clientId, principalId, sourceIp, sourcePort, reason, details));
    }

    private string Timestamp() => time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
}
