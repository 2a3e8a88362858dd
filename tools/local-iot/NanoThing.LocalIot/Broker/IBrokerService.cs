namespace NanoThing.LocalIot.Broker;

/// <summary>
/// A service that runs inside the broker (the Device Shadow service): it sees every authorized publish on the topics
/// it claims, before the publisher's PUBACK, and returns the messages to publish in reply, in order.
/// </summary>
public interface IBrokerService
{
    /// <summary>True for a topic this service answers (cheap; called for every publish).</summary>
    bool Handles(string topic);

    /// <summary>
    /// Handles one request. Completes when the request is durable and the replies are known; the broker publishes
    /// the replies (in order) and only then acknowledges the request. One client's requests are handed over one at a
    /// time in the order they arrived; different clients' requests may run concurrently. Never throws: a failure is
    /// answered as the service's own error reply.
    /// </summary>
    Task<IReadOnlyList<BrokerMessage>> HandleAsync(string topic, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken);
}
