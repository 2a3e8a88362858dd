using System.Text.Json;
using System.Text.Json.Serialization;
using MQTTnet.Protocol;

namespace NanoThing.LocalIot.Broker.Sessions;

/// <summary>
/// <c>sessions.json</c>: every persistent session as JSON — client id, when its connection ended, its subscriptions and
/// its stored QoS 1 messages (payloads in base64). Holds no keys or certificates: a returning client proves who it is
/// again at CONNECT, and <c>iot:Receive</c> is checked for that connection when a stored message is delivered.
/// </summary>
public static class SessionFile
{
    /// <summary>The file's name in the broker's folder.</summary>
    public const string FileName = "sessions.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>The sessions as JSON bytes (UTF-8).</summary>
    public static byte[] Write(IEnumerable<PersistentSession> sessions) => JsonSerializer.SerializeToUtf8Bytes(new FileContent(sessions.Select(s => new SessionEntry(
        s.ClientId,
        s.DisconnectedAt,
        s.Subscriptions.Select(p => new SubscriptionEntry(p.Key, (int)p.Value)).ToList(),
        s.Messages.Select(m => new MessageEntry(m.Topic, Convert.ToBase64String(m.Payload), m.StoredAt)).ToList())).ToList()), Json);

    /// <summary>Reads sessions written by <see cref="Write"/>; restored sessions await their client. False with the
    /// reason when the bytes are not such a file (any input: never throws).</summary>
    public static bool TryRead(ReadOnlySpan<byte> content, out List<PersistentSession> sessions, out string error)
    {
        sessions = [];
        try
        {
            var file = JsonSerializer.Deserialize<FileContent>(content, Json);
            foreach (var entry in file?.Sessions ?? [])
            {
                if (string.IsNullOrEmpty(entry.ClientId))
                {
                    throw new JsonException("a session has no clientId");
                }

                var session = new PersistentSession(entry.ClientId) { DisconnectedAt = entry.DisconnectedAt, AwaitingClient = true };
                foreach (var subscription in entry.Subscriptions ?? [])
                {
                    if (string.IsNullOrEmpty(subscription.Filter) || subscription.Qos is < 0 or > 1)
                    {
                        throw new JsonException("session '" + entry.ClientId + "' has a subscription without a filter or with a QoS other than 0 or 1");
                    }

                    session.Subscriptions[subscription.Filter] = (MqttQualityOfServiceLevel)subscription.Qos;
                }

                foreach (var message in entry.Messages ?? [])
                {
                    if (string.IsNullOrEmpty(message.Topic) || message.Payload is null)
                    {
                        throw new JsonException("session '" + entry.ClientId + "' has a message without a topic or payload");
                    }

                    session.Messages.Add(new StoredMessage(message.Topic, Convert.FromBase64String(message.Payload), message.StoredAt));
                }

                sessions.Add(session);
            }

            error = "";
            return true;
        }
        catch (Exception e) when (e is JsonException or FormatException or NotSupportedException or ArgumentException)
        {
            sessions = [];
            error = e.Message;
            return false;
        }
    }

    private sealed record FileContent(List<SessionEntry>? Sessions);

    private sealed record SessionEntry(string ClientId, DateTimeOffset? DisconnectedAt, List<SubscriptionEntry>? Subscriptions, List<MessageEntry>? Messages);

    private sealed record SubscriptionEntry(string Filter, int Qos);

    private sealed record MessageEntry(string Topic, string Payload, DateTimeOffset StoredAt);
}
