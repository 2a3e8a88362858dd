using MQTTnet.Protocol;
using NanoThing.LocalIot.Broker;
using NanoThing.LocalIot.DataPlane;

namespace NanoThing.LocalIot.StandIn;

/// <summary>The data plane's seam to the broker of the same process: messages are injected as the broker's own, routed to
/// every matching subscription (each delivery still checked against the receiver's <c>iot:Receive</c>).</summary>
public sealed class BrokerMessagePublisher(IotBroker broker) : IMessagePublisher
{
    /// <inheritdoc/>
    public Task PublishAsync(string topic, ReadOnlyMemory<byte> payload, int qos, bool retain, CancellationToken cancellationToken) =>
        broker.PublishAsync(topic, payload.ToArray(), retain, qos == 0 ? MqttQualityOfServiceLevel.AtMostOnce : MqttQualityOfServiceLevel.AtLeastOnce);
}
