using System.Text.Json.Nodes;

namespace NanoThing.LocalIot.Broker;

/// <summary>
/// AWS IoT lifecycle events (ARCH:life-cycle-events.md; reference local-aws-iot.md §4.3): topics and JSON of the
/// connected and disconnected events, and the per-client-id <c>versionNumber</c> that a connect and its disconnect share.
/// </summary>
public sealed class LifecycleEvents
{
    /// <summary>Topic prefixes of the presence events.</summary>
    public const string ConnectedPrefix = "$aws/events/presence/connected/", DisconnectedPrefix = "$aws/events/presence/disconnected/";

    private readonly Dictionary<string, long> versions = [];

    /// <summary>False for client ids that get no events: those containing <c>#</c> or <c>+</c> (AWS: no events for them).</summary>
    public static bool HasEvents(string clientId) => clientId.IndexOfAny(['#', '+']) < 0;

    /// <summary>The next version number for a new connection of <paramref name="clientId"/>.</summary>
    public long NextVersion(string clientId)
    {
        lock (versions)
        {
            versions.TryGetValue(clientId, out long version);
            versions[clientId] = version + 1;
            return version + 1;
        }
    }

    /// <summary>The connected event's payload.</summary>
    public static string Connected(string clientId, long timestampMs, string sessionIdentifier, string principal, string ipAddress, long version) => new JsonObject
    {
        ["clientId"] = clientId,
        ["timestamp"] = timestampMs,
        ["eventType"] = "connected",
        ["sessionIdentifier"] = sessionIdentifier,
        ["principalIdentifier"] = principal,
        ["ipAddress"] = ipAddress,
        ["versionNumber"] = version,
    }.ToJsonString();

    /// <summary>The disconnected event's payload; <paramref name="reason"/> is one of AWS's DisconnectReasonValue names.</summary>
    public static string Disconnected(string clientId, long timestampMs, string sessionIdentifier, string principal, bool clientInitiated, string reason, long version) => new JsonObject
    {
        ["clientId"] = clientId,
        ["timestamp"] = timestampMs,
        ["eventType"] = "disconnected",
        ["clientInitiatedDisconnect"] = clientInitiated,
        ["sessionIdentifier"] = sessionIdentifier,
        ["principalIdentifier"] = principal,
        ["disconnectReason"] = reason,
        ["versionNumber"] = version,
    }.ToJsonString();
}
