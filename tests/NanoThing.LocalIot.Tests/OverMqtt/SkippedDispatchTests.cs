using NanoThing.Mqtt;

namespace NanoThing.LocalIot.Tests.OverMqtt;

/// <summary>
/// The broker skips dispatching a message that no session can receive (Broker/SubscriberIndex). Over real MQTT: the
/// shadow service's replies still reach every subscriber, by exact and by wildcard filter, and stop once the filter is
/// unsubscribed. "Not delivered" is asserted with a marker: the service answers one client's requests in order and the
/// broker publishes each request's replies before it takes that client's next request.
/// </summary>
[TestClass]
public sealed class SkippedDispatchTests
{
    private const string Thing = "skip-thing";
    private const string Documents = "$aws/things/" + Thing + "/shadow/update/documents";
    private const string Marker = "$aws/things/" + Thing + "/shadow/name/marker/update/accepted";

    [TestMethod]
    public async Task ShadowReplies_ReachExactAndWildcardSubscribers_AndStopOnceUnsubscribed()
    {
        await using var fixture = await LocalIotFixture.StartAsync();
        await fixture.StartServiceAsync();
        await using var thing = new BrokerClient(fixture.Options(Thing));
        await using var console = new BrokerClient(new MqttConnectOptions("127.0.0.1", fixture.Port, "skip.console", fixture.ApplicationTls("skip.console")) { ServerName = "localhost" });
        await thing.ConnectOrFailAsync();
        await console.ConnectOrFailAsync();
        await thing.SubscribeOrFailAsync("$aws/things/" + Thing + "/shadow/update/accepted");
        await console.SubscribeOrFailAsync("$aws/things/+/shadow/update/documents");
        await console.SubscribeOrFailAsync(Marker);

        await thing.PublishOrFailAsync("$aws/things/" + Thing + "/shadow/update", """{"state":{"reported":{"x":1}}}""");

        StringAssert.Contains(await thing.WaitForAsync("$aws/things/" + Thing + "/shadow/update/accepted"), "\"x\":1");
        StringAssert.Contains(await console.WaitForAsync(Documents), "\"x\":1", "a wildcard subscriber gets /documents");

        var unsubscribed = await console.Client.UnsubscribeAsync(["$aws/things/+/shadow/update/documents"]);
        Assert.IsTrue(unsubscribed.AllGranted, unsubscribed.Message);
        await thing.PublishOrFailAsync("$aws/things/" + Thing + "/shadow/update", """{"state":{"reported":{"x":2}}}""");
        await thing.PublishOrFailAsync("$aws/things/" + Thing + "/shadow/name/marker/update", """{"state":{"reported":{"m":1}}}""");

        await console.WaitForAsync(Marker); // an exact subscriber gets its reply
        Assert.AreEqual(1, console.Received.Count(m => m.Topic == Documents), "after the unsubscribe, the second update's /documents reaches nobody");
    }
}
