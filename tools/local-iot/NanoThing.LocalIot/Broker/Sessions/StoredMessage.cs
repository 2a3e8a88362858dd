namespace NanoThing.LocalIot.Broker.Sessions;

/// <summary>A QoS 1 message a persistent session holds for its client: queued while the client was away, or sent and
/// not yet acknowledged (AWS stores exactly these: reference local-aws-iot.md §4.1, "stored = unacknowledged QoS1
/// messages plus new QoS1 messages on subscribed topics while offline (QoS0 not stored)").</summary>
/// <param name="Topic">The topic it was published to.</param>
/// <param name="Payload">Its payload (at most 128 KB: larger publishes are refused before they are routed).</param>
/// <param name="StoredAt">When the broker took it for the session (UTC), for AWS's 1-hour QoS 1 redelivery bound.</param>
public sealed record StoredMessage(string Topic, byte[] Payload, DateTimeOffset StoredAt)
{
    /// <summary>True when <paramref name="topic"/> and <paramref name="payload"/> are this message's (how a PUBACK's
    /// PUBLISH is matched to the stored copy: MQTTnet reports the packet, not the message it was made from).</summary>
    public bool Is(string topic, ReadOnlySpan<byte> payload) => string.Equals(Topic, topic, StringComparison.Ordinal) && payload.SequenceEqual(Payload);
}
