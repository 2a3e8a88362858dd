using System.Text.Json;
using NanoThing.Cli.Execution;

namespace NanoThing.Cli.Commands.Policy;

/// <summary>
/// The least-privilege AWS IoT policy of a NanoThing device that uses only its classic shadow (and, with telemetry,
/// one telemetry topic). Every resource is scoped with <c>${iot:Connection.Thing.ThingName}</c>, so one policy
/// serves all things and a certificate reaches only the shadow of the thing it is attached to (which also makes the
/// MQTT client id equal the thing name). Pure: the same input gives the same bytes.
/// </summary>
/// <remarks>
/// Shape from AWS's least-privilege advice and its classic-shadow demo policy (connect on
/// <c>client/${iot:Connection.Thing.ThingName}</c> with <c>iot:Connection.Thing.IsAttached</c>; publish on the
/// request topics; subscribe (topicfilter) and receive (topic) on the exact reply topics). Region and account are
/// "*": a policy only ever applies in the account and region it is created in, so the wildcards grant nothing more,
/// and spelling them out (+29 characters per ARN) would push the document past AWS's 2048-character limit. For the
/// same reason named shadows are not granted.
/// </remarks>
public static class IotPolicy
{
    /// <summary>AWS's limit on a policy document, counting every character except whitespace.</summary>
    public const int MaxCharacters = 2048;
    /// <summary>The thing-name policy variable.</summary>
    public const string ThingVariable = "${iot:Connection.Thing.ThingName}";
    /// <summary>The telemetry topic a device may publish to with <c>--telemetry</c> (AWS's "dt/&lt;app&gt;/&lt;thing&gt;/&lt;type&gt;" pattern).</summary>
    public const string TelemetryTopic = "dt/nanothing/" + ThingVariable + "/telemetry";

    private const string ShadowPrefix = "$aws/things/" + ThingVariable + "/shadow/";
    private static readonly string[] Requests = ["get", "update", "delete"];
    private static readonly string[] Replies =
        ["get/accepted", "get/rejected", "update/accepted", "update/rejected", "update/delta", "delete/accepted", "delete/rejected"];

    /// <summary>The policy document (indented JSON, '\n' line ends, no trailing newline).</summary>
    /// <param name="telemetry">Also allow publishing to <see cref="TelemetryTopic"/>.</param>
    public static string Generate(bool telemetry)
    {
        const string arn = "arn:aws:iot:*:*:";
        var publish = Requests.Select(request => arn + "topic/" + ShadowPrefix + request).ToList();
        if (telemetry)
        {
            publish.Add(arn + "topic/" + TelemetryTopic);
        }

        return JsonText.Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("Version", "2012-10-17");
            json.WriteStartArray("Statement");
            WriteConnect(json, arn + "client/" + ThingVariable);
            WriteStatement(json, "iot:Publish", publish);
            WriteStatement(json, "iot:Subscribe", Replies.Select(reply => arn + "topicfilter/" + ShadowPrefix + reply));
            WriteStatement(json, "iot:Receive", Replies.Select(reply => arn + "topic/" + ShadowPrefix + reply));
            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    /// <summary>The size AWS counts against <see cref="MaxCharacters"/>: all characters except whitespace.</summary>
    public static int CountedCharacters(string document) => document.Count(c => !char.IsWhiteSpace(c));

    private static void WriteConnect(Utf8JsonWriter json, string resource)
    {
        json.WriteStartObject();
        json.WriteString("Effect", "Allow");
        json.WriteString("Action", "iot:Connect");
        json.WriteString("Resource", resource);
        json.WriteStartObject("Condition");
        json.WriteStartObject("Bool");
        json.WriteString("iot:Connection.Thing.IsAttached", "true");
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteStatement(Utf8JsonWriter json, string action, IEnumerable<string> resources)
    {
        json.WriteStartObject();
        json.WriteString("Effect", "Allow");
        json.WriteString("Action", action);
        json.WriteStartArray("Resource");
        foreach (string resource in resources)
        {
            json.WriteStringValue(resource);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
