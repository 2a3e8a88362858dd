using System.Text.Json.Nodes;

namespace NanoThing.LocalIot.Shadows;

/// <summary>
/// Applies an update's section to the stored section (AWS's rules): only named fields change; null deletes
/// a field; objects merge down to the leaf; any other value (scalar, array) replaces the old value whole.
/// Every changed field gets a fresh metadata timestamp; untouched fields keep theirs.
/// </summary>
internal static class ShadowMerge
{
    /// <summary>Merges <paramref name="patch"/> into <paramref name="target"/> and its metadata.</summary>
    public static void Apply(JsonObject target, JsonObject targetMetadata, JsonObject patch, long timestamp)
    {
        foreach (var (key, value) in patch)
        {
            if (value is null)
            {
                target.Remove(key);
                targetMetadata.Remove(key);
                continue;
            }

            if (value is JsonObject patchChild)
            {
                if (target[key] is not JsonObject child)
                {
                    child = new JsonObject();
                    target[key] = child;
                    targetMetadata[key] = new JsonObject();
                }

                if (targetMetadata[key] is not JsonObject childMetadata)
                {
                    childMetadata = new JsonObject();
                    targetMetadata[key] = childMetadata;
                }

                Apply(child, childMetadata, patchChild, timestamp);
                if (child.Count == 0)
                {
                    target.Remove(key);
                    targetMetadata.Remove(key);
                }

                continue;
            }

            target[key] = value.DeepClone();
            targetMetadata[key] = ShadowMetadata.For(value, timestamp);
        }
    }
}
