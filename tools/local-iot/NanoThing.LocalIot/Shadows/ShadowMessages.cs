using System.Text.Json.Nodes;

namespace NanoThing.LocalIot.Shadows;

/// <summary>
/// Builds the response documents exactly as AWS documents them (device-shadow-document.md, data-flow.md).
/// Key order is fixed (state, metadata, version, timestamp, clientToken); <c>clientToken</c> appears only
/// when the request carried one. Pure: every input is copied.
/// </summary>
internal static class ShadowMessages
{
    /// <summary><c>/update/accepted</c>: only the sections and fields of the request, their metadata.</summary>
    public static string UpdateAccepted(UpdateRequest request, long version, long timestamp)
    {
        var state = new JsonObject();
        var metadata = new JsonObject();
        if (request.HasDesired)
        {
            state["desired"] = request.Desired?.DeepClone();
            metadata["desired"] = ShadowMetadata.For(request.Desired, timestamp);
        }

        if (request.HasReported)
        {
            state["reported"] = request.Reported?.DeepClone();
            metadata["reported"] = ShadowMetadata.For(request.Reported, timestamp);
        }

        return Finish(new JsonObject { ["state"] = state, ["metadata"] = metadata }, version, timestamp, request.ClientToken);
    }

    /// <summary><c>/update/delta</c>: the delta attributes directly under <c>state</c> (no desired wrapper).</summary>
    public static string Delta(JsonObject delta, JsonObject deltaMetadata, long version, long timestamp, string? clientToken) =>
        Finish(new JsonObject { ["state"] = delta.DeepClone(), ["metadata"] = deltaMetadata.DeepClone() }, version, timestamp, clientToken);

    /// <summary>
    /// <c>/update/documents</c>: <c>previous</c> (omitted when no document existed before the update) and
    /// <c>current</c>, each <c>{state,metadata,version}</c>.
    /// </summary>
    public static string Documents(ShadowRecord? previous, ShadowRecord current, long timestamp, string? clientToken)
    {
        var node = new JsonObject();
        if (previous is not null)
        {
            node["previous"] = Snapshot(previous);
        }

        node["current"] = Snapshot(current);
        node["timestamp"] = timestamp;
        AddToken(node, clientToken);
        return ShadowJson.Write(node);
    }

    /// <summary><c>/get/accepted</c>: desired, reported and delta (each only when not empty), metadata.</summary>
    public static string GetAccepted(ShadowRecord record, long timestamp, string? clientToken)
    {
        var state = record.StateNode();
        var (delta, _) = ShadowDelta.Compute(record);
        if (delta.Count > 0)
        {
            state["delta"] = delta;
        }

        return Finish(new JsonObject { ["state"] = state, ["metadata"] = record.MetadataNode() }, record.Version, timestamp, clientToken);
    }

    /// <summary><c>/delete/accepted</c>: <c>{"version":…,"timestamp":…}</c>.</summary>
    public static string DeleteAccepted(long version, long timestamp, string? clientToken) =>
        Finish(new JsonObject(), version, timestamp, clientToken);

    /// <summary><c>*/rejected</c>: <c>{"code":…,"message":"…","timestamp":…}</c>.</summary>
    public static string Rejected(ShadowError error, long timestamp, string? clientToken)
    {
        var node = new JsonObject { ["code"] = error.Code, ["message"] = error.Message, ["timestamp"] = timestamp };
        AddToken(node, clientToken);
        return ShadowJson.Write(node);
    }

    private static JsonObject Snapshot(ShadowRecord record) => new()
    {
        ["state"] = record.StateNode(),
        ["metadata"] = record.MetadataNode(),
        ["version"] = record.Version,
    };

    private static string Finish(JsonObject node, long version, long timestamp, string? clientToken)
    {
        node["version"] = version;
        node["timestamp"] = timestamp;
        AddToken(node, clientToken);
        return ShadowJson.Write(node);
    }

    private static void AddToken(JsonObject node, string? clientToken)
    {
        if (clientToken is not null)
        {
            node["clientToken"] = clientToken;
        }
    }
}
