using System.Text.Json.Nodes;

namespace NanoThing.LocalIot.Shadows;

/// <summary>
/// The Device Shadow engine: every classic and named shadow of every thing, and AWS's rules for get,
/// update and delete (reference aws-iot.md §1). Pure apart from the injected clock and the optional
/// repository: a request in, the messages to publish out. Thread-safe (one request at a time); a
/// <see cref="ShadowCommitter"/> in front of it groups the writes of many things into one flush.
/// </summary>
/// <remarks>
/// Choices where AWS's documentation is silent: <c>{"state":null}</c> clears both sections (the shadow and
/// its version stay); an array holding null and a node in <c>state</c> other than desired/reported get 400
/// "State contains an invalid node"; empty objects are not stored; <c>/update/delta</c> is published after
/// every accepted update that leaves a non-empty delta (with the whole delta); <c>previous</c> is omitted
/// from <c>/update/documents</c> when no document existed; get/delete accept an empty payload or a JSON
/// object whose only meaningful member is <c>clientToken</c>. A shadow deleted more than 48 hours ago starts
/// again at version 0 (the next update gives version 1).
/// </remarks>
public sealed class ShadowStore
{
    /// <summary>After this long, a deleted shadow's version counter restarts (AWS: 48 hours).</summary>
    public static readonly TimeSpan VersionMemoryAfterDelete = TimeSpan.FromHours(48);

    private readonly object gate = new();
    private readonly TimeProvider time;
    private readonly IShadowRepository? repository;
    private readonly Action<string> log;
    private readonly Dictionary<ShadowId, ShadowRecord> records = new();
    private readonly Dictionary<ShadowId, string> unavailable = new();

    /// <summary>
    /// Creates the store and loads every shadow from <paramref name="repository"/> (none: memory only).
    /// A shadow whose file cannot be read is answered with 500 until its file is fixed and the service
    /// restarted; its file is never overwritten. <paramref name="log"/> receives one line per problem.
    /// </summary>
    public ShadowStore(TimeProvider time, IShadowRepository? repository = null, Action<string>? log = null)
    {
        this.time = time;
        this.repository = repository;
        this.log = log ?? (_ => { });
        if (repository is null)
        {
            LoadFailures = [];
            return;
        }

        var loaded = repository.LoadAll();
        foreach (var (id, record) in loaded.Records)
        {
            records[id] = record;
        }

        foreach (var failure in loaded.Failures)
        {
            this.log(failure.Message);
            if (failure.Id is { } id)
            {
                unavailable[id] = failure.Message;
            }
        }

        LoadFailures = loaded.Failures;
    }

    /// <summary>The stored shadows that could not be read at start.</summary>
    public IReadOnlyList<ShadowLoadFailure> LoadFailures { get; }

    /// <summary>
    /// Handles one request published to <paramref name="id"/>'s <paramref name="operation"/> topic and
    /// returns the messages to publish, in order, once a change is stored (one durable write per request).
    /// Never throws for any payload. For many things at once use a <see cref="ShadowCommitter"/> over this
    /// store (concurrent updates share one flush); do not mix both on one store.
    /// </summary>
    public IReadOnlyList<ShadowResponse> Handle(ShadowId id, ShadowOperation operation, ReadOnlySpan<byte> payload)
    {
        lock (gate)
        {
            var decision = Decide(id, operation, payload);
            if (decision.Write is null)
            {
                return decision.Responses;
            }

            if (repository is not null && !repository.TrySave(id, decision.Write, out var message))
            {
                log(message ?? ("could not store shadow " + id));
                return decision.IfWriteFails;
            }

            records[id] = decision.Write;
            return decision.Responses;
        }
    }

    /// <summary>
    /// What <paramref name="operation"/> on <paramref name="id"/> would do against the stored shadows: the
    /// responses and the record to store first (nothing is changed). Never throws for any payload.
    /// </summary>
    internal ShadowDecision Decide(ShadowId id, ShadowOperation operation, ReadOnlySpan<byte> payload)
    {
        lock (gate)
        {
            var now = time.GetUtcNow().ToUnixTimeSeconds();
            return operation switch
            {
                ShadowOperation.Get => Get(id, payload, now),
                ShadowOperation.Update => Update(id, payload, now),
                ShadowOperation.Delete => Delete(id, payload, now),
                _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, "unknown shadow operation"),
            };
        }
    }

    /// <summary>
    /// Stores the records of <paramref name="decisions"/> (each for a different shadow) with one
    /// <see cref="IShadowRepository.SaveAll"/>, then makes them current; returns each decision's responses,
    /// or its 500 rejection when its record could not be stored.
    /// </summary>
    internal IReadOnlyList<ShadowResponse>[] Commit(IReadOnlyList<(ShadowId Id, ShadowDecision Decision)> decisions)
    {
        var writes = new List<ShadowWrite>();
        foreach (var (id, decision) in decisions)
        {
            if (decision.Write is not null)
            {
                writes.Add(new ShadowWrite(id, decision.Write));
            }
        }

        var errors = writes.Count == 0 || repository is null ? null : repository.SaveAll(writes);
        var answers = new IReadOnlyList<ShadowResponse>[decisions.Count];
        lock (gate)
        {
            int written = 0;
            for (int i = 0; i < decisions.Count; i++)
            {
                var (id, decision) = decisions[i];
                answers[i] = decision.Responses;
                if (decision.Write is null)
                {
                    continue;
                }

                var error = errors?[written];
                written++;
                if (error is not null)
                {
                    log(error);
                    answers[i] = decision.IfWriteFails;
                    continue;
                }

                records[id] = decision.Write;
            }
        }

        return answers;
    }

    /// <summary>The rejection of a request refused before it is handled (e.g. 429), echoing its clientToken when readable.</summary>
    internal IReadOnlyList<ShadowResponse> Refuse(ShadowId id, ShadowOperation operation, ReadOnlySpan<byte> payload, ShadowError error)
    {
        string? token;
        if (operation == ShadowOperation.Update)
        {
            UpdateRequest.TryParse(payload, out _, out token);
        }
        else
        {
            ReadTokenOnly(payload, out token);
        }

        return [Reject(RejectedKind(operation), error, time.GetUtcNow().ToUnixTimeSeconds(), token)];
    }

    /// <summary>A copy of the stored document as <c>/get/accepted</c> would show it, or null when none exists.</summary>
    public JsonObject? Read(ShadowId id)
    {
        lock (gate)
        {
            return records.TryGetValue(id, out var record) && record.Exists
                ? JsonNode.Parse(ShadowMessages.GetAccepted(record, time.GetUtcNow().ToUnixTimeSeconds(), null))!.AsObject()
                : null;
        }
    }

    /// <summary>
    /// The names of <paramref name="thingName"/>'s named shadows that exist now (deleted ones excluded), in ordinal
    /// order: what ListNamedShadowsForThing lists (the classic shadow never appears there, device-shadow-rest-api.html).
    /// </summary>
    public IReadOnlyList<string> NamedShadows(string thingName)
    {
        lock (gate)
        {
            return records.Where(r => r.Key.ThingName == thingName && !r.Key.IsClassic && r.Value.Exists)
                .Select(r => r.Key.ShadowName).Order(StringComparer.Ordinal).ToList();
        }
    }

    /// <summary>The things that have at least one shadow now (classic or named), in ordinal order (the local console's list).</summary>
    public IReadOnlyList<string> ThingNames()
    {
        lock (gate)
        {
            return records.Where(r => r.Value.Exists).Select(r => r.Key.ThingName).Distinct().Order(StringComparer.Ordinal).ToList();
        }
    }

    private ShadowDecision Update(ShadowId id, ReadOnlySpan<byte> payload, long now)
    {
        var error = UpdateRequest.TryParse(payload, out var request, out var token);
        if (error is not null || IsUnavailable(id, out error))
        {
            return Answer(Reject(ShadowResponseKind.UpdateRejected, error!, now, token));
        }

        var current = records.GetValueOrDefault(id);
        var counter = CurrentVersion(current, now);
        if (request!.Version is { } expected && expected != counter)
        {
            return Answer(Reject(ShadowResponseKind.UpdateRejected, ShadowError.VersionConflict, now, token));
        }

        var next = current is { Exists: true } ? current.Clone() : new ShadowRecord();
        Apply(next.Desired, next.DesiredMetadata, request.HasDesired, request.Desired, now);
        Apply(next.Reported, next.ReportedMetadata, request.HasReported, request.Reported, now);
        if (StateSize(next) > ShadowLimits.MaxStateBytes)
        {
            return Answer(Reject(ShadowResponseKind.UpdateRejected, ShadowError.PayloadTooLarge, now, token));
        }

        next.Version = counter + 1;
        next.Exists = true;
        next.DeletedAt = null;
        var responses = new List<ShadowResponse>
        {
            new(ShadowResponseKind.UpdateAccepted, ShadowMessages.UpdateAccepted(request, next.Version, now)),
        };
        var (delta, deltaMetadata) = ShadowDelta.Compute(next);
        if (delta.Count > 0)
        {
            responses.Add(new(ShadowResponseKind.UpdateDelta, ShadowMessages.Delta(delta, deltaMetadata, next.Version, now, token)));
        }

        var previous = current is { Exists: true } ? current : null;
        responses.Add(new(ShadowResponseKind.UpdateDocuments, ShadowMessages.Documents(previous, next, now, token)));
        return new ShadowDecision(responses, next, [Reject(ShadowResponseKind.UpdateRejected, ShadowError.InternalFailure, now, token)]);
    }

    private ShadowDecision Get(ShadowId id, ReadOnlySpan<byte> payload, long now)
    {
        var error = ReadTokenOnly(payload, out var token);
        if (error is not null || IsUnavailable(id, out error))
        {
            return Answer(Reject(ShadowResponseKind.GetRejected, error!, now, token));
        }

        if (!records.TryGetValue(id, out var record) || !record.Exists)
        {
            return Answer(Reject(ShadowResponseKind.GetRejected, ShadowError.NoShadow(id), now, token));
        }

        return Answer(new(ShadowResponseKind.GetAccepted, ShadowMessages.GetAccepted(record, now, token)));
    }

    private ShadowDecision Delete(ShadowId id, ReadOnlySpan<byte> payload, long now)
    {
        var error = ReadTokenOnly(payload, out var token);
        if (error is not null || IsUnavailable(id, out error))
        {
            return Answer(Reject(ShadowResponseKind.DeleteRejected, error!, now, token));
        }

        if (!records.TryGetValue(id, out var record) || !record.Exists)
        {
            return Answer(Reject(ShadowResponseKind.DeleteRejected, ShadowError.NoShadow(id), now, token));
        }

        var tombstone = new ShadowRecord { Version = record.Version, Exists = false, DeletedAt = now };
        return new ShadowDecision([new(ShadowResponseKind.DeleteAccepted, ShadowMessages.DeleteAccepted(record.Version, now, token))],
            tombstone, [Reject(ShadowResponseKind.DeleteRejected, ShadowError.InternalFailure, now, token)]);
    }

    /// <summary>get/delete payloads: empty, or a JSON object (only its clientToken is used).</summary>
    private static ShadowError? ReadTokenOnly(ReadOnlySpan<byte> payload, out string? token)
    {
        token = null;
        if (ShadowJson.IsBlank(payload))
        {
            return null;
        }

        var error = ShadowJson.TryReadObject(payload, out var root);
        return error ?? ClientToken.TryRead(root!, out token);
    }

    private static long CurrentVersion(ShadowRecord? record, long now)
    {
        if (record is null)
        {
            return 0;
        }

        var forgotten = !record.Exists && record.DeletedAt is { } deletedAt
            && now - deletedAt > (long)VersionMemoryAfterDelete.TotalSeconds;
        return forgotten ? 0 : record.Version;
    }

    private static void Apply(JsonObject section, JsonObject metadata, bool named, JsonObject? patch, long now)
    {
        if (!named)
        {
            return;
        }

        if (patch is null)
        {
            section.Clear();
            metadata.Clear();
            return;
        }

        ShadowMerge.Apply(section, metadata, patch, now);
    }

    private static int StateSize(ShadowRecord record) =>
        (record.Desired.Count > 0 ? ShadowJson.Utf8Size(record.Desired) : 0)
        + (record.Reported.Count > 0 ? ShadowJson.Utf8Size(record.Reported) : 0);

    private bool IsUnavailable(ShadowId id, out ShadowError? error)
    {
        error = unavailable.ContainsKey(id) ? ShadowError.InternalFailure : null;
        return error is not null;
    }

    private static ShadowResponse Reject(ShadowResponseKind kind, ShadowError error, long now, string? token) =>
        new(kind, ShadowMessages.Rejected(error, now, token));

    private static ShadowDecision Answer(ShadowResponse response) => new([response], null, []);

    private static ShadowResponseKind RejectedKind(ShadowOperation operation) => operation switch
    {
        ShadowOperation.Get => ShadowResponseKind.GetRejected,
        ShadowOperation.Update => ShadowResponseKind.UpdateRejected,
        _ => ShadowResponseKind.DeleteRejected,
    };
}
