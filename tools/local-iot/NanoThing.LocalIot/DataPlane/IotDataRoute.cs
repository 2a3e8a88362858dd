using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using NanoThing.LocalIot.Shadows;

namespace NanoThing.LocalIot.DataPlane;

/// <summary>
/// Parses an HTTP method and request target into an <see cref="IotDataCall"/>, exactly by the URIs of service iot-data
/// 2015-05-28 (botocore <c>data/iot-data/2015-05-28/service-2.json</c>, reference local-aws-iot.md §1.2):
/// <c>/things/{thingName}/shadow</c> (GET, POST, DELETE; query <c>name</c>),
/// <c>/api/things/shadow/ListNamedShadowsForThing/{thingName}</c> (GET; <c>nextToken</c>, <c>pageSize</c>) and
/// <c>/topics/{topic}</c> (POST; <c>qos</c>, <c>retain</c>). Pure. Works on the raw target: SDKs percent-encode every
/// label character but <c>-._~</c>, including <c>/</c> in a topic (<c>%2F</c>, which ASP.NET Core leaves encoded), so
/// each label is decoded here once; a topic sent with literal slashes (curl) means the same.
/// </summary>
public static class IotDataRoute
{
    private const string ThingsPrefix = "/things/";
    private const string ShadowSuffix = "/shadow";
    private const string ListPrefix = "/api/things/shadow/ListNamedShadowsForThing/";
    private const string TopicsPrefix = "/topics/";

    /// <summary>
    /// True with the call when <paramref name="rawTarget"/> names an operation with this <paramref name="method"/> and
    /// valid parameters; else false with the error AWS answers: 404 for an unknown path, 405 for a known path with
    /// another method, 400 (AWS's validation message) for an invalid parameter.
    /// </summary>
    public static bool TryParse(string method, string rawTarget, [NotNullWhen(true)] out IotDataCall? call, [NotNullWhen(false)] out IotDataError? error)
    {
        call = null;
        int question = rawTarget.IndexOf('?');
        string path = question < 0 ? rawTarget : rawTarget[..question];
        var query = ParseQuery(question < 0 ? "" : rawTarget[(question + 1)..]);

        if (path.StartsWith(ThingsPrefix, StringComparison.Ordinal) && path.EndsWith(ShadowSuffix, StringComparison.Ordinal)
            && path.Length > ThingsPrefix.Length + ShadowSuffix.Length
            && path.IndexOf('/', ThingsPrefix.Length) == path.Length - ShadowSuffix.Length)
        {
            var operation = method switch
            {
                "GET" => IotDataOperation.GetThingShadow,
                "POST" => IotDataOperation.UpdateThingShadow,
                "DELETE" => IotDataOperation.DeleteThingShadow,
                _ => (IotDataOperation?)null,
            };
            if (operation is null)
            {
                error = NotAllowed(method, "/things/{thingName}/shadow", "GET, POST or DELETE");
                return false;
            }

            string thing = Uri.UnescapeDataString(path[ThingsPrefix.Length..^ShadowSuffix.Length]);
            if (!TryThingName(thing, out error) || !TryShadowName(query, out string shadow, out error))
            {
                return false;
            }

            call = new IotDataCall(operation.Value, new ShadowId(thing, shadow));
            return true;
        }

        if (path.StartsWith(ListPrefix, StringComparison.Ordinal) && path.Length > ListPrefix.Length && path.IndexOf('/', ListPrefix.Length) < 0)
        {
            if (method != "GET")
            {
                error = NotAllowed(method, "/api/things/shadow/ListNamedShadowsForThing/{thingName}", "GET");
                return false;
            }

            string thing = Uri.UnescapeDataString(path[ListPrefix.Length..]);
            if (!TryThingName(thing, out error) || !TryPageSize(query, out int pageSize, out error))
            {
                return false;
            }

            string? nextToken = query.GetValueOrDefault("nextToken");
            call = new IotDataCall(IotDataOperation.ListNamedShadowsForThing, ShadowId.Classic(thing), PageSize: pageSize,
                NextToken: string.IsNullOrEmpty(nextToken) ? null : nextToken);
            return true;
        }

        if (path.StartsWith(TopicsPrefix, StringComparison.Ordinal) && path.Length > TopicsPrefix.Length)
        {
            if (method != "POST")
            {
                error = NotAllowed(method, "/topics/{topic}", "POST");
                return false;
            }

            string topic = Uri.UnescapeDataString(path[TopicsPrefix.Length..]);
            if (!PublishTopic.TryValidate(topic, out error) || !TryQos(query, out int qos, out error) || !TryRetain(query, out bool retain, out error))
            {
                return false;
            }

            call = new IotDataCall(IotDataOperation.Publish, default, topic, qos, retain);
            return true;
        }

        error = IotDataError.NotFound("No iot-data operation at " + method + " " + path + "; the stand-in serves GET/POST/DELETE /things/{thingName}/shadow, "
            + "GET /api/things/shadow/ListNamedShadowsForThing/{thingName} and POST /topics/{topic}.");
        return false;
    }

    /// <summary>Query parameters, each name and value percent-decoded once (<c>+</c> stays <c>+</c>, as SigV4 reads it).
    /// A repeated name keeps its first value.</summary>
    internal static Dictionary<string, string> ParseQuery(string query)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int equals = pair.IndexOf('=');
            string name = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            string value = equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..]);
            parameters.TryAdd(name, value);
        }

        return parameters;
    }

    /// <summary>AWS's validation message (the "1 validation error detected" form of AWS's rest-json services).</summary>
    internal static IotDataError Invalid(string value, string member, string constraint) =>
        IotDataError.InvalidRequest("1 validation error detected: Value '" + value + "' at '" + member + "' failed to satisfy constraint: " + constraint);

    private static IotDataError NotAllowed(string method, string template, string allowed) =>
        IotDataError.MethodNotAllowed("The method " + method + " is not allowed on " + template + " (use " + allowed + ").");

    private static bool TryThingName(string thing, [NotNullWhen(false)] out IotDataError? error)
    {
        error = thing.Length > ShadowNames.MaxThingNameLength
            ? Invalid(thing, "thingName", "Member must have length less than or equal to " + ShadowNames.MaxThingNameLength)
            : !ShadowNames.IsValidThingName(thing)
                ? Invalid(thing, "thingName", "Member must satisfy regular expression pattern: [a-zA-Z0-9:_-]+")
                : null;
        return error is null;
    }

    private static bool TryShadowName(Dictionary<string, string> query, out string shadow, [NotNullWhen(false)] out IotDataError? error)
    {
        error = null;
        shadow = query.GetValueOrDefault("name") ?? "";
        if (shadow.Length == 0)
        {
            return true; // the classic shadow (no name, or name= empty as SDKs never send it)
        }

        error = shadow.Length > ShadowNames.MaxShadowNameLength
            ? Invalid(shadow, "shadowName", "Member must have length less than or equal to " + ShadowNames.MaxShadowNameLength)
            : !ShadowNames.IsValidShadowName(shadow)
                ? Invalid(shadow, "shadowName", "Member must satisfy regular expression pattern: [$a-zA-Z0-9:_-]+")
                : null;
        return error is null;
    }

    private static bool TryPageSize(Dictionary<string, string> query, out int pageSize, [NotNullWhen(false)] out IotDataError? error)
    {
        error = null;
        pageSize = IotDataCall.MaxPageSize;
        if (!query.TryGetValue("pageSize", out string? text))
        {
            return true;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize < 1 || pageSize > IotDataCall.MaxPageSize)
        {
            error = Invalid(text, "pageSize", "Member must be an integer between 1 and " + IotDataCall.MaxPageSize);
            return false;
        }

        return true;
    }

    private static bool TryQos(Dictionary<string, string> query, out int qos, [NotNullWhen(false)] out IotDataError? error)
    {
        error = null;
        qos = 0;
        if (!query.TryGetValue("qos", out string? text))
        {
            return true;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out qos) || qos > 1)
        {
            error = Invalid(text, "qos", "Member must be 0 or 1 (AWS IoT supports QoS 0 and 1)");
            return false;
        }

        return true;
    }

    private static bool TryRetain(Dictionary<string, string> query, out bool retain, [NotNullWhen(false)] out IotDataError? error)
    {
        error = null;
        retain = false;
        if (!query.TryGetValue("retain", out string? text))
        {
            return true;
        }

        if (!bool.TryParse(text, out retain))
        {
            error = Invalid(text, "retain", "Member must be true or false");
            return false;
        }

        return true;
    }
}
