using NanoThing.LocalIot.Pki;
using NanoThing.Mqtt.Packets;
using NanoThing.Mqtt.Tests.Support;

namespace NanoThing.Mqtt.Tests.Integration;

/// <summary>
/// Each thing is confined to its own shadow topics, and, as AWS IoT Core does over MQTT 3.1.1, a publish or subscribe
/// outside that closes the connection (aws/aws-iot-device-sdk-js #125: "disconnect is expected") instead of being
/// acknowledged and dropped; a client id that is not the thing's own is refused at CONNECT.
/// </summary>
[TestClass]
public sealed class AclIsolationTests
{
    private const string Service = LocalCa.ShadowServiceIdentity;
    private static LocalStandIn s_standIn = null!;

    [ClassInitialize]
    public static async Task StartAsync(TestContext _) => s_standIn = await LocalStandIn.StartAsync();

    [ClassCleanup]
    public static async Task StopAsync() => await s_standIn.DisposeAsync();

    [TestMethod]
    public async Task ThingA_SubscribingToThingBsShadow_LosesItsConnection()
    {
        await using var a = await s_standIn.ConnectAsync("acl-a1");

        var result = await a.Client.SubscribeAsync([new MqttSubscription("$aws/things/acl-b1/shadow/#", MqttQos.AtLeastOnce)]);

        Assert.IsFalse(result.AllGranted, result.Message);
        await a.Lost.WaitAsync(ConnectedClient.Bound);
        Assert.IsFalse(a.Client.IsConnected);
    }

    [TestMethod]
    public async Task ThingA_CannotChange_ThingBsShadow_PublishClosesTheConnection()
    {
        await using var a = await s_standIn.ConnectAsync("acl-a2");
        await using var service = await s_standIn.ConnectAsync(Service);
        await service.SubscribeAsync("$aws/things/+/shadow/#");

        var denied = await a.Client.PublishAsync("$aws/things/acl-b2/shadow/update", "{\"state\":{\"desired\":{\"led\":0}}}"u8.ToArray());

        Assert.AreNotEqual(MqttPublishStatus.Acknowledged, denied.Status, "a denied publish must not be acknowledged");
        await a.Lost.WaitAsync(ConnectedClient.Bound);
        await using var again = await s_standIn.ConnectAsync("acl-a2");
        await again.PublishAsync("$aws/things/acl-a2/shadow/update", "marker");
        Assert.AreEqual("marker", await service.WaitForAsync("$aws/things/acl-a2/shadow/update"));
        Assert.IsFalse(service.HasReceived("$aws/things/acl-b2/shadow/update"), "thing A changed thing B's shadow");
    }

    [TestMethod]
    [DataRow("$aws/things/acl-a3/shadow/update/accepted")]
    [DataRow("$aws/things/acl-a3/shadow/update/delta")]
    [DataRow("$aws/things/acl-a3/shadow/get/rejected")]
    [DataRow("$aws/things/acl-a3/shadow/update/documents")]
    [DataRow("$aws/things/acl-a3/shadow/name/config/update/accepted")]
    public async Task Thing_CannotForgeServiceReplies_EvenForItself(string reply)
    {
        await using var service = await s_standIn.ConnectAsync(Service);
        await service.SubscribeAsync("$aws/things/+/shadow/#");
        await using var a = await s_standIn.ConnectAsync("acl-a3");

        var forged = await a.Client.PublishAsync(reply, "forged"u8.ToArray());

        Assert.AreNotEqual(MqttPublishStatus.Acknowledged, forged.Status);
        await a.Lost.WaitAsync(ConnectedClient.Bound);
        await using var again = await s_standIn.ConnectAsync("acl-a3");
        await again.PublishAsync("$aws/things/acl-a3/shadow/get", "marker");
        await service.WaitForAsync("$aws/things/acl-a3/shadow/get");
        Assert.IsFalse(service.Received.Any(m => m.Topic == reply && m.Payload.Span.SequenceEqual("forged"u8)), "forged reply reached subscribers");
    }

    [TestMethod]
    [DataRow("$aws/things/acl-a4/shadow/get")]
    [DataRow("$aws/things/acl-a4/shadow/update")]
    [DataRow("$aws/things/acl-a4/shadow/delete")]
    public async Task Thing_MayPublishEveryRequest_ForItsOwnClassicShadow(string request)
    {
        await using var a = await s_standIn.ConnectAsync("acl-a4");
        await using var service = await s_standIn.ConnectAsync(Service);
        await service.SubscribeAsync("$aws/things/+/shadow/#");
        await a.PublishAsync(request, "{}");
        Assert.AreEqual("{}", await service.WaitForAsync(request));
    }

    [TestMethod]
    [DataRow("$aws/things/acl-a5/shadow/name/config/get")]
    [DataRow("$aws/things/acl-a5/shadow/name/config/update")]
    public async Task NamedShadowRequests_AreOutsideTheClassicPolicy_AndCloseTheConnection(string request)
    {
        // `nanothing policy` without --shadow grants the classic shadow only; AWS would refuse these the same way.
        await using var a = await s_standIn.ConnectAsync("acl-a5");

        var result = await a.Client.PublishAsync(request, "{}"u8.ToArray());

        Assert.AreNotEqual(MqttPublishStatus.Acknowledged, result.Status);
        await a.Lost.WaitAsync(ConnectedClient.Bound);
    }

    [TestMethod]
    public async Task ClientIdOfAnotherThing_IsRefusedAtConnect_AndDoesNotKickThatThingOff()
    {
        await using var b = await s_standIn.ConnectAsync("acl-b6");
        await using var service = await s_standIn.ConnectAsync(Service);
        await service.SubscribeAsync("$aws/things/+/shadow/#");

        await using var impostor = new MqttClient(s_standIn.Options("acl-a6") with { ClientId = "acl-b6" });
        var refused = await impostor.ConnectAsync();
        Assert.AreEqual(MqttConnectStatus.RefusedNotAuthorized, refused.Status, refused.Message);

        await b.PublishAsync("$aws/things/acl-b6/shadow/get", "b still here");
        Assert.AreEqual("b still here", await service.WaitForAsync("$aws/things/acl-b6/shadow/get"));
        Assert.IsFalse(b.Lost.IsCompleted, "thing B was disconnected by a client using its id");
    }
}
