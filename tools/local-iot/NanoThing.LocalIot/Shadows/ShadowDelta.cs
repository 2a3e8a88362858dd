using System.Text.Json.Nodes;

namespace NanoThing.LocalIot.Shadows;

/// <summary>
/// The delta between desired and reported (AWS's rules): every desired field whose value differs from
/// reported or is missing there, as the path from the root to the differing leaf; arrays and scalars are
/// compared whole; fields only in reported never appear. The delta's metadata is the desired metadata of
/// the same fields.
/// </summary>
internal static class ShadowDelta
{
    /// <summary>The delta state and its metadata; both empty when desired and reported agree.</summary>
    public static (JsonObject State, JsonObject Metadata) Compute(ShadowRecord record)
    {
        var state = new JsonObject();
        var metadata = new JsonObject();
        Diff(record.Desired, record.DesiredMetadata, record.Reported, state, metadata);
        return (state, metadata);
    }

    private static void Diff(JsonObject desired, JsonObject? desiredMetadata, JsonObject reported, JsonObject state, JsonObject metadata)
    {
        foreach (var (key, value) in desired)
        {
            var inReported = reported.TryGetPropertyValue(key, out var reportedValue);
            if (value is JsonObject desiredChild && reportedValue is JsonObject reportedChild)
            {
                var childState = new JsonObject();
                var childMetadata = new JsonObject();
                Diff(desiredChild, desiredMetadata?[key] as JsonObject, reportedChild, childState, childMetadata);
                if (childState.Count > 0)
                {
                    state[key] = childState;
                    metadata[key] = childMetadata;
                }
            }
            else if (!inReported || !JsonNode.DeepEquals(value, reportedValue))
            {
                state[key] = value?.DeepClone();
                metadata[key] = desiredMetadata?[key]?.DeepClone();
            }
        }
    }
}
