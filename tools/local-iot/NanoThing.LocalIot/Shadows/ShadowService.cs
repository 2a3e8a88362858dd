using System.Text;
using NanoThing.LocalIot.Broker;

namespace NanoThing.LocalIot.Shadows;

/// <summary>
/// The Device Shadow service inside the broker: claims every thing's get/update/delete request topics (classic and
/// named), hands each request to a <see cref="ShadowCommitter"/> over a <see cref="ShadowStore"/> (concurrent requests
/// of different things share one flush) and returns the replies the broker publishes at QoS 1 on the same shadow's
/// reply topics, in order. A request is stored (on disk) before the broker acknowledges it, so a crash can lose replies
/// but not an accepted update.
/// </summary>
/// <remarks>
/// The broker hands one client's requests over one at a time, so one thing's updates stay in order; the committer
/// serves things round-robin, so a busy thing delays another by at most one request per batch.
/// </remarks>
public sealed class ShadowService(ShadowStore store, TimeProvider time, Action<string>? log = null) : IBrokerService, IAsyncDisposable
{
    private readonly Action<string> log = log ?? (_ => { });
    private readonly ShadowCommitter committer = new(store, log: log);
    private long requestsHandled;

    /// <summary>The shadows this service serves.</summary>
    public ShadowStore Store { get; } = store;

    /// <summary>The one way the shadows change: this service's MQTT requests and the HTTPS data plane's go through it.</summary>
    public ShadowCommitter Committer => committer;

    /// <summary>Batches stored so far (each one flush), for diagnostics, tests and benchmarks.</summary>
    public long Batches => committer.Batches;

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
            responses = await committer.HandleAsync(id, operation, payload, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            throw; // the broker is stopping: the request is still applied, its reply is not sent
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

    /// <summary>Stores and answers the requests already taken, then stops. Never throws.</summary>
    public ValueTask DisposeAsync() => committer.DisposeAsync();
}
