using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NanoThing.LocalIot.Shadows;

/// <summary>Reads the optional <c>clientToken</c> of a request (a string of at most 64 UTF-8 bytes).</summary>
internal static class ClientToken
{
    /// <summary>
    /// Returns null and sets <paramref name="token"/> (null when absent) when the token is valid;
    /// otherwise <see cref="ShadowError.InvalidClientToken"/> (not a string, or longer than 64 bytes).
    /// </summary>
    public static ShadowError? TryRead(JsonObject root, out string? token)
    {
        token = null;
        if (!root.TryGetPropertyValue("clientToken", out var node))
        {
            return null;
        }

        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.String)
        {
            return ShadowError.InvalidClientToken;
        }

        var text = value.GetValue<string>();
        if (Encoding.UTF8.GetByteCount(text) > ShadowLimits.MaxClientTokenBytes)
        {
            return ShadowError.InvalidClientToken;
        }

        token = text;
        return null;
    }
}
