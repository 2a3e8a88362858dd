namespace NanoThing.Mqtt.Packets;

/// <summary>One topic filter of a SUBSCRIBE and the highest QoS wanted for it.</summary>
public sealed record MqttSubscription(string TopicFilter, MqttQos Qos);
