namespace NanoThing.Mqtt.Packets;

/// <summary>CONNACK (spec 3.2), from the server.</summary>
/// <param name="SessionPresent">True when the server resumed a stored session (only possible without clean session).</param>
/// <param name="ReturnCode">0 accepted, 1..5 the spec's refusals; any other value is kept as received.</param>
public sealed record ConnAckPacket(bool SessionPresent, byte ReturnCode) : MqttPacket
{
    /// <inheritdoc />
    public override MqttPacketType Type => MqttPacketType.ConnAck;
}
