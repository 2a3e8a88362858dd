using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NanoThing.LocalIot.Shadows;

/// <summary>
/// The on-disk form of one <see cref="ShadowRecord"/> (format 1):
/// <c>{"format":1,"thing":"…","shadow":"…","version":N,"exists":true,"deletedAt":null,
/// "state":{"desired":{…},"reported":{…}},"metadata":{"desired":{…},"reported":{…}}}</c>.
/// The names inside must match the file name, so a file copied to the wrong name is refused.
/// </summary>
internal static class ShadowRecordFile
{
    private const int Format = 1;

    /// <summary>The UTF-8 bytes to store for <paramref name="record"/>.</summary>
    public static byte[] Write(ShadowId id, ShadowRecord record)
    {
        var node = new JsonObject
        {
            ["format"] = Format,
            ["thing"] = id.ThingName,
            ["shadow"] = id.ShadowName,
            ["version"] = record.Version,
            ["exists"] = record.Exists,
            ["deletedAt"] = record.DeletedAt,
            ["state"] = new JsonObject { ["desired"] = record.Desired.DeepClone(), ["reported"] = record.Reported.DeepClone() },
            ["metadata"] = new JsonObject { ["desired"] = record.DesiredMetadata.DeepClone(), ["reported"] = record.ReportedMetadata.DeepClone() },
        };
        return Encoding.UTF8.GetBytes(ShadowJson.Write(node) + "\n");
    }

    /// <summary>Reads a stored record; false with the reason (a phrase) when the content is not one. Never throws.</summary>
    public static bool TryRead(ShadowId id, byte[] content, out ShadowRecord? record, out string reason)
    {
        record = null;
        JsonObject root;
        try
        {
            root = JsonNode.Parse(content, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false }) as JsonObject
                ?? throw new JsonException("the root is not an object");
            _ = root.Count;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
        {
            reason = "it is not valid JSON (" + e.Message + ")";
            return false;
        }

        if (!TryInt(root, "format", out var format) || format != Format)
        {
            reason = "\"format\" is not " + Format;
            return false;
        }

        if (Text(root, "thing") != id.ThingName || Text(root, "shadow") != id.ShadowName)
        {
            reason = "its \"thing\"/\"shadow\" do not match the file name";
            return false;
        }

        if (!TryInt(root, "version", out var version) || version < 0 || root["exists"] is not JsonValue existsValue
            || !existsValue.TryGetValue(out bool exists))
        {
            reason = "\"version\" or \"exists\" is missing or not a number/boolean";
            return false;
        }

        long? deletedAt = null;
        if (root["deletedAt"] is not null)
        {
            if (!TryInt(root, "deletedAt", out var at))
            {
                reason = "\"deletedAt\" is not a number";
                return false;
            }

            deletedAt = at;
        }

        if (root["state"] is not JsonObject state || root["metadata"] is not JsonObject metadata
            || state["desired"] is not JsonObject desired || state["reported"] is not JsonObject reported
            || metadata["desired"] is not JsonObject desiredMetadata || metadata["reported"] is not JsonObject reportedMetadata)
        {
            reason = "\"state\" or \"metadata\" does not hold desired and reported objects";
            return false;
        }

        record = ShadowRecord.Copy(version, exists, deletedAt, desired, reported, desiredMetadata, reportedMetadata);
        reason = "";
        return true;
    }

    private static string? Text(JsonObject root, string name) =>
        root[name] is JsonValue value && value.TryGetValue(out string? text) ? text : null;

    private static bool TryInt(JsonObject root, string name, out long number)
    {
        number = 0;
        return root[name] is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue(out number);
    }
}
