using System.Security.Cryptography;
using System.Text;

namespace NanoThing.LocalIot.DataPlane.Auth;

/// <summary>
/// The canonical request of Signature Version 4 (reference_sigv-create-signed-request.html, step 1):
/// <c>METHOD \n CanonicalURI \n CanonicalQuery \n CanonicalHeaders \n SignedHeaders \n HashedPayload</c>, built from
/// the request as received. Pure.
/// </summary>
public static class SigV4Canonical
{
    /// <summary>The lower-case hex SHA-256 of the empty body.</summary>
    public const string EmptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    /// <summary>
    /// The canonical request. <paramref name="canonicalUri"/> comes from <see cref="Uri"/>; the query from the raw
    /// target; a header named in <paramref name="signedHeaders"/> but absent from the request contributes an empty value
    /// (the signature then cannot match one made over a present header).
    /// </summary>
    public static string Request(string method, string canonicalUri, string rawQuery, SigV4Request request, IReadOnlyList<string> signedHeaders, string payloadHash)
    {
        var text = new StringBuilder();
        text.Append(method).Append('\n').Append(canonicalUri).Append('\n').Append(Query(rawQuery)).Append('\n');
        foreach (string name in signedHeaders)
        {
            text.Append(name).Append(':').Append(string.Join(',', request.Values(name).Select(HeaderValue))).Append('\n');
        }

        text.Append('\n').Append(string.Join(';', signedHeaders)).Append('\n').Append(payloadHash);
        return text.ToString();
    }

    /// <summary>
    /// The canonical URIs a client may have signed for raw path <paramref name="rawPath"/>: every service except S3
    /// URI-encodes the (already percent-encoded) path once more, keeping '/', so <c>/topics/%24aws%2Fx</c> becomes
    /// <c>/topics/%2524aws%252Fx</c> (IAM: "each path segment must be URI-encoded twice"; botocore observed). First the
    /// path as sent, then, when different, the path with "." / ".." and empty segments removed as botocore normalizes it
    /// (<c>remove_dot_segments</c>). An empty path is "/".
    /// </summary>
    public static IReadOnlyList<string> UriCandidates(string rawPath)
    {
        string path = rawPath.Length == 0 ? "/" : rawPath;
        string plain = Encode(path, keepSlash: true);
        string normalized = Encode(Normalize(path), keepSlash: true);
        return plain == normalized ? [plain] : [plain, normalized];
    }

    /// <summary>
    /// The canonical query: each <c>name=value</c> pair of <paramref name="rawQuery"/> (without '?') percent-decoded
    /// and URI-encoded again (so any equivalent encoding a client sent verifies), sorted by name then value, joined by
    /// '&amp;'; a pair without '=' has an empty value. '+' is a literal plus, not a space.
    /// </summary>
    public static string Query(string rawQuery)
    {
        if (rawQuery.Length == 0) return "";
        var pairs = new List<(string Name, string Value)>();
        foreach (string pair in rawQuery.Split('&'))
        {
            if (pair.Length == 0) continue;
            int equals = pair.IndexOf('=');
            string name = equals < 0 ? pair : pair[..equals];
            string value = equals < 0 ? "" : pair[(equals + 1)..];
            pairs.Add((Encode(Decode(name), keepSlash: false), Encode(Decode(value), keepSlash: false)));
        }

        pairs.Sort((a, b) =>
        {
            int byName = string.CompareOrdinal(a.Name, b.Name);
            return byName != 0 ? byName : string.CompareOrdinal(a.Value, b.Value);
        });
        return string.Join('&', pairs.Select(pair => pair.Name + "=" + pair.Value));
    }

    /// <summary>A header value as signed: leading and trailing whitespace trimmed, inner runs of spaces collapsed to one.</summary>
    public static string HeaderValue(string value)
    {
        var text = new StringBuilder(value.Length);
        bool space = false;
        foreach (char c in value.Trim())
        {
            if (c is ' ' or '\t')
            {
                space = true;
                continue;
            }

            if (space) text.Append(' ');
            space = false;
            text.Append(c);
        }

        return text.ToString();
    }

    /// <summary>Lower-case hex SHA-256 of <paramref name="data"/>.</summary>
    public static string Hash(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(SHA256.HashData(data));

    /// <summary>
    /// AWS's UriEncode: every UTF-8 byte except <c>A-Z a-z 0-9 - . _ ~</c> (and '/' when <paramref name="keepSlash"/>)
    /// as <c>%XX</c> with upper-case hex.
    /// </summary>
    public static string Encode(string text, bool keepSlash)
    {
        var result = new StringBuilder(text.Length);
        foreach (byte b in Encoding.UTF8.GetBytes(text))
        {
            char c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~' || (keepSlash && c == '/')) result.Append(c);
            else result.Append('%').Append(b.ToString("X2"));
        }

        return result.ToString();
    }

    // Percent-decoding only ('+' stays '+'); an invalid escape stays as written.
    private static string Decode(string text)
    {
        if (!text.Contains('%')) return text;
        var bytes = new List<byte>(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '%' && i + 2 < text.Length && IsHex(text[i + 1]) && IsHex(text[i + 2]))
            {
                bytes.Add(Convert.ToByte(text.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(text[i].ToString()));
            }
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);

    // RFC 3986 remove_dot_segments plus botocore's removal of empty segments; keeps a trailing '/'.
    private static string Normalize(string path)
    {
        var output = new List<string>();
        foreach (string segment in path.Split('/'))
        {
            if (segment is "" or ".") continue;
            if (segment == "..")
            {
                if (output.Count > 0) output.RemoveAt(output.Count - 1);
                continue;
            }

            output.Add(segment);
        }

        string joined = "/" + string.Join('/', output);
        return path.EndsWith('/') && output.Count > 0 ? joined + "/" : joined;
    }
}
