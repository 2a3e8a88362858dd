namespace NanoThing.LocalIot.DataPlane;

/// <summary>
/// An error answer of the data plane, in the shape the AWS SDKs parse for the rest-json protocol (botocore
/// <c>RestJSONParser</c>, AWS SDK for .NET <c>JsonErrorResponseUnmarshaller</c>): the HTTP status, the error shape's
/// name in the <c>x-amzn-ErrorType</c> header and <c>{"message": ...}</c> in the body. The names and codes are the
/// error shapes of service iot-data 2015-05-28 (botocore <c>data/iot-data/2015-05-28/service-2.json</c>; reference
/// local-aws-iot.md §1.2, §1.4).
/// </summary>
/// <param name="Status">The HTTP status code.</param>
/// <param name="Type">The error shape, e.g. <c>ResourceNotFoundException</c>; SDKs raise the exception of that name.</param>
/// <param name="Message">One sentence for the caller (AWS's text where AWS documents one).</param>
public sealed record IotDataError(int Status, string Type, string Message)
{
    /// <summary>400: a parameter or the document is invalid.</summary>
    public static IotDataError InvalidRequest(string message) => new(400, "InvalidRequestException", message);

    /// <summary>401: the request is not authenticated (no credentials, or credentials the stand-in does not know).</summary>
    public static IotDataError Unauthorized(string message) => new(401, "UnauthorizedException", message);

    /// <summary>403: authenticated, but the identity's policy does not allow the action (AWS answers "Forbidden",
    /// aws/aws-iot-device-sdk-js issue #70); also AWS's answer to a wrongly signed request.</summary>
    public static IotDataError Forbidden(string message) => new(403, "ForbiddenException", message);

    /// <summary>404: no such shadow, or no such operation.</summary>
    public static IotDataError NotFound(string message) => new(404, "ResourceNotFoundException", message);

    /// <summary>405: the path exists but not with this HTTP method.</summary>
    public static IotDataError MethodNotAllowed(string message) => new(405, "MethodNotAllowedException", message);

    /// <summary>413: the body (or the shadow it would make) is too large.</summary>
    public static IotDataError TooLarge(string message) => new(413, "RequestEntityTooLargeException", message);

    /// <summary>500: a bug or a failed write.</summary>
    public static IotDataError InternalFailure(string message) => new(500, "InternalFailureException", message);

    /// <summary>
    /// The data-plane error for a shadow rejection code (<c>{"code":N,"message":...}</c> on <c>.../rejected</c>, the same
    /// codes over MQTT and HTTPS, device-shadow-error-messages.html) with the rejection's message.
    /// </summary>
    public static IotDataError FromShadowCode(int code, string message) => code switch
    {
        400 => InvalidRequest(message),
        401 => Unauthorized(message),
        403 => Forbidden(message),
        404 => NotFound(message),
        405 => MethodNotAllowed(message),
        409 => new(409, "ConflictException", message),
        413 => TooLarge(message),
        415 => new(415, "UnsupportedDocumentEncodingException", message),
        429 => new(429, "ThrottlingException", message),
        503 => new(503, "ServiceUnavailableException", message),
        _ => InternalFailure(message),
    };
}
