using System.Text;
using NanoThing.LocalIot.Broker.Sessions;
using NanoThing.Mqtt;

namespace NanoThing.LocalIot.Tests.OverMqtt;

/// <summary>
/// Persistent sessions and retained messages across a restart of the stand-in, as AWS IoT Core keeps them across its
/// maintenance (reference aws-iot.md §2.5): subscriptions and QoS 1 messages of a cleanSession=0 client survive, messages
/// published while it is still away are kept for it, CONNACK says sessionPresent, the 1-hour expiry counts across the
/// restart (manual clock), iot:Receive is checked when a kept message is delivered, and cleanSession=1 leaves nothing.
/// "Not delivered" is asserted with a marker published after the message that must not arrive.
/// </summary>
[TestClass]
public sealed class SessionPersistenceTests
{
    private const string Arn = AllowPolicy.Arn;

    private static string Policy(params (string Action, string Resource)[] allow) => AllowPolicy.Of(allow);

    private static MqttConnectOptions Sender(LocalIotFixture fixture, string name = "sender") =>
        new("127.0.0.1", fixture.Port, name, fixture.ApplicationTls(name, Policy(("iot:Connect", Arn + "client/" + name), ("iot:Publish", Arn + "topic/dt/*"),
            ("iot:RetainPublish", Arn + "topic/dt/*")))) { ServerName = "localhost" };

    private static MqttConnectOptions Reader(LocalIotFixture fixture, string name, bool cleanSession = false, string? policy = null) =>
        new("127.0.0.1", fixture.Port, name, fixture.ApplicationTls(name, policy)) { ServerName = "localhost", CleanSession = cleanSession };

    private static async Task PublishAsync(LocalIotFixture fixture, MqttConnectOptions sender, params (string Topic, string Payload)[] messages)
    {
        await using var client = new BrokerClient(sender);
        await client.ConnectOrFailAsync();
        foreach (var (topic, payload) in messages)
        {
            await client.PublishOrFailAsync(topic, payload);
        }
    }

    private static async Task SubscribeAndLeaveAsync(LocalIotFixture fixture, MqttConnectOptions reader, string filter)
    {
        await using (var client = new BrokerClient(reader))
        {
            await client.ConnectOrFailAsync();
            await client.SubscribeOrFailAsync(filter);
        }

        await fixture.WaitForLogAsync("'" + reader.ClientId + "' disconnected");
    }

    private static async Task RestartAsync(LocalIotFixture fixture)
    {
        await fixture.StopServiceAsync();
        await fixture.StartServiceAsync();
    }

    private static string SessionsFile(LocalIotFixture fixture) => File.ReadAllText(Path.Combine(fixture.DataFolder, "broker", SessionFile.FileName));

    private static List<string> Payloads(BrokerClient client) => client.Received.Select(m => m.Topic + "=" + Encoding.UTF8.GetString(m.Payload.Span)).ToList();

    [TestMethod]
    public async Task PersistentSession_SurvivesARestart_WithWhatWasQueuedAndWhatCameWhileItsClientWasAway_InOrder_Once()
    {
        await using var fixture = await LocalIotFixture.StartWithServiceAsync();
        var sender = Sender(fixture);
        var reader = Reader(fixture, "reader");
        await SubscribeAndLeaveAsync(fixture, reader, "dt/t/+");
        await PublishAsync(fixture, sender, ("dt/t/1", "queued before the restart"));

        await RestartAsync(fixture);
        await PublishAsync(fixture, sender, ("dt/t/2", "published after the restart, reader away"));
        await using var back = new BrokerClient(reader);
        var resumed = await back.ConnectAsync();
        Assert.IsTrue(resumed.SessionPresent, "CONNACK must say the session is present: " + resumed.Message);
        await PublishAsync(fixture, sender, ("dt/t/3", "live"));
        await back.WaitForAsync("dt/t/3");

        CollectionAssert.AreEqual(new[] { "dt/t/1=queued before the restart", "dt/t/2=published after the restart, reader away", "dt/t/3=live" }, Payloads(back),
            "every message once, in publish order, through the subscription restored without a new SUBSCRIBE");
        await fixture.WaitForLogAsync("persistent session of 'reader' resumed after a restart: 1 subscription(s), 2 stored message(s) delivered");
    }

    [TestMethod]
    public async Task WhatTheBrokerItselfPublishes_ToAWaitingSessionsFilter_IsKeptForIt_ThoughNoConnectedClientSubscribes()
    {
        await using var fixture = await LocalIotFixture.StartWithServiceAsync();
        var reader = Reader(fixture, "replies");
        await SubscribeAndLeaveAsync(fixture, reader, "dt/t/+");

        await RestartAsync(fixture);
        // as the shadow service, the data plane and the lifecycle events publish: through the broker, not a client
        await fixture.Server!.Broker.PublishAsync("dt/t/internal", Encoding.UTF8.GetBytes("published by the broker, reader away"));
        await using var back = new BrokerClient(reader);
        Assert.IsTrue((await back.ConnectAsync()).SessionPresent);
        await back.WaitForAsync("dt/t/internal");

        CollectionAssert.AreEqual(new[] { "dt/t/internal=published by the broker, reader away" }, Payloads(back));
    }

    [TestMethod]
    public async Task AcknowledgedMessages_AreNotDeliveredAgainAfterARestart()
    {
        await using var fixture = await LocalIotFixture.StartWithServiceAsync();
        var sender = Sender(fixture);
        var reader = Reader(fixture, "acker");
        await using (var first = new BrokerClient(reader))
        {
            await first.ConnectOrFailAsync();
            await first.SubscribeOrFailAsync("dt/t/+");
            await PublishAsync(fixture, sender, ("dt/t/1", "read and acknowledged"));
            await first.WaitForAsync("dt/t/1");
        }

        await fixture.WaitForLogAsync("'acker' disconnected");
        await RestartAsync(fixture);
        await using var back = new BrokerClient(reader);
        Assert.IsTrue((await back.ConnectAsync()).SessionPresent);
        await PublishAsync(fixture, sender, ("dt/t/marker", "m"));
        await back.WaitForAsync("dt/t/marker");

        CollectionAssert.AreEqual(new[] { "dt/t/marker=m" }, Payloads(back), "a PUBACKed message leaves the stored session");
    }

    [TestMethod]
    public async Task Expiry_CountsTheTimeBeforeAndAfterTheRestart()
    {
        await using var fixture = await LocalIotFixture.StartWithServiceAsync();
        var sender = Sender(fixture);
        var reader = Reader(fixture, "late.reader");
        await SubscribeAndLeaveAsync(fixture, reader, "dt/t/+");
        fixture.Clock.Advance(TimeSpan.FromMinutes(30));
        await RestartAsync(fixture);
        await PublishAsync(fixture, sender, ("dt/t/1", "kept for 30 more minutes"));

        fixture.Clock.Advance(TimeSpan.FromMinutes(29));
        Assert.AreEqual(0, await fixture.Server!.Broker.ExpireSessionsAsync(), "59 minutes after the disconnect the session is kept");
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.AreEqual(1, await fixture.Server!.Broker.ExpireSessionsAsync(), "1 hour after the disconnect, across the restart, it expires");

        await using var back = new BrokerClient(reader);
        var fresh = await back.ConnectAsync();
        Assert.IsFalse(fresh.SessionPresent, "an expired session is not resumed");
        await back.SubscribeOrFailAsync("dt/marker");
        await PublishAsync(fixture, sender, ("dt/t/2", "no subscription"), ("dt/marker", "m"));
        await back.WaitForAsync("dt/marker");
        CollectionAssert.AreEqual(new[] { "dt/marker=m" }, Payloads(back), "an expired session keeps neither subscriptions nor messages");
    }

    [TestMethod]
    public async Task ASessionThatExpiredWhileTheStandInWasStopped_IsNotRestored()
    {
        await using var fixture = await LocalIotFixture.StartWithServiceAsync();
        var reader = Reader(fixture, "gone.reader");
        await SubscribeAndLeaveAsync(fixture, reader, "dt/t/+");
        await fixture.StopServiceAsync();
        StringAssert.Contains(SessionsFile(fixture), "gone.reader");

        fixture.Clock.Advance(TimeSpan.FromMinutes(61));
        await fixture.StartServiceAsync();
        await fixture.WaitForLogAsync("persistent session of 'gone.reader' expired while the stand-in was stopped");
        await using var back = new BrokerClient(reader);
        Assert.IsFalse((await back.ConnectAsync()).SessionPresent);
    }

    [TestMethod]
    public async Task CleanSession_LeavesNothingBehind_AndEndsARestoredSession()
    {
        await using var fixture = await LocalIotFixture.StartWithServiceAsync();
        var sender = Sender(fixture);
        await SubscribeAndLeaveAsync(fixture, Reader(fixture, "clean.reader", cleanSession: true), "dt/t/+");
        var persistent = Reader(fixture, "ended.reader");
        await SubscribeAndLeaveAsync(fixture, persistent, "dt/t/+");
        await fixture.StopServiceAsync();
        Assert.IsFalse(SessionsFile(fixture).Contains("clean.reader", StringComparison.Ordinal), SessionsFile(fixture));

        await fixture.StartServiceAsync();
        await PublishAsync(fixture, sender, ("dt/t/1", "for the persistent one"));
        await using (var clean = new BrokerClient(persistent with { CleanSession = true }))
        {
            Assert.IsFalse((await clean.ConnectAsync()).SessionPresent, "cleanSession=1 starts afresh");
        }

        await fixture.WaitForLogAsync("'ended.reader' disconnected");
        await using var again = new BrokerClient(persistent);
        Assert.IsFalse((await again.ConnectAsync()).SessionPresent, "cleanSession=1 ended the restored session");
        await again.SubscribeOrFailAsync("dt/marker");
        await PublishAsync(fixture, sender, ("dt/marker", "m"));
        await again.WaitForAsync("dt/marker");
        CollectionAssert.AreEqual(new[] { "dt/marker=m" }, Payloads(again), "the stored message went with the session");
        await fixture.StopServiceAsync();
        Assert.IsFalse(SessionsFile(fixture).Contains("clean.reader", StringComparison.Ordinal), SessionsFile(fixture));
    }

    [TestMethod]
    public async Task StoredMessages_AreFilteredByIotReceive_WhenDelivered()
    {
        await using var fixture = await LocalIotFixture.StartWithServiceAsync();
        var sender = Sender(fixture);
        var reader = Reader(fixture, "narrow.reader", policy: Policy(("iot:Connect", Arn + "client/narrow.reader"),
            ("iot:Subscribe", Arn + "topicfilter/dt/t/+"), ("iot:Receive", Arn + "topic/dt/t/ok")));
        await SubscribeAndLeaveAsync(fixture, reader, "dt/t/+");
        await RestartAsync(fixture);
        await PublishAsync(fixture, sender, ("dt/t/no", "denied"), ("dt/t/ok", "allowed"));

        await using var back = new BrokerClient(reader);
        Assert.IsTrue((await back.ConnectAsync()).SessionPresent);
        await back.WaitForAsync("dt/t/ok");
        CollectionAssert.AreEqual(new[] { "dt/t/ok=allowed" }, Payloads(back));
        await fixture.WaitForLogAsync("1 stored message(s) delivered, 1 not (iot:Receive denied)");
        StringAssert.Contains(string.Join("\n", fixture.ServiceLog), "iot:Receive denied, message not delivered");
    }

    [TestMethod]
    public async Task APublishTheBrokerRefuses_IsNotStoredForAWaitingSession()
    {
        await using var fixture = await LocalIotFixture.StartWithServiceAsync();
        var reader = Reader(fixture, "strict.reader");
        await SubscribeAndLeaveAsync(fixture, reader, "dt/t/+");
        await RestartAsync(fixture);
        await using (var intruder = new BrokerClient(new MqttConnectOptions("127.0.0.1", fixture.Port, "intruder", fixture.ApplicationTls("intruder", Policy(
            ("iot:Connect", Arn + "client/intruder"), ("iot:Publish", Arn + "topic/dt/t/ok")))) { ServerName = "localhost" }))
        {
            await intruder.ConnectOrFailAsync();
            await intruder.Client.PublishAsync("dt/t/no", Encoding.UTF8.GetBytes("not allowed"));
            await intruder.Lost; // AWS closes an MQTT 3.1.1 connection that publishes outside its policy
        }

        await PublishAsync(fixture, Sender(fixture), ("dt/t/ok", "allowed"));
        await using var back = new BrokerClient(reader);
        Assert.IsTrue((await back.ConnectAsync()).SessionPresent);
        await back.WaitForAsync("dt/t/ok");
        CollectionAssert.AreEqual(new[] { "dt/t/ok=allowed" }, Payloads(back), "a refused publish reaches no session, waiting or not");
    }

    [TestMethod]
    public async Task RetainedMessages_SurviveARestart()
    {
        await using var fixture = await LocalIotFixture.StartWithServiceAsync();
        var sender = Sender(fixture);
        await using (var publisher = new BrokerClient(sender))
        {
            await publisher.ConnectOrFailAsync();
            await publisher.PublishOrFailAsync("dt/lamp/state", "on", retain: true);
            await publisher.PublishOrFailAsync("dt/door/state", "open", retain: true);
            await publisher.PublishOrFailAsync("dt/door/state", "", retain: true); // a zero-byte retained publish deletes it
        }

        await RestartAsync(fixture);
        await using var reader = new BrokerClient(Reader(fixture, "retained.reader", cleanSession: true));
        await reader.ConnectOrFailAsync();
        await reader.SubscribeOrFailAsync("dt/door/state");
        await reader.SubscribeOrFailAsync("dt/lamp/state");

        Assert.AreEqual("on", await reader.WaitForAsync("dt/lamp/state"));
        Assert.IsFalse(reader.HasReceived("dt/door/state"), "the deleted retained message stays deleted");
    }
}
