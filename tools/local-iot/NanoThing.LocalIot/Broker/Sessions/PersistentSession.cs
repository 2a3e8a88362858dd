using MQTTnet;
using MQTTnet.Protocol;

namespace NanoThing.LocalIot.Broker.Sessions;

/// <summary>
/// What the stand-in keeps of one client's persistent session (cleanSession=0) beside MQTTnet's own in-memory session,
/// so that it survives a restart: the subscriptions, the QoS 1 messages not yet acknowledged, and when the connection
/// ended. Not thread-safe: <see cref="SessionPersistence"/> holds its lock around every use.
/// </summary>
public sealed class PersistentSession(string clientId)
{
    /// <summary>The MQTT client id the session belongs to.</summary>
    public string ClientId { get; } = clientId;

    /// <summary>Topic filter → granted QoS.</summary>
    public Dictionary<string, MqttQualityOfServiceLevel> Subscriptions { get; } = new(StringComparer.Ordinal);

    /// <summary>QoS 1 messages for the client, oldest first, until it acknowledges them.</summary>
    public List<StoredMessage> Messages { get; } = [];

    /// <summary>When the broker detected the end of the last connection (AWS starts the expiry timer then); null while connected.</summary>
    public DateTimeOffset? DisconnectedAt { get; set; }

    /// <summary>True for a session read back from disk whose client has not connected since the start: MQTTnet has no
    /// session for it, so messages for it are stored here until the client comes back.</summary>
    public bool AwaitingClient { get; set; }

    /// <summary>The QoS a message published with <paramref name="published"/> on <paramref name="topic"/> reaches the
    /// client with: the lower of the publish QoS and the highest QoS granted among the matching filters (MQTT 3.1.1
    /// §3.8.4, as MQTTnet computes it); null when no filter matches.</summary>
    public MqttQualityOfServiceLevel? DeliveryQos(string topic, MqttQualityOfServiceLevel published)
    {
        MqttQualityOfServiceLevel? granted = null;
        foreach (var (filter, qos) in Subscriptions)
        {
            if (MqttTopicFilterComparer.Compare(topic, filter) == MqttTopicFilterCompareResult.IsMatch && (granted is null || qos > granted))
            {
                granted = qos;
            }
        }

        return granted is null ? null : (MqttQualityOfServiceLevel)Math.Min((int)granted, (int)published);
    }

    /// <summary>Stores <paramref name="message"/>; when <paramref name="limit"/> messages are stored already the oldest
    /// is dropped (as MQTTnet's DropOldestQueuedMessage does) and returned, else null.</summary>
    public StoredMessage? Store(StoredMessage message, int limit)
    {
        StoredMessage? dropped = null;
        if (Messages.Count >= limit)
        {
            dropped = Messages[0];
            Messages.RemoveAt(0);
        }

        Messages.Add(message);
        return dropped;
    }

    /// <summary>Forgets the oldest stored copy of an acknowledged (or dropped) PUBLISH; false when none matches.</summary>
    public bool Forget(string topic, ReadOnlySpan<byte> payload)
    {
        for (int i = 0; i < Messages.Count; i++)
        {
            if (Messages[i].Is(topic, payload))
            {
                Messages.RemoveAt(i);
                return true;
            }
        }

        return false;
    }

    /// <summary>Drops messages stored at or before <paramref name="cutoff"/>; returns how many.</summary>
    public int DropStoredBefore(DateTimeOffset cutoff) => Messages.RemoveAll(m => m.StoredAt <= cutoff);
}
