namespace NanoThing.LocalIot.Broker;

/// <summary>A message a service inside the broker publishes (QoS 1, not retained), e.g. a shadow reply.</summary>
public sealed record BrokerMessage(string Topic, byte[] Payload);
