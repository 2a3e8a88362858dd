namespace NanoThing.LocalIot.DataPlane;

/// <summary>
/// The seam between the data plane and the MQTT broker of the same process: what the data plane publishes (shadow
/// notifications after an HTTPS update or delete, and the messages of the Publish operation) goes through it to the
/// broker's subscribers, each delivery subject to the receiver's <c>iot:Receive</c> as any other message.
/// </summary>
public interface IMessagePublisher
{
    /// <summary>
    /// Hands one message to the broker, published as the stand-in itself (not as any client). Completes once the broker
    /// has routed it (queued for every matching subscriber); it does not wait for subscribers' acknowledgements.
    /// Throws only when the broker is stopping or stopped. <paramref name="payload"/> is not kept after the call.
    /// </summary>
    /// <param name="topic">A topic name (no wildcards), already validated.</param>
    /// <param name="payload">The payload (may be empty: with <paramref name="retain"/> it deletes the retained message).</param>
    /// <param name="qos">0 or 1.</param>
    /// <param name="retain">Keep it as the topic's retained message.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    Task PublishAsync(string topic, ReadOnlyMemory<byte> payload, int qos, bool retain, CancellationToken cancellationToken);
}
