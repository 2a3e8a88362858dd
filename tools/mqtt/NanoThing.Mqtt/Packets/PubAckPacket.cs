namespace NanoThing.Mqtt.Packets;

/// <summary>PUBACK (spec 3.4), either direction: acknowledges the QoS 1 PUBLISH with the same packet id.</summary>
public sealed record PubAckPacket(ushort PacketId) : MqttPacket
{
    /// <inheritdoc />
    public override MqttPacketType Type => MqttPacketType.PubAck;

    /// <summary>The exact bytes of this packet.</summary>
    public byte[] Encode()
    {
        var builder = new PacketBuilder(MqttPacketType.PubAck);
        builder.WriteUInt16(PacketId);
        return builder.ToArray();
    }
}
