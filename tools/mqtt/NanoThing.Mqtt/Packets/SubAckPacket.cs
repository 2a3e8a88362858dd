namespace NanoThing.Mqtt.Packets;

/// <summary>SUBACK (spec 3.9), from the server: one return code per requested filter, in order.</summary>
/// <param name="PacketId">The SUBSCRIBE's packet id.</param>
/// <param name="ReturnCodes">0x00/0x01 = granted at that QoS, 0x02 = granted QoS 2, <see cref="Failure"/> = refused.</param>
public sealed record SubAckPacket(ushort PacketId, IReadOnlyList<byte> ReturnCodes) : MqttPacket
{
    /// <summary>The return code of a refused filter.</summary>
    public const byte Failure = 0x80;

    /// <inheritdoc />
    public override MqttPacketType Type => MqttPacketType.SubAck;
}
