using System.Text.Json;
using NanoThing.Cli.Execution;

namespace NanoThing.Cli.Commands.Policy;

/// <summary>
/// The least-privilege AWS IoT policy of a NanoThing device: the one shadow its config names (the classic shadow, or
/// the named shadow of <c>shadowName</c>) and, with telemetry, one telemetry topic. Every resource is scoped with
/// <c>${iot:Connection.Thing.ThingName}</c>, so one policy serves all things and a certificate reaches only the shadow
/// of the thing it is attached to (which also makes the MQTT client id equal the thing name). Pure: the same input
/// gives the same bytes.
/// </summary>
/// <remarks>
/// Shape from AWS's least-privilege advice and its classic-shadow demo policy (connect on
/// <c>client/${iot:Connection.Thing.ThingName}</c> with <c>iot:Connection.Thing.IsAttached</c>; publish on the
/// request topics; subscribe (topicfilter) and receive (topic) on the exact reply topics). Region and account are
/// "*": a policy only ever applies in the account and region it is created in, so the wildcards grant nothing more,
/// and spelling them out (+29 characters per ARN) would push the document past AWS's 2048-character limit.
/// The classic policy lists every reply topic exactly (1956 of the 2048 characters). A named shadow adds
/// <c>name/&lt;shadow&gt;/</c> (up to 70 characters) to every ARN, which would not fit seventeen times, so its
/// subscribe and receive grants are one per operation, <c>…/name/&lt;shadow&gt;/get/*</c>, <c>update/*</c>,
/// <c>delete/*</c>: still only that thing's own shadow (thing and shadow names cannot contain '/'), while publishing
/// stays exact.
/// </remarks>
public static class IotPolicy
{
    /// <summary>AWS's limit on a policy document, counting every character except whitespace.</summary>
    public const int MaxCharacters = NanoThing.LocalIot.Policies.IotPolicy.MaxCharacters;
    /// <summary>The thing-name policy variable.</summary>
    public const string ThingVariable = "${iot:Connection.Thing.ThingName}";
    /// <summary>The telemetry topic a device may publish to with <c>--telemetry</c> (AWS's "dt/&lt;app&gt;/&lt;thing&gt;/&lt;type&gt;" pattern).</summary>
    public const string TelemetryTopic = "dt/nanothing/" + ThingVariable + "/telemetry";

    private const string ShadowPrefix = "$aws/things/" + ThingVariable + "/shadow/";
    private const string Arn = "arn:aws:iot:*:*:";
    private static readonly string[] Requests = ["get", "update", "delete"];
    private static readonly string[] Replies =
        ["get/accepted", "get/rejected", "update/accepted", "update/rejected", "update/delta", "delete/accepted", "delete/rejected"];

    /// <summary>The classic-shadow policy document (indented JSON, '\n' line ends, no trailing newline).</summary>
    /// <param name="telemetry">Also allow publishing to <see cref="TelemetryTopic"/>.</param>
    public static string Generate(bool telemetry) => Generate(new DevicePolicy(telemetry, null));

    /// <summary>The policy document for <paramref name="device"/> (indented JSON, '\n' line ends, no trailing newline).</summary>
    public static string Generate(DevicePolicy device)
    {
        string shadow = device.ShadowName is null ? ShadowPrefix : ShadowPrefix + "name/" + device.ShadowName + "/";
        var publish = Requests.Select(request => Arn + "topic/" + shadow + request).ToList();
        if (device.Telemetry)
        {
            publish.Add(Arn + "topic/" + TelemetryTopic);
        }

        IEnumerable<string> replies = device.ShadowName is null ? Replies : Requests.Select(request => request + "/*");
        return JsonText.Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("Version", "2012-10-17");
            json.WriteStartArray("Statement");
            WriteConnect(json, Arn + "client/" + ThingVariable);
            WriteStatement(json, "iot:Publish", publish);
            WriteStatement(json, "iot:Subscribe", replies.Select(reply => Arn + "topicfilter/" + shadow + reply));
            WriteStatement(json, "iot:Receive", replies.Select(reply => Arn + "topic/" + shadow + reply));
            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    /// <summary>The size AWS counts against <see cref="MaxCharacters"/>: all characters except whitespace.</summary>
    public static int CountedCharacters(string document) => NanoThing.LocalIot.Policies.IotPolicy.CountedCharacters(document);

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
