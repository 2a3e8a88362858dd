using System.Text.Json;
using System.Text.Json.Nodes;

namespace NanoThing.LocalIot.Shadows;

/// <summary>
/// A validated <c>/update</c> request: <c>{"state":{"desired":{…},"reported":{…}},"clientToken":"…","version":N}</c>.
/// Content outside <c>state</c>, <c>clientToken</c> and <c>version</c> is ignored, as on AWS.
/// </summary>
internal sealed class UpdateRequest
{
    private UpdateRequest()
    {
    }

    /// <summary>True when the request names <c>state.desired</c> (an object, or null to remove the section).</summary>
    public bool HasDesired { get; private init; }

    /// <summary>The desired patch; null with <see cref="HasDesired"/> means "remove the desired section".</summary>
    public JsonObject? Desired { get; private init; }

    /// <summary>True when the request names <c>state.reported</c>.</summary>
    public bool HasReported { get; private init; }

    /// <summary>The reported patch; null with <see cref="HasReported"/> means "remove the reported section".</summary>
    public JsonObject? Reported { get; private init; }

    /// <summary>The expected current version (optimistic locking), or null when not sent.</summary>
    public long? Version { get; private init; }

    /// <summary>The client token to echo, or null when not sent.</summary>
    public string? ClientToken { get; private init; }

    /// <summary>
    /// Validates an update payload. Returns null and the request, or the error to reply with; the token is
    /// set whenever it could be read, so that a rejection can echo it. Check order: size, UTF-8, JSON,
    /// clientToken, state node, desired/reported types, unknown nodes, nesting depth, null in arrays, version.
    /// Never throws.
    /// </summary>
    public static ShadowError? TryParse(ReadOnlySpan<byte> payload, out UpdateRequest? request, out string? token)
    {
        request = null;
        token = null;
        var error = ShadowJson.TryReadObject(payload, out var root);
        if (error is not null)
        {
            return error;
        }

        error = Shadows.ClientToken.TryRead(root!, out token);
        if (error is not null)
        {
            return error;
        }

        if (!root!.TryGetPropertyValue("state", out var stateNode))
        {
            return ShadowError.MissingState;
        }

        bool hasDesired, hasReported;
        JsonNode? desired = null, reported = null;
        if (stateNode is null)
        {
            // {"state": null} clears both sections; the shadow itself stays (device-shadow-data-flow).
            hasDesired = hasReported = true;
        }
        else if (stateNode is JsonObject state)
        {
            hasDesired = state.TryGetPropertyValue("desired", out desired);
            hasReported = state.TryGetPropertyValue("reported", out reported);
            if (hasDesired && desired is not null and not JsonObject)
            {
                return ShadowError.DesiredNotObject;
            }

            if (hasReported && reported is not null and not JsonObject)
            {
                return ShadowError.ReportedNotObject;
            }

            if (state.Any(p => p.Key is not ("desired" or "reported")))
            {
                return ShadowError.InvalidStateNode;
            }
        }
        else
        {
            return ShadowError.StateNotObject;
        }

        foreach (var section in new[] { desired, reported })
        {
            if (section is not null && Depth(section) > ShadowLimits.MaxDepth)
            {
                return ShadowError.TooDeep;
            }

            if (section is not null && HasNullInArray(section))
            {
                return ShadowError.InvalidStateNode;
            }
        }

        long? version = null;
        if (root.TryGetPropertyValue("version", out var versionNode))
        {
            if (versionNode is not JsonValue v || v.GetValueKind() != JsonValueKind.Number
                || !v.TryGetValue(out long parsed) || parsed < 0)
            {
                return ShadowError.InvalidVersion;
            }

            version = parsed;
        }

        request = new UpdateRequest
        {
            HasDesired = hasDesired,
            Desired = desired as JsonObject,
            HasReported = hasReported,
            Reported = reported as JsonObject,
            Version = version,
            ClientToken = token,
        };
        return null;
    }

    /// <summary>Container depth: an object or array is 1 plus its deepest child; a scalar is 0.</summary>
    private static int Depth(JsonNode? node) => node switch
    {
        JsonObject o => 1 + o.Select(p => Depth(p.Value)).DefaultIfEmpty(0).Max(),
        JsonArray a => 1 + a.Select(Depth).DefaultIfEmpty(0).Max(),
        _ => 0,
    };

    private static bool HasNullInArray(JsonNode? node) => node switch
    {
        JsonObject o => o.Any(p => HasNullInArray(p.Value)),
        JsonArray a => a.Any(e => e is null || HasNullInArray(e)),
        _ => false,
    };
}
