using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using NanoThing.LocalIot.DataPlane.Auth;
using NanoThing.LocalIot.Policies;
using NanoThing.LocalIot.Shadows;

namespace NanoThing.LocalIot.DataPlane;

/// <summary>
/// One data-plane request from start to answer: read the body (at most <see cref="IotDataPlaneOptions.MaxBodyBytes"/>),
/// authenticate, parse the operation, authorize it with the identity's policies (<see cref="PolicyEngine"/>), run it on
/// the shadow engine or the broker, answer. Every refusal is logged. Never lets an exception escape: a bug is a 500.
/// </summary>
internal sealed class IotDataRequestHandler(IotDataPlaneOptions options, DataPlaneLog log)
{
    public async Task HandleAsync(HttpContext http)
    {
        string requestId = Guid.NewGuid().ToString();
        http.Response.Headers[IotDataAnswer.RequestIdHeader] = requestId;
        try
        {
            await HandleAsync(http, requestId);
        }
        catch (Exception e) when (e is not OperationCanceledException || !http.RequestAborted.IsCancellationRequested)
        {
            log.Info("data plane: internal error on " + http.Request.Method + " " + http.Request.Path + " (a bug, please report it): " + e);
            if (!http.Response.HasStarted)
            {
                await IotDataAnswer.ErrorAsync(http, IotDataError.InternalFailure("Internal service failure"), requestId);
            }
        }
    }

    private async Task HandleAsync(HttpContext http, string requestId)
    {
        string method = http.Request.Method;
        string rawTarget = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? http.Request.Path + http.Request.QueryString;
        var source = http.Connection.RemoteIpAddress is { } ip ? new IPEndPoint(ip, http.Connection.RemotePort) : null;
        bool routed = IotDataRoute.TryParse(method, rawTarget, out var call, out var routeError);
        string eventType = call is null ? "Unknown" : EventType(call.Operation);

        if (await ReadBodyAsync(http.Request, http.RequestAborted) is not { } body)
        {
            await IotDataAnswer.ErrorAsync(http, IotDataError.TooLarge("The payload exceeds the maximum size allowed (" + IotDataPlaneOptions.MaxBodyBytes + " bytes)"), requestId);
            return;
        }

        var headers = new List<KeyValuePair<string, string>>();
        foreach (var (name, values) in http.Request.Headers)
        {
            foreach (var value in values)
            {
                headers.Add(new(name, value ?? ""));
            }
        }

        var clientCertificate = await http.Connection.GetClientCertificateAsync(http.RequestAborted);
        var authentication = options.Authenticator.Authenticate(new DataPlaneRequest(method, rawTarget, headers, body, clientCertificate, source));
        if (authentication.Principal is not { } principal)
        {
            log.Refusal(requestId, eventType, Resource(call), null, source, "AUTHENTICATION_FAILURE", authentication.Reason);
            await IotDataAnswer.ErrorAsync(http, authentication.Refusal!, requestId);
            return;
        }

        if (!routed)
        {
            await IotDataAnswer.ErrorAsync(http, routeError!, requestId);
            return;
        }

        foreach (var (action, resource) in Requests(call!))
        {
            var decision = PolicyEngine.Authorize(principal.Policies, new AuthorizationRequest(action, resource), principal.Context);
            if (!decision.Allowed)
            {
                log.Refusal(requestId, eventType, Resource(call), principal.Id, source, "AUTHORIZATION_FAILURE", principal.Description + ": " + decision.Explanation);
                await IotDataAnswer.ErrorAsync(http, IotDataError.Forbidden("Forbidden: " + decision.Explanation), requestId);
                return;
            }
        }

        if (call!.Operation == IotDataOperation.Publish)
        {
            await options.Publisher.PublishAsync(call.Topic!, body, call.Qos, call.Retain, http.RequestAborted);
            if (ShadowTopics.TryParseRequest(call.Topic!, out var requested, out var requestOperation))
            {
                // A shadow request published over HTTPS (AWS's curl example posts to $aws/things/T/shadow/update) is
                // answered by the shadow service on the reply topics, as the same request over MQTT.
                await NotifyAsync(requested, await options.Shadows.HandleAsync(requested, requestOperation, body, CancellationToken.None));
            }

            await IotDataAnswer.PublishedAsync(http, requestId);
            return;
        }

        if (call.Operation == IotDataOperation.ListNamedShadowsForThing)
        {
            var page = NamedShadowPage.Read(options.Shadows.Store.NamedShadows(call.ThingName), call.PageSize, call.NextToken, out var tokenError);
            await (page is null
                ? IotDataAnswer.ErrorAsync(http, tokenError!, requestId)
                : IotDataAnswer.JsonAsync(http, 200, page.ToJson(options.Time.GetUtcNow().ToUnixTimeSeconds())));
            return;
        }

        var (operation, payload) = call.Operation switch
        {
            IotDataOperation.GetThingShadow => (ShadowOperation.Get, ReadOnlyMemory<byte>.Empty),
            IotDataOperation.UpdateThingShadow => (ShadowOperation.Update, body),
            _ => (ShadowOperation.Delete, ReadOnlyMemory<byte>.Empty),
        };
        var responses = await options.Shadows.HandleAsync(call.Shadow, operation, payload, http.RequestAborted);
        var answer = responses[0];
        if (answer.Kind is ShadowResponseKind.GetRejected or ShadowResponseKind.UpdateRejected or ShadowResponseKind.DeleteRejected)
        {
            await IotDataAnswer.ErrorAsync(http, FromRejection(answer.Json), requestId);
            return;
        }

        if (operation != ShadowOperation.Get)
        {
            await NotifyAsync(call.Shadow, responses);
        }

        await IotDataAnswer.JsonAsync(http, 200, answer.Json);
    }

    /// <summary>Publishes the change's replies as the shadow service does over MQTT (<see cref="ShadowNotifier"/>); a get
    /// publishes nothing, and rejections go only to the HTTPS caller (AWS emits <c>.../rejected</c> only in reply to an MQTT request).</summary>
    private Task NotifyAsync(ShadowId id, IReadOnlyList<ShadowResponse> responses) =>
        new ShadowNotifier(options.Publisher, log.Info, "data plane").NotifyAsync(id, responses);

    /// <summary>The action(s) AWS checks for the call, each on its resource (iot-action-resources.html).</summary>
    private static IEnumerable<(string Action, string Resource)> Requests(IotDataCall call)
    {
        string Shadow() => call.Shadow.IsClassic ? IotArn.Thing(call.ThingName) : IotArn.Thing(call.ThingName, call.Shadow.ShadowName);
        switch (call.Operation)
        {
            case IotDataOperation.GetThingShadow:
                yield return (IotActions.GetThingShadow, Shadow());
                break;
            case IotDataOperation.UpdateThingShadow:
                yield return (IotActions.UpdateThingShadow, Shadow());
                break;
            case IotDataOperation.DeleteThingShadow:
                yield return (IotActions.DeleteThingShadow, Shadow());
                break;
            case IotDataOperation.ListNamedShadowsForThing:
                yield return (IotActions.ListNamedShadowsForThing, IotArn.Thing(call.ThingName));
                break;
            default:
                yield return (IotActions.Publish, IotArn.Topic(call.Topic!));
                if (call.Retain)
                {
                    yield return (IotActions.RetainPublish, IotArn.Topic(call.Topic!));
                }

                break;
        }
    }

    /// <summary>The event type AWS IoT's logs give the operation (Publish-In for messages, the API name for shadows).</summary>
    private static string EventType(IotDataOperation operation) => operation == IotDataOperation.Publish ? "Publish-In" : operation.ToString();

    private static string? Resource(IotDataCall? call) => call switch
    {
        null => null,
        { Operation: IotDataOperation.Publish } => call.Topic,
        _ => call.Shadow.ToString(),
    };

    private static IotDataError FromRejection(string json)
    {
        var document = JsonNode.Parse(json)!.AsObject();
        return IotDataError.FromShadowCode((int)document["code"]!, (string)document["message"]!);
    }

    /// <summary>The body, or null when it is larger than <see cref="IotDataPlaneOptions.MaxBodyBytes"/>.</summary>
    private static async Task<ReadOnlyMemory<byte>?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > IotDataPlaneOptions.MaxBodyBytes)
        {
            return null;
        }

        var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > IotDataPlaneOptions.MaxBodyBytes)
            {
                return null;
            }
        }

        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }
}
