namespace NanoThing.LocalIot.Shadows;

/// <summary>
/// Group commit in front of a <see cref="ShadowStore"/>: requests of many things are handled in batches, and
/// the records a batch changes are stored with one <see cref="IShadowRepository.SaveAll"/> (one flush with
/// <see cref="ShadowFileRepository"/>) before any of its answers is released. A batch takes what arrived while
/// the previous one was being stored: at most one request per thing, things in round-robin order, so one
/// thing's requests stay in order and a busy thing delays another by at most one request per batch. A thing
/// with <see cref="MaxInFlightPerThing"/> requests waiting or being stored gets 429 for the next one at once
/// (AWS: 10 in-flight shadow requests, aws-iot.md §1.8).
/// </summary>
public sealed class ShadowCommitter : IAsyncDisposable
{
    /// <summary>AWS's bound on in-flight shadow requests per thing (device-shadow-error-messages.html, 429).</summary>
    public const int DefaultMaxInFlightPerThing = 10;

    private readonly ShadowStore store;
    private readonly Action<string> log;
    private readonly object gate = new();
    private readonly Dictionary<string, Queue<Pending>> waiting = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> inFlight = new(StringComparer.Ordinal);
    private readonly Queue<string> ready = new();
    private readonly SemaphoreSlim wake = new(0);
    private readonly Task committing;
    private bool closed;
    private long batches;

    /// <summary>Starts committing for <paramref name="store"/> (which must not be used through <see cref="ShadowStore.Handle"/> meanwhile).</summary>
    /// <param name="store">The shadows.</param>
    /// <param name="maxInFlightPerThing">Requests per thing waiting or being stored before the next one gets 429.</param>
    /// <param name="log">Receives one line per failed batch.</param>
    public ShadowCommitter(ShadowStore store, int maxInFlightPerThing = DefaultMaxInFlightPerThing, Action<string>? log = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxInFlightPerThing, 1);
        this.store = store;
        this.log = log ?? (_ => { });
        MaxInFlightPerThing = maxInFlightPerThing;
        // its own thread: the loop blocks in fsync, and callers that block on an answer must not need a pool thread for it
        committing = Task.Factory.StartNew(CommitLoop, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Requests per thing waiting or being stored; one more gets 429 (ThrottlingException) without being handled.</summary>
    public int MaxInFlightPerThing { get; }

    /// <summary>Batches stored so far (diagnostics, tests and benchmarks).</summary>
    public long Batches => Interlocked.Read(ref batches);

    /// <summary>
    /// Handles one request to <paramref name="id"/>'s <paramref name="operation"/> topic: completes with the
    /// messages to publish, in order, once what it changed is on disk (a failed write: its 500 rejection). Never
    /// fails for any payload. The payload is copied before this returns. Requests of one thing complete in call
    /// order. <paramref name="cancellationToken"/> only stops the wait: a request already queued is still applied.
    /// Throws <see cref="ObjectDisposedException"/> after <see cref="DisposeAsync"/>.
    /// </summary>
    public Task<IReadOnlyList<ShadowResponse>> HandleAsync(ShadowId id, ShadowOperation operation, ReadOnlyMemory<byte> payload,
        CancellationToken cancellationToken = default)
    {
        var pending = new Pending(id, operation, payload.ToArray());
        if (!TryEnqueue(pending))
        {
            return Task.FromResult(store.Refuse(id, operation, payload.Span, ShadowError.TooManyRequests));
        }

        wake.Release();
        return pending.Answer.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Queues <paramref name="pending"/> behind its thing's requests; false when the thing has too many in flight.</summary>
    private bool TryEnqueue(Pending pending)
    {
        string thing = pending.Id.ThingName;
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(closed, this);
            int count = inFlight.GetValueOrDefault(thing);
            if (count >= MaxInFlightPerThing)
            {
                return false;
            }

            inFlight[thing] = count + 1;
            if (!waiting.TryGetValue(thing, out var queue))
            {
                waiting[thing] = queue = new Queue<Pending>();
            }

            queue.Enqueue(pending);
            if (queue.Count == 1)
            {
                ready.Enqueue(thing);
            }

            return true;
        }
    }

    /// <summary>Stops taking requests, stores and answers every request already taken, then returns. Never throws.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (gate)
        {
            if (closed)
            {
                return;
            }

            closed = true;
        }

        wake.Release();
        await committing;
    }

    private void CommitLoop()
    {
        while (true)
        {
            wake.Wait();
            var batch = TakeBatch(out bool finished);
            if (batch.Count > 0)
            {
                Commit(batch);
            }
            else if (finished)
            {
                return;
            }
        }
    }

    /// <summary>The head request of every thing that has one, in round-robin order; things with more go to the back.</summary>
    private List<Pending> TakeBatch(out bool finished)
    {
        lock (gate)
        {
            var batch = new List<Pending>(ready.Count);
            for (int n = ready.Count; n > 0; n--)
            {
                string thing = ready.Dequeue();
                var queue = waiting[thing];
                batch.Add(queue.Dequeue());
                if (queue.Count > 0)
                {
                    ready.Enqueue(thing);
                }
                else
                {
                    waiting.Remove(thing);
                }
            }

            finished = closed && ready.Count == 0;
            return batch;
        }
    }

    private void Commit(List<Pending> batch)
    {
        IReadOnlyList<ShadowResponse>[]? answers = null;
        Exception? failure = null;
        try
        {
            var decisions = new List<(ShadowId, ShadowDecision)>(batch.Count);
            foreach (var pending in batch)
            {
                decisions.Add((pending.Id, store.Decide(pending.Id, pending.Operation, pending.Payload)));
            }

            answers = store.Commit(decisions);
            Interlocked.Increment(ref batches);
        }
        catch (Exception e)
        {
            // A bug in the engine or the repository: the batch's callers get the exception, the other things go on.
            log("shadow committer: a batch of " + batch.Count + " requests failed (a bug, please report it): " + e);
            failure = e;
        }

        lock (gate)
        {
            foreach (var pending in batch)
            {
                int left = inFlight[pending.Id.ThingName] - 1;
                if (left == 0)
                {
                    inFlight.Remove(pending.Id.ThingName);
                }
                else
                {
                    inFlight[pending.Id.ThingName] = left;
                }
            }
        }

        for (int i = 0; i < batch.Count; i++)
        {
            if (answers is not null)
            {
                batch[i].Answer.TrySetResult(answers[i]);
            }
            else
            {
                batch[i].Answer.TrySetException(failure!);
            }
        }
    }

    private sealed class Pending(ShadowId id, ShadowOperation operation, byte[] payload)
    {
        public ShadowId Id { get; } = id;

        public ShadowOperation Operation { get; } = operation;

        public byte[] Payload { get; } = payload;

        public TaskCompletionSource<IReadOnlyList<ShadowResponse>> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
