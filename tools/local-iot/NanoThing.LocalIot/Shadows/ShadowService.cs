using System.Text;
using NanoThing.LocalIot.Broker;

namespace NanoThing.LocalIot.Shadows;

/// <summary>
/// The Device Shadow service inside the broker: claims every thing's get/update/delete request topics (classic and
/// named), hands each request to the <see cref="ShadowCommitter"/> over a <see cref="ShadowStore"/> (the one shadow
/// engine, shared with the HTTPS data plane) and returns the replies the broker publishes at QoS 1 on the same shadow's
/// reply topics, in order. A request is stored (on disk) before the broker acknowledges it, so a crash can lose
/// replies but not an accepted update; concurrent requests of many things share one flush.
/// </summary>
/// <remarks>
/// The broker hands one client's requests over one at a time, so one thing's updates stay in order. 429 (more than 10
/// requests in flight for one thing) comes from the committer: MQTT and HTTPS requests of a thing count together.
/// </remarks>
public sealed class ShadowService(ShadowStore store, TimeProvider time, Action<string>? log = null) : IBrokerService, IAsyncDisposable
{
    private readonly Action<string> log = log ?? (_ => { });
    private long requestsHandled;

    /// <summary>The shadows this service serves.</summary>
    public ShadowStore Store { get; } = store;

    /// <summary>The one way shadows change: MQTT requests here, HTTPS requests in the data plane.</summary>
    public ShadowCommitter Committer { get; } = new(store, log: log);

    /// <summary>Batches stored so far (each one flush), for diagnostics, tests and benchmarks.</summary>
    public long Batches => Committer.Batches;

    /// <summary>Requests handled since start (any outcome), for diagnostics and tests.</summary>
    public long RequestsHandled => Interlocked.Read(ref requestsHandled);

    /// <inheritdoc/>
    public bool Handles(string topic) => ShadowTopics.TryParseRequest(topic, out _, out _);

    /// <inheritdoc/>
    public async Task<IReadOnlyList<BrokerMessage>> HandleAsync(string topic, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        if (!ShadowTopics.TryParseRequest(topic, out var id, out var operation))
        {
            return [];
        }

        IReadOnlyList<ShadowResponse> responses;
        try
        {
            responses = await Committer.HandleAsync(id, operation, payload, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return []; // the connection is going away: the request is still applied, its replies have no one to go to
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
        return responses.Select(r => new BrokerMessage(ShadowTopics.Response(id, r.Kind), Encoding.UTF8.GetBytes(r.Json))).ToList();
    }

    /// <summary>Stores and answers what was taken, then stops taking requests. Never throws.</summary>
    public ValueTask DisposeAsync() => Committer.DisposeAsync();
}
