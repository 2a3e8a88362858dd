namespace NanoThing.Mqtt.Packets;

/// <summary>
/// One MQTT 3.1.1 control packet. Packets a client sends have <c>Encode()</c> (exact wire bytes); packets a
/// server sends are produced by <see cref="MqttPacketDecoder"/>. PUBLISH and PUBACK go both ways.
/// </summary>
public abstract record MqttPacket
{
    /// <summary>The packet's type (high nibble of its first byte).</summary>
    public abstract MqttPacketType Type { get; }
}
