using NanoThing.Cli.Commands.Policy;
using NanoThing.Core.Shadow;
using NanoThing.LocalIot.Policies;
using Engine = NanoThing.LocalIot.Policies.IotPolicy;
using Generator = NanoThing.Cli.Commands.Policy.IotPolicy;

namespace NanoThing.Cli.Tests.Commands.Policy;

/// <summary>
/// The documents <c>nanothing policy</c> prints, evaluated by the stand-in's policy engine (AWS's rules) for the traffic
/// the device really makes — its topics built by the firmware's own <see cref="ShadowTopics"/>, for the shadow its
/// config names — and for traffic the policy must refuse: another thing's or another shadow's topics, a client id
/// that is not the thing, a certificate attached to no thing, a forged reply.
/// </summary>
[TestClass]
public sealed class GeneratedPolicyAuthorizationTests
{
    private const string Thing = "kitchen";
    private static readonly ShadowTopicType[] Requests = [ShadowTopicType.Get, ShadowTopicType.Update];
    private static readonly ShadowTopicType[] Replies =
        [ShadowTopicType.GetAccepted, ShadowTopicType.GetRejected, ShadowTopicType.UpdateAccepted, ShadowTopicType.UpdateRejected, ShadowTopicType.UpdateDelta];

    private static Engine Generated(bool telemetry, string? shadow)
    {
        var device = new DevicePolicy(telemetry, shadow);
        var parsed = Engine.Parse(device.Name, Generator.Generate(device));
        Assert.IsNull(parsed.Error, parsed.Error);
        return parsed.Policy!;
    }

    /// <summary>Certificate attached to <paramref name="thing"/>, connected with <paramref name="clientId"/>.</summary>
    private static AuthorizationContext Device(string thing = Thing, string? clientId = null)
    {
        clientId ??= thing;
        return new AuthorizationContext(clientId, "ab12", thing, clientId == thing ? thing : null, null);
    }

    private static string Topic(ShadowTopicType type, string thing, string? shadow)
    {
        Assert.AreEqual(ShadowTopicStatus.Ok, ShadowTopics.TryBuild(type, thing, shadow, out string topic));
        return topic;
    }

    private static bool Allowed(Engine policy, AuthorizationContext caller, string action, string resource) =>
        PolicyEngine.Authorize([policy], new AuthorizationRequest(action, resource), caller).Allowed;

    private static void AssertAllowed(bool expected, Engine policy, AuthorizationContext caller, string action, string resource)
    {
        var decision = PolicyEngine.Authorize([policy], new AuthorizationRequest(action, resource), caller);
        Assert.AreEqual(expected, decision.Allowed, decision.Explanation);
    }

    [TestMethod]
    [DataRow(false, null)]
    [DataRow(true, null)]
    [DataRow(false, "config")]
    [DataRow(true, "config")]
    [DataRow(false, "a:b_c-$d")]
    public void DevicesRealTraffic_IsAllowed(bool telemetry, string? shadow)
    {
        var policy = Generated(telemetry, shadow);
        var device = Device();
        AssertAllowed(true, policy, device, IotActions.Connect, IotArn.Client(Thing));
        foreach (var request in Requests)
        {
            AssertAllowed(true, policy, device, IotActions.Publish, IotArn.Topic(Topic(request, Thing, shadow)));
        }

        foreach (var reply in Replies)
        {
            // The device subscribes to each exact reply topic and must receive what is published on it.
            AssertAllowed(true, policy, device, IotActions.Subscribe, IotArn.TopicFilter(Topic(reply, Thing, shadow)));
            AssertAllowed(true, policy, device, IotActions.Receive, IotArn.Topic(Topic(reply, Thing, shadow)));
        }

        string telemetryTopic = "dt/nanothing/" + Thing + "/telemetry";
        AssertAllowed(telemetry, policy, device, IotActions.Publish, IotArn.Topic(telemetryTopic));
    }

    [TestMethod]
    [DataRow(null, "config")]   // classic policy, device configured with a named shadow: AWS refuses it (the issue's finding)
    [DataRow("config", null)]   // named-shadow policy, classic device
    [DataRow("config", "other")]
    public void ShadowTheConfigDoesNotName_IsRefused(string? policyShadow, string? deviceShadow)
    {
        var policy = Generated(false, policyShadow);
        var device = Device();
        Assert.IsFalse(Allowed(policy, device, IotActions.Publish, IotArn.Topic(Topic(ShadowTopicType.Update, Thing, deviceShadow))));
        Assert.IsFalse(Allowed(policy, device, IotActions.Subscribe, IotArn.TopicFilter(Topic(ShadowTopicType.UpdateDelta, Thing, deviceShadow))));
        Assert.IsFalse(Allowed(policy, device, IotActions.Receive, IotArn.Topic(Topic(ShadowTopicType.GetAccepted, Thing, deviceShadow))));
    }

    [TestMethod]
    [DataRow(null)]
    [DataRow("config")]
    public void AnotherThingsShadow_IsRefused(string? shadow)
    {
        var policy = Generated(true, shadow);
        var device = Device();
        foreach (var type in Requests)
        {
            Assert.IsFalse(Allowed(policy, device, IotActions.Publish, IotArn.Topic(Topic(type, "garage", shadow))), type.ToString());
        }

        foreach (var type in Replies)
        {
            Assert.IsFalse(Allowed(policy, device, IotActions.Subscribe, IotArn.TopicFilter(Topic(type, "garage", shadow))), type.ToString());
            Assert.IsFalse(Allowed(policy, device, IotActions.Receive, IotArn.Topic(Topic(type, "garage", shadow))), type.ToString());
        }

        Assert.IsFalse(Allowed(policy, device, IotActions.Publish, IotArn.Topic("dt/nanothing/garage/telemetry")));
        // A thing whose name starts with this one's: no prefix match.
        Assert.IsFalse(Allowed(policy, device, IotActions.Publish, IotArn.Topic(Topic(ShadowTopicType.Update, Thing + "2", shadow))));
    }

    [TestMethod]
    [DataRow(null)]
    [DataRow("config")]
    public void ForgedRepliesAndWildcards_AreRefused(string? shadow)
    {
        var policy = Generated(false, shadow);
        var device = Device();
        // The device must not publish the service's replies to itself (a forged get/accepted or delta) ...
        foreach (var reply in Replies)
        {
            Assert.IsFalse(Allowed(policy, device, IotActions.Publish, IotArn.Topic(Topic(reply, Thing, shadow))), reply.ToString());
        }

        Assert.IsFalse(Allowed(policy, device, IotActions.Publish, IotArn.Topic(Topic(ShadowTopicType.UpdateDocuments, Thing, shadow))));
        // ... nor subscribe to every thing's shadows, nor to everything.
        Assert.IsFalse(Allowed(policy, device, IotActions.Subscribe, IotArn.TopicFilter("$aws/things/+/shadow/#")));
        Assert.IsFalse(Allowed(policy, device, IotActions.Subscribe, IotArn.TopicFilter("#")));
        Assert.IsFalse(Allowed(policy, device, IotActions.Receive, IotArn.Topic("$aws/events/presence/connected/" + Thing)));
        Assert.IsFalse(Allowed(policy, device, IotActions.RetainPublish, IotArn.Topic(Topic(ShadowTopicType.Update, Thing, shadow))));
    }

    [TestMethod]
    [DataRow(null)]
    [DataRow("config")]
    public void ConnectAsAnythingButTheAttachedThing_IsRefused(string? shadow)
    {
        var policy = Generated(false, shadow);
        Assert.IsFalse(Allowed(policy, Device(clientId: "observer"), IotActions.Connect, IotArn.Client("observer")));
        Assert.IsFalse(Allowed(policy, Device(clientId: "garage"), IotActions.Connect, IotArn.Client("garage")));
        // A certificate attached to no thing, even with the thing's name as client id.
        var unattached = new AuthorizationContext(Thing, "ab12", Thing, null, null);
        Assert.IsFalse(Allowed(policy, unattached, IotActions.Connect, IotArn.Client(Thing)));
        Assert.IsFalse(Allowed(policy, unattached, IotActions.Publish, IotArn.Topic(Topic(ShadowTopicType.Update, Thing, shadow))));
        // The data plane (no MQTT connection): the thing variable is undefined, nothing is allowed.
        Assert.IsFalse(Allowed(policy, AuthorizationContext.WithoutConnection, IotActions.GetThingShadow, IotArn.Thing(Thing)));
    }
}
