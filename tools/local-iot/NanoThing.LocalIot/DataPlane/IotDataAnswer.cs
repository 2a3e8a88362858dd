using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace NanoThing.LocalIot.DataPlane;

/// <summary>
/// Writes the data plane's answers as AWS's data endpoint does (observed live, reference local-aws-iot.md §1.2): JSON
/// bodies with <c>Content-Type: application/json</c> and the request id in <c>x-amzn-RequestId</c>; errors add
/// <c>x-amzn-ErrorType</c> and the body <c>{"message":…,"traceId":…}</c>.
/// </summary>
internal static class IotDataAnswer
{
    /// <summary>The header SDKs read the request id from (ResponseMetadata.RequestId).</summary>
    public const string RequestIdHeader = "x-amzn-RequestId";

    /// <summary>The header SDKs read the error shape from. AWS sends <c>Name:</c> followed by a namespace URL; every SDK
    /// keeps what precedes the first colon (botocore <c>RestJSONParser</c>), so the bare name is sent.</summary>
    public const string ErrorTypeHeader = "x-amzn-ErrorType";

    public static Task JsonAsync(HttpContext http, int status, string json)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        var bytes = Encoding.UTF8.GetBytes(json);
        http.Response.ContentLength = bytes.Length;
        return http.Response.Body.WriteAsync(bytes).AsTask();
    }

    public static Task ErrorAsync(HttpContext http, IotDataError error, string requestId)
    {
        http.Response.Headers[ErrorTypeHeader] = error.Type;
        return JsonAsync(http, error.Status, JsonSerializer.Serialize(new Dictionary<string, string> { ["message"] = error.Message, ["traceId"] = requestId }));
    }

    /// <summary>Publish's success body as AWS sends it (no output shape in the model; SDKs ignore it).</summary>
    public static Task PublishedAsync(HttpContext http, string requestId) =>
        JsonAsync(http, 200, JsonSerializer.Serialize(new Dictionary<string, string> { ["message"] = "OK", ["traceId"] = requestId }));
}
