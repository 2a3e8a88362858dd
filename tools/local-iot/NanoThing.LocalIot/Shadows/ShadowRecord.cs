using System.Text.Json.Nodes;

namespace NanoThing.LocalIot.Shadows;

/// <summary>
/// What the service keeps per shadow: the document (desired/reported state and their per-field metadata)
/// and the version counter, which outlives a delete. An absent section is an empty object; empty objects
/// are never stored (deleting the last key of an object removes the object).
/// </summary>
public sealed class ShadowRecord
{
    /// <summary>Version of the current document, or of the last one before a delete; 0 = never written.</summary>
    public long Version { get; set; }

    /// <summary>True while a document exists (false before the first update and after a delete).</summary>
    public bool Exists { get; set; }

    /// <summary>Epoch seconds of the delete that ended the last document, or null.</summary>
    public long? DeletedAt { get; set; }

    /// <summary>The desired state.</summary>
    public JsonObject Desired { get; set; } = new();

    /// <summary>The reported state.</summary>
    public JsonObject Reported { get; set; } = new();

    /// <summary>Per-field metadata of <see cref="Desired"/>: <c>{"timestamp":epoch}</c> per leaf, one per array element.</summary>
    public JsonObject DesiredMetadata { get; set; } = new();

    /// <summary>Per-field metadata of <see cref="Reported"/>.</summary>
    public JsonObject ReportedMetadata { get; set; } = new();

    /// <summary>A deep copy (the store mutates a copy and keeps it only once it is stored).</summary>
    public ShadowRecord Clone() => Copy(Version, Exists, DeletedAt, Desired, Reported, DesiredMetadata, ReportedMetadata);

    /// <summary>A record holding deep copies of the given sections.</summary>
    internal static ShadowRecord Copy(long version, bool exists, long? deletedAt, JsonObject desired, JsonObject reported,
        JsonObject desiredMetadata, JsonObject reportedMetadata) => new()
    {
        Version = version,
        Exists = exists,
        DeletedAt = deletedAt,
        Desired = (JsonObject)desired.DeepClone(),
        Reported = (JsonObject)reported.DeepClone(),
        DesiredMetadata = (JsonObject)desiredMetadata.DeepClone(),
        ReportedMetadata = (JsonObject)reportedMetadata.DeepClone(),
    };

    /// <summary><c>{"desired":…,"reported":…}</c> with only the non-empty sections.</summary>
    public JsonObject StateNode() => Sections(Desired, Reported);

    /// <summary><c>{"desired":…,"reported":…}</c> metadata with only the non-empty sections.</summary>
    public JsonObject MetadataNode() => Sections(DesiredMetadata, ReportedMetadata);

    private static JsonObject Sections(JsonObject desired, JsonObject reported)
    {
        var node = new JsonObject();
        if (desired.Count > 0)
        {
            node["desired"] = desired.DeepClone();
        }

        if (reported.Count > 0)
        {
            node["reported"] = reported.DeepClone();
        }

        return node;
    }
}
