using System.Text.Json.Nodes;

namespace NanoThing.LocalIot.Tests.DataPlane;

/// <summary>Assertions on data-plane answers as the AWS SDKs read them.</summary>
internal static class HttpAssert
{
    /// <summary>A 200 JSON answer with a request id; returns the parsed body.</summary>
    public static async Task<JsonObject> OkAsync(HttpResponseMessage response)
    {
        string body = await response.Content.ReadAsStringAsync();
        Assert.AreEqual(200, (int)response.StatusCode, body);
        Assert.AreEqual("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.IsTrue(response.Headers.TryGetValues("x-amzn-RequestId", out var ids) && Guid.TryParse(ids.Single(), out _), "x-amzn-RequestId");
        Assert.IsFalse(response.Headers.Contains("x-amzn-ErrorType"), "a success carries no error type");
        return JsonNode.Parse(body)!.AsObject();
    }

    /// <summary>An error answer: the status, <c>x-amzn-ErrorType</c> = <paramref name="type"/>, a body
    /// <c>{"message":…,"traceId":request id}</c>; returns the message.</summary>
    public static async Task<string> ErrorAsync(HttpResponseMessage response, int status, string type)
    {
        string body = await response.Content.ReadAsStringAsync();
        Assert.AreEqual(status, (int)response.StatusCode, body);
        Assert.AreEqual(type, response.Headers.GetValues("x-amzn-ErrorType").Single(), body);
        Assert.AreEqual("application/json", response.Content.Headers.ContentType?.MediaType);
        var document = JsonNode.Parse(body)!.AsObject();
        Assert.AreEqual(response.Headers.GetValues("x-amzn-RequestId").Single(), (string?)document["traceId"]);
        string message = (string?)document["message"] ?? "";
        Assert.IsFalse(string.IsNullOrWhiteSpace(message), body);
        return message;
    }
}
