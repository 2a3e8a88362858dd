namespace NanoThing.Mqtt.Packets;

/// <summary>
/// CONNECT (spec 3.1) for protocol "MQTT" level 4 (3.1.1). No will, user name or password: AWS IoT Core and the
/// local stand-in authenticate the client by its TLS certificate.
/// </summary>
/// <param name="ClientId">Client identifier, UTF-8, at most 65535 bytes (AWS: at most 128, the thing name).</param>
/// <param name="KeepAliveSeconds">Keep-alive interval; 0 turns keep-alive off.</param>
/// <param name="CleanSession">True to discard any previous session state on the broker.</param>
public sealed record ConnectPacket(string ClientId, ushort KeepAliveSeconds, bool CleanSession) : MqttPacket
{
    /// <summary>Protocol level 4 = MQTT 3.1.1.</summary>
    public const byte ProtocolLevel = 4;

    /// <inheritdoc />
    public override MqttPacketType Type => MqttPacketType.Connect;

    /// <summary>The exact bytes of this packet.</summary>
    public byte[] Encode()
    {
        var builder = new PacketBuilder(MqttPacketType.Connect);
        builder.WriteString("MQTT");
        builder.WriteByte(ProtocolLevel);
        builder.WriteByte(CleanSession ? (byte)0x02 : (byte)0x00);
        builder.WriteUInt16(KeepAliveSeconds);
        builder.WriteString(ClientId);
        return builder.ToArray();
    }
}
