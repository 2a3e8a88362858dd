using System.Text.Json;
using System.Text.Json.Nodes;
using NanoThing.LocalIot.Broker;
using NanoThing.LocalIot.Pki;
using NanoThing.LocalIot.Registry;
using NanoThing.LocalIot.Shadows;

namespace NanoThing.LocalIot.WebConsole;

/// <summary>
/// What the console knows about things beyond their shadow documents (which it reads from the store): connection
/// state, last seen and certificate from the broker's lifecycle events; the numeric reported values over time (from
/// each classic shadow's <c>update/accepted</c>, with the metadata timestamps); the last updates of each shadow (as
/// <c>update/documents</c> carries them). Fed by <see cref="Observe"/> with every message the console's own broker
/// connection receives; each change is sent to the open pages through <see cref="ConsoleEvents"/>.
/// </summary>
public sealed class ThingDirectory(ShadowStore store, ConsoleEvents events, LocalRegistry? registry = null)
{
    /// <summary>Points kept per thing and value (older ones are dropped).</summary>
    public const int MaxPoints = 5000;

    /// <summary>Updates kept per shadow.</summary>
    public const int MaxActivity = 20;

    private readonly object gate = new();
    private readonly Dictionary<string, Presence> presence = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, List<double[]>>> series = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LinkedList<JsonNode>> activity = new(StringComparer.Ordinal);

    /// <summary>The connection state of one client id as the lifecycle events told it.</summary>
    public sealed record Presence(bool Connected, long LastSeenMs, string CertificateId, string? DisconnectReason);

    /// <summary>Marks <paramref name="clientIds"/> connected (the broker's list when the console starts) and records
    /// one point per numeric reported value of every classic shadow already stored.</summary>
    public void Seed(IEnumerable<string> clientIds, long nowMs)
    {
        lock (gate)
        {
            foreach (string clientId in clientIds)
            {
                presence.TryAdd(clientId, new Presence(true, nowMs, "", null));
            }
        }

        foreach (string thing in store.ThingNames())
        {
            if (store.Read(ShadowId.Classic(thing)) is { } document)
            {
                AddPoints(thing, document["state"]?["reported"] as JsonObject, document["metadata"]?["reported"] as JsonObject, nowMs);
            }
        }
    }

    /// <summary>After the console's watcher was away from the broker: the broker's list of connected client ids replaces what
    /// the lifecycle events last said (a client that left meanwhile is marked disconnected, one that came is marked
    /// connected), and the pages hear of every change.</summary>
    public void RefreshPresence(IEnumerable<string> clientIds, long nowMs)
    {
        var connected = clientIds.ToHashSet(StringComparer.Ordinal);
        var changed = new List<(string ClientId, bool Connected)>();
        lock (gate)
        {
            foreach (var (clientId, state) in presence.ToList())
            {
                if (state.Connected && !connected.Contains(clientId))
                {
                    presence[clientId] = state with { Connected = false, LastSeenMs = nowMs, DisconnectReason = "left while the console was not watching" };
                    changed.Add((clientId, false));
                }
            }

            foreach (string clientId in connected)
            {
                if (!presence.TryGetValue(clientId, out var state) || !state.Connected)
                {
                    presence[clientId] = state is null ? new Presence(true, nowMs, "", null) : state with { Connected = true, LastSeenMs = nowMs, DisconnectReason = null };
                    changed.Add((clientId, true));
                }
            }
        }

        foreach (var (clientId, isConnected) in changed)
        {
            events.Publish("thing", new { thing = clientId, connected = isConnected });
        }
    }

    /// <summary>Takes one message the console's broker connection received.</summary>
    public void Observe(string topic, byte[] payload)
    {
        JsonObject? message;
        try
        {
            message = JsonNode.Parse(payload) as JsonObject;
        }
        catch (JsonException)
        {
            return;
        }

        if (message is null)
        {
            return;
        }

        if (topic.StartsWith(LifecycleEvents.ConnectedPrefix, StringComparison.Ordinal) || topic.StartsWith(LifecycleEvents.DisconnectedPrefix, StringComparison.Ordinal))
        {
            ObservePresence(message);
            return;
        }

        if (!ShadowReplyTopic.TryParse(topic, out var id, out var kind))
        {
            return;
        }

        if (kind == ShadowResponseKind.UpdateAccepted && id.IsClassic)
        {
            long at = ((long?)message["timestamp"] ?? 0) * 1000;
            AddPoints(id.ThingName, message["state"]?["reported"] as JsonObject, message["metadata"]?["reported"] as JsonObject, at);
        }
        else if (kind == ShadowResponseKind.UpdateDocuments)
        {
            lock (gate)
            {
                string key = id.ToString();
                if (!activity.TryGetValue(key, out var list))
                {
                    activity[key] = list = new LinkedList<JsonNode>();
                }

                list.AddFirst(message.DeepClone());
                while (list.Count > MaxActivity)
                {
                    list.RemoveLast();
                }
            }
        }

        if (kind is ShadowResponseKind.UpdateAccepted or ShadowResponseKind.DeleteAccepted or ShadowResponseKind.UpdateDocuments)
        {
            events.Publish("shadow", new { thing = id.ThingName, shadow = id.ShadowName, kind = kind.ToString() });
        }
    }

    /// <summary>Every registered thing and every thing with a shadow or a connection, with its summary, in ordinal order.</summary>
    public IReadOnlyList<ThingSummary> Things()
    {
        var names = new SortedSet<string>(store.ThingNames(), StringComparer.Ordinal);
        names.UnionWith(registry?.ThingNames() ?? []);
        lock (gate)
        {
            foreach (string clientId in presence.Keys)
            {
                if (ThingName.Validate(clientId) is null)
                {
                    names.Add(clientId);
                }
            }
        }

        return names.Select(Summary).ToList();
    }

    /// <summary>The summary of <paramref name="thing"/> (it may have neither shadow nor connection yet).</summary>
    public ThingSummary Summary(string thing)
    {
        var classic = store.Read(ShadowId.Classic(thing));
        Presence? seen;
        lock (gate)
        {
            presence.TryGetValue(thing, out seen);
        }

        long? lastUpdate = (long?)classic?["timestamp"] * 1000;
        long? lastSeen = seen?.LastSeenMs;
        var (certificateId, certificateStatus) = Certificate(thing, seen is null || seen.CertificateId.Length == 0 ? null : seen.CertificateId);
        return new ThingSummary(thing, seen?.Connected ?? false, seen is null ? null : seen.DisconnectReason,
            Max(lastSeen, seen?.Connected == true ? null : lastUpdate), (long?)classic?["version"], store.NamedShadows(thing),
            certificateId, certificateStatus);
    }

    // The certificate of the thing's last connection, else the last one attached to it in the registry; its status as the
    // registry has it now (AWS: ACTIVE, INACTIVE, REVOKED), null without a registry or for a certificate it does not hold.
    private (string? Id, string? Status) Certificate(string thing, string? connectedWith)
    {
        if (registry is null) return (connectedWith, null);
        var record = connectedWith is null ? registry.CertificatesOf(thing).LastOrDefault() : registry.Certificate(connectedWith);
        return (connectedWith ?? record?.Id, record?.Status.ToString().ToUpperInvariant());
    }

    /// <summary>The numeric reported values of <paramref name="thing"/>'s classic shadow over time: name → [[ms, value], …].</summary>
    public Dictionary<string, List<double[]>> Series(string thing, long sinceMs)
    {
        lock (gate)
        {
            return series.TryGetValue(thing, out var byName)
                ? byName.ToDictionary(p => p.Key, p => p.Value.Where(point => point[0] >= sinceMs).ToList(), StringComparer.Ordinal)
                : [];
        }
    }

    /// <summary>The last updates of one shadow, newest first (each an <c>update/documents</c> message).</summary>
    public IReadOnlyList<JsonNode> Activity(ShadowId id)
    {
        lock (gate)
        {
            return activity.TryGetValue(id.ToString(), out var list) ? list.Select(n => n.DeepClone()).ToList() : [];
        }
    }

    private void ObservePresence(JsonObject message)
    {
        string clientId = (string?)message["clientId"] ?? "";
        bool connected = (string?)message["eventType"] == "connected";
        var state = new Presence(connected, (long?)message["timestamp"] ?? 0, (string?)message["principalIdentifier"] ?? "", connected ? null : (string?)message["disconnectReason"]);
        lock (gate)
        {
            presence[clientId] = state;
        }

        events.Publish("thing", new { thing = clientId, connected });
    }

    private void AddPoints(string thing, JsonObject? reported, JsonObject? metadata, long fallbackMs)
    {
        if (reported is null)
        {
            return;
        }

        var added = new List<string>();
        lock (gate)
        {
            if (!series.TryGetValue(thing, out var byName))
            {
                series[thing] = byName = new Dictionary<string, List<double[]>>(StringComparer.Ordinal);
            }

            foreach (var (name, value) in reported)
            {
                if (value is not JsonValue number || number.GetValueKind() != JsonValueKind.Number)
                {
                    continue;
                }

                long at = (long?)metadata?[name]?["timestamp"] is long seconds ? seconds * 1000 : fallbackMs;
                if (!byName.TryGetValue(name, out var points))
                {
                    byName[name] = points = [];
                }

                if (points.Count > 0 && points[^1][0] > at)
                {
                    continue; // AWS's timestamps are seconds: keep the series in order
                }

                points.Add([at, number.GetValue<double>()]);
                if (points.Count > MaxPoints)
                {
                    points.RemoveAt(0);
                }

                added.Add(name);
            }
        }

        if (added.Count > 0)
        {
            events.Publish("points", new { thing, names = added });
        }
    }

    private static long? Max(long? a, long? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);
}

/// <summary>One row of the console's things list.</summary>
/// <param name="Name">The thing name.</param>
/// <param name="Connected">True while a client with the thing's name as client id is connected.</param>
/// <param name="DisconnectReason">AWS's disconnectReason of the last disconnect, else null.</param>
/// <param name="LastSeenMs">Last lifecycle event or shadow update (Unix ms), else null.</param>
/// <param name="ShadowVersion">The classic shadow's version, null when it has none.</param>
/// <param name="NamedShadows">Its named shadows.</param>
/// <param name="CertificateId">The certificate id of its last connection (AWS: SHA-256 of the DER), null when not seen.</param>
/// <param name="CertificateStatus">The certificate's status in the registry: ACTIVE, INACTIVE or REVOKED; null when unknown.</param>
public sealed record ThingSummary(string Name, bool Connected, string? DisconnectReason, long? LastSeenMs, long? ShadowVersion, IReadOnlyList<string> NamedShadows, string? CertificateId, string? CertificateStatus);
