using System.Text.Json.Nodes;

namespace NanoThing.LocalIot.Tests.OverMqtt;

/// <summary>AWS IoT policy documents for broker tests: one Allow statement per (action, resource).</summary>
internal static class AllowPolicy
{
    /// <summary>The ARN prefix with any region and account.</summary>
    public const string Arn = "arn:aws:iot:*:*:";

    /// <summary>A policy document allowing each (action, resource) pair.</summary>
    public static string Of(params (string Action, string Resource)[] allow) => new JsonObject
    {
        ["Version"] = "2012-10-17",
        ["Statement"] = new JsonArray(allow.Select(a => (JsonNode)new JsonObject { ["Effect"] = "Allow", ["Action"] = a.Action, ["Resource"] = a.Resource }).ToArray()),
    }.ToJsonString();
}
