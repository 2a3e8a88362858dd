using System.Security.Cryptography;
using System.Text;

namespace NanoThing.LocalIot.DataPlane.Auth;

/// <summary>
/// The signing steps of Signature Version 4 (reference_sigv-create-signed-request.html, steps 2–4): the string to
/// sign, the derived signing key, the signature. Pure; shared by the verifier and by clients of the stand-in.
/// </summary>
public static class SigV4Signer
{
    /// <summary>The time format of <c>X-Amz-Date</c> and of the string to sign (ISO 8601 basic, UTC).</summary>
    public const string TimeFormat = "yyyyMMdd'T'HHmmss'Z'";

    /// <summary>The scope's date format.</summary>
    public const string DateFormat = "yyyyMMdd";

    /// <summary><c>AWS4-HMAC-SHA256 \n &lt;time&gt; \n &lt;scope&gt; \n hex(SHA-256(canonical request))</c>.</summary>
    public static string StringToSign(string amzDate, SigV4Scope scope, string canonicalRequest) =>
        SigV4Authorization.Algorithm + "\n" + amzDate + "\n" + scope + "\n" + SigV4Canonical.Hash(Encoding.UTF8.GetBytes(canonicalRequest));

    /// <summary>
    /// kDate = HMAC("AWS4" + secret, date); kRegion = HMAC(kDate, region); kService = HMAC(kRegion, service);
    /// kSigning = HMAC(kService, "aws4_request").
    /// </summary>
    public static byte[] SigningKey(string secretAccessKey, SigV4Scope scope)
    {
        byte[] key = Encoding.UTF8.GetBytes("AWS4" + secretAccessKey);
        foreach (string part in new[] { scope.Date, scope.Region, scope.Service, SigV4Scope.Terminator })
        {
            key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
        }

        return key;
    }

    /// <summary>Lower-case hex HMAC-SHA256 of <paramref name="stringToSign"/> under <paramref name="signingKey"/>.</summary>
    public static string Signature(byte[] signingKey, string stringToSign) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(signingKey, Encoding.UTF8.GetBytes(stringToSign)));

    /// <summary>
    /// Signs <paramref name="request"/> as the AWS SDKs sign iot-data calls: the headers to add, <c>X-Amz-Date</c>
    /// (and <c>X-Amz-Security-Token</c> for temporary credentials) and <c>Authorization</c>, signing every header
    /// already in the request plus those. <paramref name="request"/> must already carry its <c>Host</c> header.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Sign(SigV4Request request, SigV4Credentials credentials, string region, string service, DateTimeOffset time)
    {
        string amzDate = time.UtcDateTime.ToString(TimeFormat, System.Globalization.CultureInfo.InvariantCulture);
        var added = new List<KeyValuePair<string, string>> { new("X-Amz-Date", amzDate) };
        if (credentials.SessionToken is { } token) added.Add(new("X-Amz-Security-Token", token));
        var withDate = request with { Headers = [.. request.Headers, .. added] };

        var scope = new SigV4Scope(amzDate[..8], region, service);
        var signedHeaders = withDate.Headers.Select(header => header.Key.ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal).ToList();
        SigV4Target.Split(request.RawTarget, out string path, out string query);
        string canonical = SigV4Canonical.Request(request.Method, SigV4Canonical.UriCandidates(path)[0], query, withDate, signedHeaders, SigV4Canonical.Hash(request.Body.Span));
        string signature = Signature(SigningKey(credentials.SecretAccessKey, scope), StringToSign(amzDate, scope, canonical));
        added.Add(new("Authorization", new SigV4Authorization(credentials.AccessKeyId, scope, signedHeaders, signature).ToString()));
        return added;
    }
}
