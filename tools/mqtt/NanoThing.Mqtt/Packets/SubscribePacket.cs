namespace NanoThing.Mqtt.Packets;

/// <summary>One topic filter of a SUBSCRIBE and the maximum QoS asked for it.</summary>
public sealed record MqttSubscription(string TopicFilter, MqttQos Qos);

/// <summary>SUBSCRIBE (spec 3.8), from the client; at least one filter.</summary>
public sealed record SubscribePacket(ushort PacketId, IReadOnlyList<MqttSubscription> Subscriptions) : MqttPacket
{
    /// <inheritdoc />
    public override MqttPacketType Type => MqttPacketType.Subscribe;

    /// <summary>The exact bytes of this packet (fixed-header flags 0b0010 as the spec requires).</summary>
    public byte[] Encode()
    {
        if (PacketId == 0 || Subscriptions.Count == 0) throw new ArgumentException("SUBSCRIBE needs a non-zero packet id and at least one topic filter.");
        var builder = new PacketBuilder(MqttPacketType.Subscribe, 0x02);
        builder.WriteUInt16(PacketId);
        foreach (var subscription in Subscriptions)
        {
            builder.WriteString(subscription.TopicFilter);
            builder.WriteByte((byte)subscription.Qos);
        }
        return builder.ToArray();
    }
}
