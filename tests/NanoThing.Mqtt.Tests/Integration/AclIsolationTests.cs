using NanoThing.LocalIot.Pki;
using NanoThing.Mqtt.Packets;
using NanoThing.Mqtt.Tests.Support;

namespace NanoThing.Mqtt.Tests.Integration;

/// <summary>
/// The generated ACL confines each thing to its own shadow topics. mosquitto acknowledges denied publishes and
/// grants denied subscriptions (quirk Q7), so "not delivered" is asserted with a marker: a message the same
/// receiver is allowed to get, published after the forbidden one; mosquitto delivers in order, so once the
/// marker arrived the forbidden message would already be there.
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
    public async Task ThingA_DoesNotReceive_ThingBsShadowReplies()
    {
        await using var a = await s_standIn.ConnectAsync("acl-a1");
        await using var b = await s_standIn.ConnectAsync("acl-b1");
        await using var service = await s_standIn.ConnectAsync(Service);
        await a.SubscribeAsync("$aws/things/acl-b1/shadow/#", "$aws/things/+/shadow/update/accepted"); // granted by 2.0.11, filtered at delivery
        await b.SubscribeAsync("$aws/things/acl-b1/shadow/update/accepted");

        await service.PublishAsync("$aws/things/acl-b1/shadow/update/accepted", "for b only");
        await service.PublishAsync("$aws/things/acl-a1/shadow/update/accepted", "marker for a");

        Assert.AreEqual("for b only", await b.WaitForAsync("$aws/things/acl-b1/shadow/update/accepted"));
        Assert.AreEqual("marker for a", await a.WaitForAsync("$aws/things/acl-a1/shadow/update/accepted"));
        Assert.IsFalse(a.HasReceived("$aws/things/acl-b1/shadow/update/accepted"), "thing A read thing B's shadow reply");
    }

    [TestMethod]
    public async Task ThingA_CannotChange_ThingBsShadow_PublishIsAckedButDropped()
    {
        await using var a = await s_standIn.ConnectAsync("acl-a2");
        await using var service = await s_standIn.ConnectAsync(Service);
        await service.SubscribeAsync("$aws/things/+/shadow/#");

        var denied = await a.Client.PublishAsync("$aws/things/acl-b2/shadow/update", "{\"state\":{\"desired\":{\"led\":0}}}"u8.ToArray());
        Assert.AreEqual(MqttPublishStatus.Acknowledged, denied.Status, "MQTT 3.1.1 mosquitto acks a denied publish (Q7)");
        await a.PublishAsync("$aws/things/acl-a2/shadow/update", "marker");

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
        await using var a = await s_standIn.ConnectAsync("acl-a3");
        await using var service = await s_standIn.ConnectAsync(Service);
        await service.SubscribeAsync("$aws/things/+/shadow/#");
        await a.SubscribeAsync("$aws/things/acl-a3/shadow/#");

        await a.PublishAsync(reply, "forged");
        await a.PublishAsync("$aws/things/acl-a3/shadow/get", "marker");

        await service.WaitForAsync("$aws/things/acl-a3/shadow/get");
        await a.WaitForAsync("$aws/things/acl-a3/shadow/get");
        Assert.IsFalse(service.HasReceived(reply), "forged reply reached the service");
        Assert.IsFalse(a.HasReceived(reply), "forged reply reached subscribers");
    }

    [TestMethod]
    [DataRow("$aws/things/acl-a4/shadow/get")]
    [DataRow("$aws/things/acl-a4/shadow/update")]
    [DataRow("$aws/things/acl-a4/shadow/delete")]
    [DataRow("$aws/things/acl-a4/shadow/name/config/get")]
    [DataRow("$aws/things/acl-a4/shadow/name/config/update")]
    [DataRow("$aws/things/acl-a4/shadow/name/config/delete")]
    public async Task Thing_MayPublishEveryRequest_ForItsOwnShadows(string request)
    {
        await using var a = await s_standIn.ConnectAsync("acl-a4");
        await using var service = await s_standIn.ConnectAsync(Service);
        await service.SubscribeAsync("$aws/things/+/shadow/#");
        await a.PublishAsync(request, "{}");
        Assert.AreEqual("{}", await service.WaitForAsync(request));
    }

    [TestMethod]
    public async Task ClientIdOfAnotherThing_DoesNotKickThatThingOff()
    {
        await using var b = await s_standIn.ConnectAsync("acl-b6");
        await using var service = await s_standIn.ConnectAsync(Service);
        await service.SubscribeAsync("$aws/things/+/shadow/#");

        // thing A's certificate with thing B's client id: mosquitto replaces the id with A's CN, so B stays
        await using var impostor = await ConnectedClient.ConnectAsync(s_standIn.Options("acl-a6") with { ClientId = "acl-b6" });
        await impostor.PublishAsync("$aws/things/acl-a6/shadow/get", "from a");
        await service.WaitForAsync("$aws/things/acl-a6/shadow/get");

        await b.PublishAsync("$aws/things/acl-b6/shadow/get", "b still here");
        Assert.AreEqual("b still here", await service.WaitForAsync("$aws/things/acl-b6/shadow/get"));
        Assert.IsFalse(b.Lost.IsCompleted, "thing B was disconnected by a client using its id");
    }
}
