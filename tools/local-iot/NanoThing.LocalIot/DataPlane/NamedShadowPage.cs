using System.Text;
using System.Text.Json.Nodes;

namespace NanoThing.LocalIot.DataPlane;

/// <summary>
/// One page of ListNamedShadowsForThing: <c>{"results":[names],"nextToken":…,"timestamp":…}</c>
/// (device-shadow-document.html "Shadow name list response document"), <c>nextToken</c> only when more names follow.
/// The token is opaque to callers: the base64url of the last name of the page, so a page stays correct when shadows
/// are created or deleted between calls.
/// </summary>
public sealed class NamedShadowPage
{
    private NamedShadowPage(IReadOnlyList<string> results, string? nextToken)
    {
        Results = results;
        NextToken = nextToken;
    }

    /// <summary>The names on this page, in ordinal order.</summary>
    public IReadOnlyList<string> Results { get; }

    /// <summary>The token for the next page, or null on the last.</summary>
    public string? NextToken { get; }

    /// <summary>The page of <paramref name="names"/> (ordinal order) after <paramref name="nextToken"/>; null with a 400
    /// when the token was not made by this service.</summary>
    public static NamedShadowPage? Read(IReadOnlyList<string> names, int pageSize, string? nextToken, out IotDataError? error)
    {
        error = null;
        int start = 0;
        if (nextToken is not null)
        {
            if (!TryDecode(nextToken, out string? after))
            {
                error = IotDataError.InvalidRequest("Invalid nextToken: '" + nextToken + "' is not a token returned by ListNamedShadowsForThing.");
                return null;
            }

            while (start < names.Count && string.CompareOrdinal(names[start], after) <= 0)
            {
                start++;
            }
        }

        int count = Math.Min(pageSize, names.Count - start);
        var results = names.Skip(start).Take(count).ToList();
        return new NamedShadowPage(results, start + count < names.Count ? Encode(results[^1]) : null);
    }

    /// <summary>The response body.</summary>
    public string ToJson(long timestamp)
    {
        var document = new JsonObject { ["results"] = new JsonArray(Results.Select(name => (JsonNode?)JsonValue.Create(name)).ToArray()) };
        if (NextToken is not null)
        {
            document["nextToken"] = NextToken;
        }

        document["timestamp"] = timestamp;
        return document.ToJsonString();
    }

    private static string Encode(string name) => Convert.ToBase64String(Encoding.UTF8.GetBytes(name)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool TryDecode(string token, out string? name)
    {
        name = null;
        string base64 = token.Replace('-', '+').Replace('_', '/');
        base64 += new string('=', (4 - base64.Length % 4) % 4);
        var bytes = new byte[base64.Length];
        if (!Convert.TryFromBase64String(base64, bytes, out int written))
        {
            return false;
        }

        name = Encoding.UTF8.GetString(bytes, 0, written);
        return Shadows.ShadowNames.IsValidShadowName(name);
    }
}
