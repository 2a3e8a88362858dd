namespace NanoThing.LocalIot.DataPlane.Auth;

/// <summary>
/// A parsed <c>Authorization</c> header: <c>AWS4-HMAC-SHA256 Credential=&lt;id&gt;/&lt;scope&gt;, SignedHeaders=a;b,
/// Signature=&lt;64 hex&gt;</c> (reference_sigv-create-signed-request.html, "Add the signature to the request").
/// </summary>
/// <param name="AccessKeyId">The key id of the credential.</param>
/// <param name="Scope">The credential scope after the key id.</param>
/// <param name="SignedHeaders">The lower-case header names, in the order given.</param>
/// <param name="Signature">The signature, lower-case hex as sent.</param>
public sealed record SigV4Authorization(string AccessKeyId, SigV4Scope Scope, IReadOnlyList<string> SignedHeaders, string Signature)
{
    /// <summary>The only algorithm of SigV4 with HMAC (SigV4a's ECDSA is not used by iot-data).</summary>
    public const string Algorithm = "AWS4-HMAC-SHA256";

    /// <summary>The header value, exactly as the AWS SDKs write it.</summary>
    public override string ToString() =>
        Algorithm + " Credential=" + AccessKeyId + "/" + Scope + ", SignedHeaders=" + string.Join(';', SignedHeaders) + ", Signature=" + Signature;

    /// <summary>
    /// Parses <paramref name="header"/>; false with AWS's IncompleteSignature message when it is not a complete
    /// AWS4-HMAC-SHA256 authorization (wrong algorithm, a parameter missing or repeated, a credential without
    /// five '/'-separated parts, an empty signed-header list, a signature that is not 64 hex digits).
    /// </summary>
    public static bool TryParse(string header, out SigV4Authorization authorization, out string error)
    {
        authorization = null!;
        error = "";
        int space = header.IndexOf(' ');
        string algorithm = space < 0 ? header : header[..space];
        if (algorithm != Algorithm)
        {
            error = "Unsupported authorization algorithm '" + Shown(algorithm) + "': the data plane accepts only " + Algorithm + " (Signature Version 4).";
            return false;
        }

        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string part in header[(space + 1)..].Split(','))
        {
            string item = part.Trim();
            int equals = item.IndexOf('=');
            if (item.Length == 0) continue;
            if (equals <= 0 || !parameters.TryAdd(item[..equals], item[(equals + 1)..]))
            {
                error = "Authorization header parameter '" + Shown(item) + "' is malformed or repeated. Authorization=" + Shown(header);
                return false;
            }
        }

        var missing = new[] { "Credential", "SignedHeaders", "Signature" }.Where(name => !parameters.ContainsKey(name)).ToList();
        if (missing.Count > 0)
        {
            error = string.Concat(missing.Select(name => "Authorization header requires '" + name + "' parameter. ")) + "Authorization=" + Shown(header);
            return false;
        }

        string[] credential = parameters["Credential"].Split('/');
        if (credential.Length != 5 || credential.Any(part => part.Length == 0))
        {
            error = "Credential should be '<access key id>/<yyyyMMdd>/<region>/<service>/aws4_request', not '" + Shown(parameters["Credential"]) + "'.";
            return false;
        }

        var signedHeaders = parameters["SignedHeaders"].Split(';');
        if (signedHeaders.Any(name => name.Length == 0 || name != name.ToLowerInvariant()))
        {
            error = "SignedHeaders must be lower-case header names separated by ';', not '" + Shown(parameters["SignedHeaders"]) + "'.";
            return false;
        }

        string signature = parameters["Signature"];
        if (signature.Length != 64 || !signature.All(char.IsAsciiHexDigitLower))
        {
            error = "Signature must be 64 lower-case hexadecimal digits, not '" + Shown(signature) + "'.";
            return false;
        }

        authorization = new SigV4Authorization(credential[0], new SigV4Scope(credential[1], credential[2], credential[3]), signedHeaders, signature);
        if (credential[4] != SigV4Scope.Terminator)
        {
            error = "Credential should be scoped with a valid terminator: '" + SigV4Scope.Terminator + "', not '" + Shown(credential[4]) + "'.";
            return false;
        }

        return true;
    }

    private static string Shown(string text) => text.Length > 200 ? text[..200] + "..." : text;
}
