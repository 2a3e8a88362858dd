namespace NanoThing.LocalIot.Policies;

/// <summary>
/// The ARNs of the resources AWS IoT authorizes (iot-action-resources.html):
/// <c>arn:aws:iot:&lt;region&gt;:&lt;account&gt;:&lt;type&gt;/&lt;name&gt;</c> with type <c>client</c>, <c>topic</c>,
/// <c>topicfilter</c> or <c>thing</c>. Built with the stand-in's own <see cref="Region"/> and <see cref="Account"/>;
/// policies may name any region and account (usually <c>*</c>), the engine matches them as patterns.
/// </summary>
public static class IotArn
{
    /// <summary>The stand-in's region: a real region name, so AWS SDKs and the CLI accept it unchanged.</summary>
    public const string Region = "us-east-1";

    /// <summary>The stand-in's account id: twelve zeros, an id no AWS account has (the convention of local AWS emulators).</summary>
    public const string Account = "000000000000";

    /// <summary>The prefix every resource ARN of the stand-in starts with.</summary>
    public const string Prefix = "arn:aws:iot:" + Region + ":" + Account + ":";

    /// <summary>The resource of <c>iot:Connect</c>: <c>…:client/&lt;clientId&gt;</c>.</summary>
    public static string Client(string clientId) => Prefix + "client/" + clientId;

    /// <summary>The resource of <c>iot:Publish</c>, <c>iot:Receive</c>, <c>iot:RetainPublish</c>: <c>…:topic/&lt;topic&gt;</c>.</summary>
    public static string Topic(string topic) => Prefix + "topic/" + topic;

    /// <summary>The resource of <c>iot:Subscribe</c>: <c>…:topicfilter/&lt;filter&gt;</c>, the filter exactly as the client sent it.</summary>
    public static string TopicFilter(string filter) => Prefix + "topicfilter/" + filter;

    /// <summary>The resource of the classic shadow's actions (<c>iot:GetThingShadow</c>, …): <c>…:thing/&lt;thing&gt;</c>.</summary>
    public static string Thing(string thingName) => Prefix + "thing/" + thingName;

    /// <summary>The resource of a named shadow's actions: <c>…:thing/&lt;thing&gt;/&lt;shadowName&gt;</c>.</summary>
    public static string Thing(string thingName, string shadowName) => Prefix + "thing/" + thingName + "/" + shadowName;
}
