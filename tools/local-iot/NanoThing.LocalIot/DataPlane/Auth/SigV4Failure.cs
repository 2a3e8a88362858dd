namespace NanoThing.LocalIot.DataPlane.Auth;

/// <summary>Why a request's SigV4 authentication failed. Each value maps to AWS's error code (<see cref="SigV4Failures.AwsCode"/>).</summary>
public enum SigV4Failure
{
    /// <summary>No <c>Authorization</c> header: AWS's MissingAuthenticationTokenException, "Missing Authentication Token".</summary>
    MissingAuthentication,
    /// <summary>An <c>Authorization</c> header that is not a complete AWS4-HMAC-SHA256 one, a missing date header, or a credential
    /// scope with the wrong date, service or terminator: IncompleteSignatureException.</summary>
    IncompleteSignature,
    /// <summary>The access key id (or session token) is not one the stand-in issued: UnrecognizedClientException,
    /// "The security token included in the request is invalid."</summary>
    UnrecognizedClient,
    /// <summary>The signature does not match the request: InvalidSignatureException (AWS's SignatureDoesNotMatch text).</summary>
    SignatureDoesNotMatch,
    /// <summary>The request's time is more than the allowed skew before now: InvalidSignatureException, "Signature expired: …".</summary>
    SignatureExpired,
    /// <summary>The request's time is more than the allowed skew after now: InvalidSignatureException, "Signature not yet current: …".</summary>
    SignatureNotYetCurrent,
    /// <summary><c>x-amz-content-sha256</c> is not the SHA-256 of the body, or is UNSIGNED-PAYLOAD: the body would not be covered
    /// by the signature (InvalidSignatureException).</summary>
    PayloadHashMismatch,
}

/// <summary>The AWS names of <see cref="SigV4Failure"/> values.</summary>
public static class SigV4Failures
{
    /// <summary>
    /// The error code AWS's SigV4 front ends use for <paramref name="failure"/> (IAM "Troubleshoot signing" and the
    /// services' common errors). The iot-data endpoint itself answers every one of them as 403 <c>ForbiddenException</c>
    /// with the same message (see <see cref="SigV4Result.ErrorType"/>); this code is for the log.
    /// </summary>
    public static string AwsCode(this SigV4Failure failure) => failure switch
    {
        SigV4Failure.MissingAuthentication => "MissingAuthenticationTokenException",
        SigV4Failure.IncompleteSignature => "IncompleteSignatureException",
        SigV4Failure.UnrecognizedClient => "UnrecognizedClientException",
        _ => "InvalidSignatureException",
    };
}
