namespace NanoThing.LocalIot.DataPlane.Auth;

/// <summary>
/// The outcome of <see cref="SigV4Verifier.Verify"/>: either the verified caller, or why not with what to answer.
/// </summary>
public sealed record SigV4Result
{
    private SigV4Result() { }

    /// <summary>True when the request is signed by known credentials, in time, with a matching signature.</summary>
    public bool Verified => Failure is null;

    /// <summary>The credentials that signed the request (only when <see cref="Verified"/>).</summary>
    public SigV4Credentials? Credentials { get; private init; }

    /// <summary>The credential scope the client signed with, once parsed (also on most failures, for the log).</summary>
    public SigV4Scope? Scope { get; private init; }

    /// <summary>The access key id the request named, once parsed (never the secret).</summary>
    public string? AccessKeyId { get; private init; }

    /// <summary>Why verification failed; null when <see cref="Verified"/>.</summary>
    public SigV4Failure? Failure { get; private init; }

    /// <summary>AWS's message for the failure (the body's <c>message</c>); empty when verified.</summary>
    public string Message { get; private init; } = "";

    /// <summary>The canonical request the stand-in computed, for the refusal log of a signature mismatch (AWS prints it
    /// in some services' SignatureDoesNotMatch errors); null otherwise. Holds no secret.</summary>
    public string? CanonicalRequest { get; private init; }

    /// <summary>The string to sign the stand-in computed, beside <see cref="CanonicalRequest"/>.</summary>
    public string? StringToSign { get; private init; }

    /// <summary>The HTTP status to answer a failure with: 403, as iot-data does for every authentication failure.</summary>
    public int HttpStatus => Verified ? 200 : 403;

    /// <summary>
    /// The <c>x-amzn-ErrorType</c> to answer a failure with: <c>ForbiddenException</c>, the only 403 shape of the iot-data
    /// model, which the AWS SDKs raise as a modeled exception; AWS's iot-data endpoint answers an invalid token as
    /// "ForbiddenException: The security token included in the request is invalid." (aws/aws-iot-device-sdk-js #146)
    /// and a refused request as "ForbiddenException: Forbidden" (#70). The precise code is <see cref="SigV4Failures.AwsCode"/>.
    /// </summary>
    public string? ErrorType => Verified ? null : "ForbiddenException";

    internal static SigV4Result Success(SigV4Credentials credentials, SigV4Scope scope) =>
        new() { Credentials = credentials, Scope = scope, AccessKeyId = credentials.AccessKeyId };

    internal static SigV4Result Fail(SigV4Failure failure, string message, string? accessKeyId = null, SigV4Scope? scope = null,
        string? canonicalRequest = null, string? stringToSign = null) =>
        new() { Failure = failure, Message = message, AccessKeyId = accessKeyId, Scope = scope, CanonicalRequest = canonicalRequest, StringToSign = stringToSign };
}
