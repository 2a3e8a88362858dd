namespace NanoThing.Mqtt.Packets;

/// <summary>PINGREQ (spec 3.12), from the client: two bytes, C0 00.</summary>
public sealed record PingReqPacket : MqttPacket
{
    /// <summary>The only instance needed.</summary>
    public static readonly PingReqPacket Instance = new();

    /// <inheritdoc />
    public override MqttPacketType Type => MqttPacketType.PingReq;

    /// <summary>The exact bytes of this packet.</summary>
    public byte[] Encode() => new PacketBuilder(MqttPacketType.PingReq).ToArray();
}

/// <summary>PINGRESP (spec 3.13), from the server: two bytes, D0 00.</summary>
public sealed record PingRespPacket : MqttPacket
{
    /// <summary>The only instance needed.</summary>
    public static readonly PingRespPacket Instance = new();

    /// <inheritdoc />
    public override MqttPacketType Type => MqttPacketType.PingResp;
}

/// <summary>DISCONNECT (spec 3.14), from the client: two bytes, E0 00.</summary>
public sealed record DisconnectPacket : MqttPacket
{
    /// <summary>The only instance needed.</summary>
    public static readonly DisconnectPacket Instance = new();

    /// <inheritdoc />
    public override MqttPacketType Type => MqttPacketType.Disconnect;

    /// <summary>The exact bytes of this packet.</summary>
    public byte[] Encode() => new PacketBuilder(MqttPacketType.Disconnect).ToArray();
}
