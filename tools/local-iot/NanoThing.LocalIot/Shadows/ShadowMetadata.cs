using System.Text.Json.Nodes;

namespace NanoThing.LocalIot.Shadows;

/// <summary>
/// Builds metadata in AWS's shape: the value's shape with <c>{"timestamp":epoch}</c> at every leaf (null
/// included), objects mirrored key by key, and arrays mirrored element by element.
/// </summary>
internal static class ShadowMetadata
{
    /// <summary>Metadata of <paramref name="value"/> stamped with <paramref name="timestamp"/> (epoch seconds).</summary>
    public static JsonNode For(JsonNode? value, long timestamp) => value switch
    {
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)For(p.Value, timestamp)))),
        JsonArray a => new JsonArray(a.Select(e => (JsonNode?)For(e, timestamp)).ToArray()),
        _ => new JsonObject { ["timestamp"] = timestamp },
    };
}
