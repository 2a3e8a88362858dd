using NanoThing.Mqtt.Packets;

namespace NanoThing.Mqtt;

/// <summary>An application message received from the broker on a subscribed topic.</summary>
/// <param name="Topic">The topic it was published to.</param>
/// <param name="Payload">Its bytes (owned by the receiver).</param>
/// <param name="Qos">The QoS it was delivered with.</param>
/// <param name="Retain">True when the broker delivered a retained message.</param>
public sealed record MqttMessage(string Topic, ReadOnlyMemory<byte> Payload, MqttQos Qos, bool Retain);
