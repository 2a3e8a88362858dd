namespace NanoThing.LocalIot.Shadows;

/// <summary>
/// An error a shadow request can get on <c>.../rejected</c>: an HTTP-style code and AWS's documented
/// message text (device-shadow-error-messages.html), reproduced exactly.
/// </summary>
public sealed record ShadowError(int Code, string Message)
{
    /// <summary>400: the payload is not JSON (or its root is not an object).</summary>
    public static readonly ShadowError InvalidJson = new(400, "Invalid JSON");

    /// <summary>400: an update without a <c>state</c> node.</summary>
    public static readonly ShadowError MissingState = new(400, "Missing required node: state");

    /// <summary>400: <c>state</c> is neither an object nor null.</summary>
    public static readonly ShadowError StateNotObject = new(400, "State node must be an object");

    /// <summary>400: <c>state.desired</c> is neither an object nor null.</summary>
    public static readonly ShadowError DesiredNotObject = new(400, "Desired node must be an object");

    /// <summary>400: <c>state.reported</c> is neither an object nor null.</summary>
    public static readonly ShadowError ReportedNotObject = new(400, "Reported node must be an object");

    /// <summary>400: <c>state</c> holds a node other than desired/reported, or an array holds null.</summary>
    public static readonly ShadowError InvalidStateNode = new(400, "State contains an invalid node");

    /// <summary>400: <c>version</c> is not a non-negative integer.</summary>
    public static readonly ShadowError InvalidVersion = new(400, "Invalid version");

    /// <summary>400: <c>clientToken</c> is not a string or longer than 64 UTF-8 bytes.</summary>
    public static readonly ShadowError InvalidClientToken = new(400, "Invalid clientToken");

    /// <summary>400: more than <see cref="ShadowLimits.MaxDepth"/> levels in desired or reported.</summary>
    public static readonly ShadowError TooDeep = new(400, "JSON contains too many levels of nesting; maximum is 6");

    /// <summary>409: the request's <c>version</c> is not the shadow's current version.</summary>
    public static readonly ShadowError VersionConflict = new(409, "Version conflict");

    /// <summary>413: the merged desired+reported state is larger than 8 KB.</summary>
    public static readonly ShadowError PayloadTooLarge = new(413, "The payload exceeds the maximum size allowed");

    /// <summary>415: the payload is not valid UTF-8.</summary>
    public static readonly ShadowError UnsupportedEncoding =
        new(415, "Unsupported documented encoding; supported encoding is UTF-8");

    /// <summary>
    /// 429: more than 10 requests of one thing in flight (started, not answered). AWS documents the code and the
    /// condition (device-shadow-error-messages.html: "more than 10 in-flight requests"; the 2019 limits page counts
    /// them per thing) but no message text; this is the HTTP reason phrase, as the REST API's ThrottlingException.
    /// </summary>
    public static readonly ShadowError TooManyRequests = new(429, "Too Many Requests");

    /// <summary>500: the service could not store the shadow (or its file is unreadable).</summary>
    public static readonly ShadowError InternalFailure = new(500, "Internal service failure");

    /// <summary>404 for a get or delete of a shadow that does not exist.</summary>
    public static ShadowError NoShadow(ShadowId id) => new(404, "No shadow exists with name: '" + id.NameForMessages + "'");
}
