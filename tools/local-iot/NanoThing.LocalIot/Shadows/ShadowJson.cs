using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NanoThing.LocalIot.Shadows;

/// <summary>
/// JSON text in and out for the shadow service: compact output that keeps non-ASCII text as UTF-8, and a
/// bounded reader that turns every malformed payload into a <see cref="ShadowError"/> instead of an exception.
/// </summary>
internal static class ShadowJson
{
    /// <summary>Deeper than this anywhere in a payload is rejected before a node tree is built.</summary>
    private const int MaxParseDepth = 64;

    private static readonly JsonSerializerOptions Output = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };

    private static readonly JsonDocumentOptions Input = new()
    {
        AllowDuplicateProperties = false,
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
        MaxDepth = MaxParseDepth + 1,
    };

    /// <summary>Compact JSON text of <paramref name="node"/>.</summary>
    public static string Write(JsonNode node) => node.ToJsonString(Output);

    /// <summary>UTF-8 size of the compact JSON text of <paramref name="node"/>.</summary>
    public static int Utf8Size(JsonNode node) => Encoding.UTF8.GetByteCount(Write(node));

    /// <summary>True when the payload is empty or only JSON whitespace (the documented "empty message").</summary>
    public static bool IsBlank(ReadOnlySpan<byte> payload)
    {
        foreach (var b in payload)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Reads a request payload whose root must be a JSON object. Returns null and sets
    /// <paramref name="root"/> on success; otherwise the error to reply with (413 too big, 415 not UTF-8,
    /// 400 too deep or invalid JSON, including duplicate keys and a non-object root). Never throws.
    /// </summary>
    public static ShadowError? TryReadObject(ReadOnlySpan<byte> payload, out JsonObject? root)
    {
        root = null;
        if (payload.Length > ShadowLimits.MaxRequestBytes)
        {
            return ShadowError.PayloadTooLarge;
        }

        if (!System.Text.Unicode.Utf8.IsValid(payload))
        {
            return ShadowError.UnsupportedEncoding;
        }

        var depth = MaxTokenDepth(payload);
        if (depth < 0)
        {
            return ShadowError.InvalidJson;
        }

        if (depth > MaxParseDepth)
        {
            return ShadowError.TooDeep;
        }

        try
        {
            using var document = JsonDocument.Parse(payload.ToArray(), Input);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return ShadowError.InvalidJson;
            }

            root = JsonObject.Create(document.RootElement.Clone());
            return null;
        }
        catch (JsonException)
        {
            return ShadowError.InvalidJson;
        }
    }

    /// <summary>Deepest token depth of well-formed JSON, or -1 when the text is not one JSON value.</summary>
    private static int MaxTokenDepth(ReadOnlySpan<byte> payload)
    {
        var reader = new Utf8JsonReader(payload, new JsonReaderOptions { MaxDepth = int.MaxValue });
        var max = 0;
        try
        {
            while (reader.Read())
            {
                max = Math.Max(max, reader.CurrentDepth);
            }

            return max;
        }
        catch (JsonException)
        {
            return -1;
        }
    }
}
