namespace NanoThing.Mqtt.Packets;

/// <summary>PUBLISH (spec 3.3), either direction.</summary>
/// <param name="Topic">Topic name (no wildcards).</param>
/// <param name="Payload">Application bytes; may be empty.</param>
/// <param name="Qos">0 or 1.</param>
/// <param name="PacketId">Non-zero for QoS 1, 0 for QoS 0.</param>
/// <param name="Retain">Retain flag.</param>
/// <param name="Duplicate">DUP flag: a re-delivery of an earlier QoS 1 attempt.</param>
public sealed record PublishPacket(string Topic, ReadOnlyMemory<byte> Payload, MqttQos Qos, ushort PacketId, bool Retain = false, bool Duplicate = false) : MqttPacket
{
    /// <inheritdoc />
    public override MqttPacketType Type => MqttPacketType.Publish;

    /// <summary>The exact bytes of this packet. Throws <see cref="ArgumentException"/> when the packet id does not fit the QoS.</summary>
    public byte[] Encode()
    {
        if (Qos == MqttQos.AtMostOnce ? PacketId != 0 : PacketId == 0)
            throw new ArgumentException("A QoS " + (int)Qos + " PUBLISH needs " + (Qos == MqttQos.AtMostOnce ? "packet id 0" : "a non-zero packet id") + ", not " + PacketId + ".");
        int flags = (Duplicate ? 0x08 : 0) | ((int)Qos << 1) | (Retain ? 0x01 : 0);
        var builder = new PacketBuilder(MqttPacketType.Publish, flags);
        builder.WriteString(Topic);
        if (Qos != MqttQos.AtMostOnce) builder.WriteUInt16(PacketId);
        builder.WriteBytes(Payload.Span);
        return builder.ToArray();
    }
}
