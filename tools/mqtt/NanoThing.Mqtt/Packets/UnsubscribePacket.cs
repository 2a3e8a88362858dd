namespace NanoThing.Mqtt.Packets;

/// <summary>UNSUBSCRIBE (spec 3.10), from the client; at least one filter.</summary>
public sealed record UnsubscribePacket(ushort PacketId, IReadOnlyList<string> TopicFilters) : MqttPacket
{
    /// <inheritdoc />
    public override MqttPacketType Type => MqttPacketType.Unsubscribe;

    /// <summary>The exact bytes of this packet (fixed-header flags 0b0010 as the spec requires).</summary>
    public byte[] Encode()
    {
        if (PacketId == 0 || TopicFilters.Count == 0) throw new ArgumentException("UNSUBSCRIBE needs a non-zero packet id and at least one topic filter.");
        var builder = new PacketBuilder(MqttPacketType.Unsubscribe, 0x02);
        builder.WriteUInt16(PacketId);
        foreach (var filter in TopicFilters) builder.WriteString(filter);
        return builder.ToArray();
    }
}

/// <summary>UNSUBACK (spec 3.11), from the server.</summary>
public sealed record UnsubAckPacket(ushort PacketId) : MqttPacket
{
    /// <inheritdoc />
    public override MqttPacketType Type => MqttPacketType.UnsubAck;
}
