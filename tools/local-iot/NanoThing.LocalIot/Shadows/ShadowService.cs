using System.Text;
using NanoThing.LocalIot.Broker;

namespace NanoThing.LocalIot.Shadows;

/// <summary>
/// The Device Shadow service inside the broker: claims every thing's get/update/delete request topics (classic and
/// named), hands each request to a <see cref="ShadowStore"/> and returns the replies the broker publishes at QoS 1 on
/// the same shadow's reply topics, in order. A request is stored (on disk) before the broker acknowledges it, so a
/// crash can lose replies but not an accepted update.
/// </summary>
/// <remarks>
/// The broker hands one client's requests over one at a time, so one thing's updates stay in order. 429 (more than 10
/// requests in flight on one connection) is never generated: a connection has at most one request in the service.
/// </remarks>
public sealed class ShadowService(ShadowStore store, TimeProvider time, Action<string>? log = null) : IBrokerService
{
    private readonly Action<string> log = log ?? (_ => { });
    private long requestsHandled;

    /// <summary>The shadows this service serves.</summary>
    public ShadowStore Store { get; } = store;

    /// <summary>Requests handled since start (any outcome), for diagnostics and tests.</summary>
    public long RequestsHandled => Interlocked.Read(ref requestsHandled);

    /// <inheritdoc/>
    public bool Handles(string topic) => ShadowTopics.TryParseRequest(topic, out _, out _);

    /// <inheritdoc/>
    public Task<IReadOnlyList<BrokerMessage>> HandleAsync(string topic, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        if (!ShadowTopics.TryParseRequest(topic, out var id, out var operation))
        {
            return Task.FromResult<IReadOnlyList<BrokerMessage>>([]);
        }

        IReadOnlyList<ShadowResponse> responses;
        try
        {
            responses = Store.Handle(id, operation, payload.Span);
        }
        catch (Exception e)
        {
            // A bug in the engine: answer 500 rather than fail the broker's connection handling.
            log("shadow service: internal error on '" + topic + "' (a bug, please report it): " + e);
            var kind = operation switch
            {
                ShadowOperation.Get => ShadowResponseKind.GetRejected,
                ShadowOperation.Update => ShadowResponseKind.UpdateRejected,
                _ => ShadowResponseKind.DeleteRejected,
            };
            responses = [new(kind, ShadowMessages.Rejected(ShadowError.InternalFailure, time.GetUtcNow().ToUnixTimeSeconds(), null))];
        }

        Interlocked.Increment(ref requestsHandled);
        IReadOnlyList<BrokerMessage> replies = responses.Select(r => new BrokerMessage(ShadowTopics.Response(id, r.Kind), Encoding.UTF8.GetBytes(r.Json))).ToList();
        return Task.FromResult(replies);
    }
}
