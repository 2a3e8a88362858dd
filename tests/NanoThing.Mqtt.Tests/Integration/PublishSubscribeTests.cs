using NanoThing.LocalIot.Pki;
using NanoThing.Mqtt.Packets;
using NanoThing.Mqtt.Tests.Support;

namespace NanoThing.Mqtt.Tests.Integration;

/// <summary>QoS 0/1 traffic through the real stand-in broker between a thing and an application identity.</summary>
[TestClass]
public sealed class PublishSubscribeTests
{
    private const string Service = LocalCa.ShadowServiceIdentity;
    private static LocalStandIn s_standIn = null!;

    [ClassInitialize]
    public static async Task StartAsync(TestContext _) => s_standIn = await LocalStandIn.StartAsync();

    [ClassCleanup]
    public static async Task StopAsync() => await s_standIn.DisposeAsync();

    [TestMethod]
    [DataRow(MqttQos.AtMostOnce)]
    [DataRow(MqttQos.AtLeastOnce)]
    public async Task RequestFromThing_AndReplyFromService_RoundTrip(MqttQos qos)
    {
        await using var service = await s_standIn.ConnectAsync(Service);
        await using var thing = await s_standIn.ConnectAsync("pub-kitchen");
        await service.SubscribeAsync("$aws/things/+/shadow/update");
        await thing.SubscribeAsync("$aws/things/pub-kitchen/shadow/update/accepted");


        var request = await thing.Client.PublishAsync("$aws/things/pub-kitchen/shadow/update", "{\"state\":{\"reported\":{\"led\":1}}}"u8.ToArray(), qos);
        Assert.AreEqual(qos == MqttQos.AtLeastOnce ? MqttPublishStatus.Acknowledged : MqttPublishStatus.Sent, request.Status, request.Message);
        Assert.AreEqual("{\"state\":{\"reported\":{\"led\":1}}}", await service.WaitForAsync("$aws/things/pub-kitchen/shadow/update"));

        await service.PublishAsync("$aws/things/pub-kitchen/shadow/update/accepted", "{\"version\":1}", qos);
        // the shadow service inside the broker answers the request too: pick the application's reply out
        Assert.AreEqual("{\"version\":1}", await thing.WaitForAsync("$aws/things/pub-kitchen/shadow/update/accepted", payload => payload == "{\"version\":1}"));
        var delivered = thing.Received.Single(m => m.Payload.Span.SequenceEqual("{\"version\":1}"u8));
        Assert.AreEqual(qos, delivered.Qos, "delivered at the lower of publish and subscription QoS");
    }

    [TestMethod]
    public async Task SubAck_ReportsEachFilter_AndEmptyPayloadArrivesEmpty()
    {
        await using var thing = await s_standIn.ConnectAsync("pub-multi");
        var result = await thing.Client.SubscribeAsync(
        [
            new("$aws/things/pub-multi/shadow/get/accepted", MqttQos.AtLeastOnce),
            new("$aws/things/pub-multi/shadow/get/rejected", MqttQos.AtMostOnce),
        ]);
        Assert.IsTrue(result.AllGranted, result.Message);
        Assert.AreEqual(MqttQos.AtLeastOnce, result.Outcomes[0].GrantedQos);
        Assert.AreEqual(MqttQos.AtMostOnce, result.Outcomes[1].GrantedQos);

        await using var service = await s_standIn.ConnectAsync(Service);
        await service.PublishAsync("$aws/things/pub-multi/shadow/get/rejected", "");
        Assert.AreEqual("", await thing.WaitForAsync("$aws/things/pub-multi/shadow/get/rejected"));
    }

    [TestMethod]
    public async Task Unsubscribe_StopsDelivery()
    {
        await using var thing = await s_standIn.ConnectAsync("pub-unsub");
        await using var service = await s_standIn.ConnectAsync(Service);
        await thing.SubscribeAsync("$aws/things/pub-unsub/shadow/update/delta", "$aws/things/pub-unsub/shadow/update/accepted");
        var unsubscribed = await thing.Client.UnsubscribeAsync(["$aws/things/pub-unsub/shadow/update/delta"]);
        Assert.AreEqual(MqttSubscribeStatus.Completed, unsubscribed.Status, unsubscribed.Message);

        await service.PublishAsync("$aws/things/pub-unsub/shadow/update/delta", "dropped");
        await service.PublishAsync("$aws/things/pub-unsub/shadow/update/accepted", "marker");
        await thing.WaitForAsync("$aws/things/pub-unsub/shadow/update/accepted");
        Assert.IsFalse(thing.HasReceived("$aws/things/pub-unsub/shadow/update/delta"), "the broker delivers in order: the delta would have come before the marker");
    }

    [TestMethod]
    public async Task LargePayload_128KB_RoundTrips()
    {
        await using var service = await s_standIn.ConnectAsync(Service);
        await using var thing = await s_standIn.ConnectAsync("pub-large");
        await service.SubscribeAsync("$aws/things/pub-large/shadow/update");
        var payload = new byte[128 * 1024];
        new Random(7).NextBytes(payload);
        var result = await thing.Client.PublishAsync("$aws/things/pub-large/shadow/update", payload);
        Assert.AreEqual(MqttPublishStatus.Acknowledged, result.Status, result.Message);
        await service.WaitForAsync("$aws/things/pub-large/shadow/update");
        CollectionAssert.AreEqual(payload, service.Received.Single().Payload.ToArray());
    }

    [TestMethod]
    public async Task KeepAlive_PingsTheBroker_AndGetsPingResp()
    {
        // 2 s: the broker drops a client silent for 1.5 x keep-alive, so a loaded machine needs some margin
        var pinged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var thing = await ConnectedClient.ConnectAsync(s_standIn.Options("pub-ping", keepAliveSeconds: 2),
            client => client.PingResponseReceived += () => pinged.TrySetResult());
        await pinged.Task.WaitAsync(ConnectedClient.Bound);
        Assert.IsTrue(thing.Client.PingResponsesReceived >= 1);
        Assert.IsTrue(thing.Client.IsConnected);
        Assert.IsFalse(thing.Lost.IsCompleted);
    }

    [TestMethod]
    public async Task InvalidTopics_AreResultsNotExceptions()
    {
        await using var thing = await s_standIn.ConnectAsync("pub-invalid");
        Assert.AreEqual(MqttPublishStatus.InvalidTopic, (await thing.Client.PublishAsync("a/+/b", ReadOnlyMemory<byte>.Empty)).Status);
        Assert.AreEqual(MqttSubscribeStatus.InvalidTopicFilter, (await thing.Client.SubscribeAsync("a/#/b")).Status);
        Assert.AreEqual(MqttSubscribeStatus.InvalidTopicFilter, (await thing.Client.SubscribeAsync([])).Status);
    }

    [TestMethod]
    public async Task AfterDisconnect_OperationsReportNotConnected_AndNoLossEvent()
    {
        var thing = await s_standIn.ConnectAsync("pub-closed");
        await thing.Client.DisconnectAsync();
        var publish = await thing.Client.PublishAsync("$aws/things/pub-closed/shadow/get", ReadOnlyMemory<byte>.Empty);
        Assert.AreEqual(MqttPublishStatus.NotConnected, publish.Status);
        StringAssert.Contains(publish.Message, "connect first");
        Assert.AreEqual(MqttSubscribeStatus.NotConnected, (await thing.Client.SubscribeAsync("x")).Status);
        Assert.IsFalse(thing.Lost.IsCompleted, "a clean disconnect is not a lost connection");
    }

    [TestMethod]
    public async Task Handler_MayBlockOnAPublishAndSubscribe_WithoutStallingTheirAcks()
    {
        await using var service = await s_standIn.ConnectAsync(Service);
        await using var thing = await s_standIn.ConnectAsync("pub-blocking");
        await service.SubscribeAsync("$aws/things/pub-blocking/shadow/get");
        await thing.SubscribeAsync("$aws/things/pub-blocking/shadow/update/delta");
        var inHandler = new TaskCompletionSource<(MqttPublishResult, MqttSubscribeResult)>(TaskCreationOptions.RunContinuationsAsynchronously);
        thing.Client.MessageReceived += message =>
        {
            if (message.Topic != "$aws/things/pub-blocking/shadow/update/delta") return;
            // what a synchronous adapter (Core's IMqttSession) does: block until PUBACK and SUBACK
            var published = thing.Client.PublishAsync("$aws/things/pub-blocking/shadow/get", "{}"u8.ToArray()).GetAwaiter().GetResult();
            var subscribed = thing.Client.SubscribeAsync("$aws/things/pub-blocking/shadow/get/accepted").GetAwaiter().GetResult();
            inHandler.TrySetResult((published, subscribed));
        };

        await service.PublishAsync("$aws/things/pub-blocking/shadow/update/delta", "{\"state\":{}}");
        var (published, subscribed) = await inHandler.Task.WaitAsync(ConnectedClient.Bound);
        Assert.AreEqual(MqttPublishStatus.Acknowledged, published.Status, published.Message);
        Assert.IsTrue(subscribed.AllGranted, subscribed.Message);
        Assert.AreEqual("{}", await service.WaitForAsync("$aws/things/pub-blocking/shadow/get"));
    }
}
