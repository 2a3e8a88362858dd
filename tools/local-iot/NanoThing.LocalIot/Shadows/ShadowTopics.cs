namespace NanoThing.LocalIot.Shadows;

/// <summary>
/// The service's side of AWS's reserved shadow topics (device-shadow-mqtt.md), built and parsed exactly:
/// <c>$aws/things/{thing}/shadow/{op}</c> (classic) and <c>$aws/things/{thing}/shadow/name/{shadow}/{op}</c>
/// (named), op = get | update | delete; replies go to <c>…/{op}/accepted|rejected</c>,
/// <c>…/update/delta</c> and <c>…/update/documents</c> of the same shadow. Case-sensitive, no trimming.
/// </summary>
public static class ShadowTopics
{
    private const string Prefix = "$aws/things/";
    private const string ShadowSegment = "shadow";
    private const string NameSegment = "name";

    /// <summary>The six filters the service subscribes to: every thing's get/update/delete, classic and named.</summary>
    public static IReadOnlyList<string> RequestFilters { get; } =
    [
        Prefix + "+/shadow/get",
        Prefix + "+/shadow/update",
        Prefix + "+/shadow/delete",
        Prefix + "+/shadow/name/+/get",
        Prefix + "+/shadow/name/+/update",
        Prefix + "+/shadow/name/+/delete",
    ];

    /// <summary>
    /// Parses a request topic. True only for exactly one of the six request forms with a valid thing name
    /// (and shadow name); false for anything else, including the service's own reply topics.
    /// </summary>
    public static bool TryParseRequest(string topic, out ShadowId id, out ShadowOperation operation)
    {
        id = default;
        operation = default;
        if (!topic.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var segments = topic[Prefix.Length..].Split('/');
        string thing = segments[0], shadow;
        if (segments.Length == 3 && segments[1] == ShadowSegment)
        {
            shadow = "";
        }
        else if (segments.Length == 5 && segments[1] == ShadowSegment && segments[2] == NameSegment)
        {
            shadow = segments[3];
            if (!ShadowNames.IsValidShadowName(shadow))
            {
                return false;
            }
        }
        else
        {
            return false;
        }

        if (!ShadowNames.IsValidThingName(thing) || !TryParseOperation(segments[^1], out operation))
        {
            return false;
        }

        id = new ShadowId(thing, shadow);
        return true;
    }

    /// <summary>The topic a <paramref name="kind"/> reply for <paramref name="id"/> is published to.</summary>
    public static string Response(ShadowId id, ShadowResponseKind kind) => ShadowPrefix(id) + kind switch
    {
        ShadowResponseKind.GetAccepted => "/get/accepted",
        ShadowResponseKind.GetRejected => "/get/rejected",
        ShadowResponseKind.UpdateAccepted => "/update/accepted",
        ShadowResponseKind.UpdateRejected => "/update/rejected",
        ShadowResponseKind.UpdateDelta => "/update/delta",
        ShadowResponseKind.UpdateDocuments => "/update/documents",
        ShadowResponseKind.DeleteAccepted => "/delete/accepted",
        ShadowResponseKind.DeleteRejected => "/delete/rejected",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown shadow response kind"),
    };

    /// <summary>The request topic of <paramref name="operation"/> on <paramref name="id"/> (for clients and tests).</summary>
    public static string Request(ShadowId id, ShadowOperation operation) => ShadowPrefix(id) + operation switch
    {
        ShadowOperation.Get => "/get",
        ShadowOperation.Update => "/update",
        ShadowOperation.Delete => "/delete",
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, "unknown shadow operation"),
    };

    private static string ShadowPrefix(ShadowId id) =>
        Prefix + id.ThingName + "/" + ShadowSegment + (id.IsClassic ? "" : "/" + NameSegment + "/" + id.ShadowName);

    private static bool TryParseOperation(string segment, out ShadowOperation operation)
    {
        switch (segment)
        {
            case "get":
                operation = ShadowOperation.Get;
                return true;
            case "update":
                operation = ShadowOperation.Update;
                return true;
            case "delete":
                operation = ShadowOperation.Delete;
                return true;
            default:
                operation = default;
                return false;
        }
    }
}
