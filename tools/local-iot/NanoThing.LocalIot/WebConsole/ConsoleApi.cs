using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NanoThing.LocalIot.DataPlane;
using NanoThing.LocalIot.Shadows;

namespace NanoThing.LocalIot.WebConsole;

/// <summary>
/// The console's JSON API under <c>/api</c> (behind <see cref="ConsoleAccess"/>): things, a shadow (read, update,
/// delete: through the shadow engine, answered as AWS answers — 200 with the accepted document, or the rejection's
/// code and message), the numeric values over time, the refusals, and the MQTT test client.
/// </summary>
internal sealed class ConsoleApi(LocalConsoleOptions options, ThingDirectory directory, MqttTestClient testClient, Action<string> log)
{
    private const int MaxRequestBytes = 256 * 1024;
    private readonly ShadowNotifier notifier = new(options.Publisher, log, "console");

    public void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/things", () => Results.Json(directory.Things()));
        app.MapGet("/api/things/{thing}", (string thing) => WithShadow(thing, "", id => Results.Json(directory.Summary(thing))));
        app.MapGet("/api/things/{thing}/shadow", (string thing, string? name) => WithShadow(thing, name, id => Results.Json(new
        {
            thing = directory.Summary(thing),
            shadow = id.ShadowName,
            document = options.Committer.Store.Read(id),
            activity = directory.Activity(id),
        })));
        app.MapPost("/api/things/{thing}/shadow", async (HttpContext http, string thing, string? name) =>
        {
            var body = await ReadBodyAsync(http);
            return body is null
                ? Problem(413, "The request is over " + MaxRequestBytes / 1024 + " KB; AWS limits a shadow document to 8 KB.")
                : await WithShadowAsync(thing, name, id => ChangeAsync(id, ShadowOperation.Update, body));
        });
        app.MapDelete("/api/things/{thing}/shadow", (string thing, string? name) => WithShadowAsync(thing, name, id => ChangeAsync(id, ShadowOperation.Delete, [])));
        app.MapGet("/api/things/{thing}/series", (string thing, long? sinceMs) => WithShadow(thing, "", _ => Results.Json(directory.Series(thing, sinceMs ?? 0))));
        app.MapGet("/api/refusals", () => Results.Json(options.Refusals.Entries()));
        app.MapGet("/api/mqtt", () => Results.Json(new { identity = MqttTestClient.Identity, filters = testClient.Filters }));
        app.MapPost("/api/mqtt/subscribe", Handler(http => WithJsonAsync(http, async request =>
        {
            string filter = (string?)request["filter"] ?? "";
            int qos = (int?)request["qos"] ?? 0;
            return TopicError(filter, wildcards: true) is { } error ? Problem(400, error)
                : qos is < 0 or > 1 ? Problem(400, "QoS " + qos + " is not supported by AWS IoT Core: use 0 or 1.")
                : Results.Json(await testClient.SubscribeAsync(filter, qos, http.RequestAborted));
        })));
        app.MapPost("/api/mqtt/unsubscribe", Handler(http => WithJsonAsync(http, async request =>
            Results.Json(await testClient.UnsubscribeAsync((string?)request["filter"] ?? "", http.RequestAborted)))));
        app.MapPost("/api/mqtt/publish", Handler(http => WithJsonAsync(http, async request =>
        {
            string topic = (string?)request["topic"] ?? "";
            int qos = (int?)request["qos"] ?? 0;
            return TopicError(topic, wildcards: false) is { } error ? Problem(400, error)
                : qos is < 0 or > 1 ? Problem(400, "QoS " + qos + " is not supported by AWS IoT Core: use 0 or 1.")
                : Results.Json(await testClient.PublishAsync(topic, (string?)request["payload"] ?? "", qos, (bool?)request["retain"] ?? false, http.RequestAborted));
        })));
    }

    /// <summary>Runs one shadow request through the engine; an accepted change publishes the same replies MQTT subscribers get.</summary>
    private async Task<IResult> ChangeAsync(ShadowId id, ShadowOperation operation, byte[] payload)
    {
        var responses = await options.Committer.HandleAsync(id, operation, payload);
        var answer = responses[0];
        var reply = JsonNode.Parse(answer.Json);
        if (answer.Kind is ShadowResponseKind.UpdateRejected or ShadowResponseKind.DeleteRejected)
        {
            int code = (int?)reply?["code"] ?? 500;
            return Results.Json(new { ok = false, status = code, message = (string?)reply?["message"] ?? "", reply }, statusCode: code);
        }

        await notifier.NotifyAsync(id, responses);
        return Results.Json(new { ok = true, status = 200, message = operation == ShadowOperation.Delete ? "Deleted" : "Accepted", reply });
    }

    private static IResult WithShadow(string thing, string? name, Func<ShadowId, IResult> then) =>
        ShadowNameError(thing, name) is { } error ? Problem(400, error) : then(new ShadowId(thing, name ?? ""));

    private static Task<IResult> WithShadowAsync(string thing, string? name, Func<ShadowId, Task<IResult>> then) =>
        ShadowNameError(thing, name) is { } error ? Task.FromResult(Problem(400, error)) : then(new ShadowId(thing, name ?? ""));

    private static string? ShadowNameError(string thing, string? name) =>
        !ShadowNames.IsValidThingName(thing) ? "'" + thing + "' is not a thing name (1-128 characters: letters, digits, : _ -)."
        : !string.IsNullOrEmpty(name) && !ShadowNames.IsValidShadowName(name) ? "'" + name + "' is not a shadow name (1-64 characters: letters, digits, : _ -)."
        : null;

    private static string? TopicError(string topic, bool wildcards)
    {
        if (topic.Length == 0 || Encoding.UTF8.GetByteCount(topic) > 256)
        {
            return "Enter a topic " + (wildcards ? "filter " : "") + "of 1-256 bytes (AWS IoT's limit).";
        }

        if (!wildcards && (topic.Contains('+') || topic.Contains('#')))
        {
            return "A topic to publish to cannot contain + or #; those are for subscriptions.";
        }

        int hash = topic.IndexOf('#');
        return hash >= 0 && hash != topic.Length - 1 ? "# must be the last character of a topic filter (e.g. sensors/#)." : null;
    }

    private static async Task<IResult> WithJsonAsync(HttpContext http, Func<JsonObject, Task<IResult>> then)
    {
        var body = await ReadBodyAsync(http);
        JsonObject? request = null;
        try
        {
            request = body is null ? null : JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            // answered below
        }

        return request is null ? Problem(400, "The request body must be a JSON object.") : await then(request);
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpContext http)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxRequestBytes)
            {
                return null;
            }
        }

        return buffer.ToArray();
    }

    /// <summary>A handler of the whole request whose result is written (a plain HttpContext lambda would be taken as a
    /// RequestDelegate and its IResult dropped).</summary>
    private static Delegate Handler(Func<HttpContext, Task<IResult>> handler) => handler;

    private static IResult Problem(int status, string message) => Results.Json(new ConsoleError(status, message), statusCode: status);
}
