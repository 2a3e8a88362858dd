using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace NanoThing.LocalIot.DataPlane.Auth;

/// <summary>
/// Verifies a request signed with Signature Version 4 as AWS does (reference_sigv-create-signed-request.html): the
/// <c>Authorization</c> header's credential names known keys, the scope's date, service and region fit, the request
/// time is within the allowed skew, the body matches its declared hash, and the signature recomputed from the request
/// as received equals the one sent (compared in constant time). Pure: the clock and the key lookup are parameters.
/// </summary>
public static class SigV4Verifier
{
    /// <summary>AWS's SignatureDoesNotMatch text.</summary>
    public const string SignatureMismatchMessage =
        "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

    /// <summary>AWS's text for an unknown access key or an invalid session token.</summary>
    public const string UnrecognizedClientMessage = "The security token included in the request is invalid.";

    /// <summary>AWS's text for a request without authentication.</summary>
    public const string MissingAuthenticationMessage = "Missing Authentication Token";

    /// <summary>
    /// Verifies <paramref name="request"/> at time <paramref name="now"/>. <paramref name="findCredentials"/> returns
    /// the credentials of an access key id, or null for an unknown one. Never throws for any request.
    /// </summary>
    public static SigV4Result Verify(SigV4Request request, Func<string, SigV4Credentials?> findCredentials, DateTimeOffset now, SigV4Options? options = null)
    {
        options ??= SigV4Options.IotData;
        var authorizations = request.Values("Authorization").ToList();
        SigV4Target.Split(request.RawTarget, out string path, out string query);
        if (authorizations.Count == 0)
        {
            return query.Contains("X-Amz-Signature=", StringComparison.OrdinalIgnoreCase)
                ? SigV4Result.Fail(SigV4Failure.IncompleteSignature, "Query-string (presigned URL) authentication is not accepted by the data plane; sign the request with an Authorization header as the AWS SDKs and CLI do.")
                : SigV4Result.Fail(SigV4Failure.MissingAuthentication, MissingAuthenticationMessage);
        }

        if (authorizations.Count > 1) return SigV4Result.Fail(SigV4Failure.IncompleteSignature, "The request has more than one Authorization header.");
        if (!SigV4Authorization.TryParse(authorizations[0], out var authorization, out string parseError))
        {
            return SigV4Result.Fail(SigV4Failure.IncompleteSignature, parseError);
        }

        var scope = authorization.Scope;
        string keyId = authorization.AccessKeyId;
        SigV4Result Incomplete(string message) => SigV4Result.Fail(SigV4Failure.IncompleteSignature, message, keyId, scope);

        if (!TryRequestTime(request, out string amzDate, out DateTimeOffset time, out string? dateError))
        {
            return Incomplete(dateError + " Authorization=" + authorizations[0]);
        }

        if (scope.Date != amzDate[..8])
        {
            return Incomplete("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '" + scope.Date + "' != '" + amzDate[..8] + "', from '" + amzDate + "'.");
        }

        if (!options.Services.Contains(scope.Service))
        {
            return Incomplete("Credential should be scoped to correct service: '" + options.Services[0] + "', not '" + scope.Service + "'.");
        }

        if (options.Regions is { } regions && !regions.Contains(scope.Region))
        {
            return Incomplete("Credential should be scoped to a valid region, not '" + scope.Region + "'.");
        }

        if (!authorization.SignedHeaders.Contains("host"))
        {
            return Incomplete("'Host' must be a 'SignedHeader' in the AWS Authorization.");
        }

        var credentials = findCredentials(keyId);
        if (credentials is null || !SameToken(credentials.SessionToken, request.Header("X-Amz-Security-Token")))
        {
            return SigV4Result.Fail(SigV4Failure.UnrecognizedClient, UnrecognizedClientMessage, keyId, scope);
        }

        string stamp(DateTimeOffset t) => t.UtcDateTime.ToString(SigV4Signer.TimeFormat, CultureInfo.InvariantCulture);
        if (time < now - options.AllowedClockSkew)
        {
            return SigV4Result.Fail(SigV4Failure.SignatureExpired, "Signature expired: " + amzDate + " is now earlier than " + stamp(now - options.AllowedClockSkew) +
                " (" + stamp(now) + " - " + Minutes(options.AllowedClockSkew) + ".)", keyId, scope);
        }

        if (time > now + options.AllowedClockSkew)
        {
            return SigV4Result.Fail(SigV4Failure.SignatureNotYetCurrent, "Signature not yet current: " + amzDate + " is still later than " + stamp(now + options.AllowedClockSkew) +
                " (" + stamp(now) + " + " + Minutes(options.AllowedClockSkew) + ".)", keyId, scope);
        }

        string bodyHash = SigV4Canonical.Hash(request.Body.Span);
        string payloadHash = bodyHash;
        if (request.Header("x-amz-content-sha256") is { } declared)
        {
            if (!declared.Equals(bodyHash, StringComparison.Ordinal))
            {
                return SigV4Result.Fail(SigV4Failure.PayloadHashMismatch, declared == "UNSIGNED-PAYLOAD"
                    ? "The data plane requires a signed payload; x-amz-content-sha256 must be the SHA-256 of the body, not UNSIGNED-PAYLOAD."
                    : "The provided 'x-amz-content-sha256' header does not match what was computed.", keyId, scope);
            }

            payloadHash = declared;
        }

        byte[] key = SigV4Signer.SigningKey(credentials.SecretAccessKey, scope);
        byte[] sent = Encoding.ASCII.GetBytes(authorization.Signature);
        string? firstCanonical = null, firstStringToSign = null;
        foreach (string uri in SigV4Canonical.UriCandidates(path))
        {
            string canonical = SigV4Canonical.Request(request.Method, uri, query, request, authorization.SignedHeaders, payloadHash);
            string stringToSign = SigV4Signer.StringToSign(amzDate, scope, canonical);
            firstCanonical ??= canonical;
            firstStringToSign ??= stringToSign;
            if (CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(SigV4Signer.Signature(key, stringToSign)), sent))
            {
                return SigV4Result.Success(credentials, scope);
            }
        }

        return SigV4Result.Fail(SigV4Failure.SignatureDoesNotMatch, SignatureMismatchMessage, keyId, scope, firstCanonical, firstStringToSign);
    }

    // X-Amz-Date (yyyyMMddTHHmmssZ), else Date (RFC 1123), as botocore may sign either (auth.py _set_necessary_date_headers).
    private static bool TryRequestTime(SigV4Request request, out string amzDate, out DateTimeOffset time, out string? error)
    {
        amzDate = "";
        time = default;
        error = null;
        if (request.Header("X-Amz-Date") is { } value)
        {
            if (!DateTimeOffset.TryParseExact(value, SigV4Signer.TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time))
            {
                error = "X-Amz-Date must be the UTC time as yyyyMMddTHHmmssZ (e.g. 20261206T120000Z), not '" + value + "'.";
                return false;
            }

            amzDate = value;
            return true;
        }

        if (request.Header("Date") is { } date)
        {
            if (!DateTimeOffset.TryParseExact(date, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time))
            {
                error = "The Date header must be an RFC 1123 date (e.g. Sun, 06 Dec 2026 12:00:00 GMT), not '" + date + "'.";
                return false;
            }

            amzDate = time.UtcDateTime.ToString(SigV4Signer.TimeFormat, CultureInfo.InvariantCulture);
            return true;
        }

        error = "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.";
        return false;
    }

    private static bool SameToken(string? expected, string? sent)
    {
        if (expected is null || sent is null) return expected is null && sent is null;
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(sent));
    }

    private static string Minutes(TimeSpan span) => span.TotalMinutes.ToString(CultureInfo.InvariantCulture) + " min";
}
