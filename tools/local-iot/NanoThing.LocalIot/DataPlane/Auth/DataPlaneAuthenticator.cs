namespace NanoThing.LocalIot.DataPlane.Auth;

/// <summary>
/// The data plane's authentication, as AWS IoT's data endpoint does it: a request that came with a TLS client
/// certificate is the certificate's (device mode, port 8443); any other must be signed with SigV4 by the stand-in's
/// <see cref="LocalCredentials"/> (<see cref="SigV4Verifier"/>: key, scope, clock skew, signature). A failed SigV4
/// check is answered as AWS's iot-data endpoint answers it: 403 <c>ForbiddenException</c> with AWS's message
/// ("Missing Authentication Token", "The security token included in the request is invalid.", "Signature expired: …",
/// "The request signature we calculated does not match …"); the log gets AWS's precise error code and, for a
/// mismatch, the canonical request the stand-in computed (no secret).
/// </summary>
public sealed class DataPlaneAuthenticator(LocalCredentials credentials, ICertificatePrincipals? certificates, TimeProvider time) : IRequestAuthenticator
{
    /// <inheritdoc/>
    public AuthenticationResult Authenticate(DataPlaneRequest request)
    {
        if (request.ClientCertificate is { } certificate)
        {
            string why = "client certificates are not accepted here";
            if (certificates?.Resolve(certificate, out why) is { } device)
            {
                return AuthenticationResult.Authenticated(device);
            }

            return AuthenticationResult.Refused(IotDataError.Forbidden("Forbidden: the client certificate " + certificate.Subject + " cannot be used: " + why), why);
        }

        var result = SigV4Verifier.Verify(new SigV4Request(request.Method, request.RawTarget, request.Headers, request.Body),
            id => id == credentials.AccessKeyId ? credentials.Keys : null, time.GetUtcNow());
        if (result.Verified)
        {
            return AuthenticationResult.Authenticated(credentials.Principal);
        }

        string reason = result.Failure!.Value.AwsCode() + ": " + result.Message
            + (result.AccessKeyId is { } key ? " (access key " + key + (result.Scope is { } scope ? ", scope " + scope : "") + ")" : "")
            + (result.CanonicalRequest is { } canonical ? "; canonical request computed here: " + canonical.Replace("\n", "\\n", StringComparison.Ordinal) : "");
        return AuthenticationResult.Refused(new IotDataError(result.HttpStatus, result.ErrorType!, result.Message), reason);
    }
}
