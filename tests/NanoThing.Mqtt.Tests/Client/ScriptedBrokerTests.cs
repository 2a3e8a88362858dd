using NanoThing.Mqtt.Packets;
using NanoThing.Mqtt.Tests.Support;

namespace NanoThing.Mqtt.Tests.Client;

/// <summary>
/// Broker behaviour mosquitto 2.0.11 does not show but AWS IoT Core or a broken broker can: every CONNACK
/// refusal, SUBACK 0x80, a missing PUBACK, malformed packets, oversized messages. Over real TLS to a scripted server
/// (a raw TLS listener that answers the client's packets with hand-made bytes).
/// </summary>
[TestClass]
public sealed class ScriptedBrokerTests
{
    private static TestCa s_pki = null!;
    private static TlsSettings s_tls = null!;

    [ClassInitialize]
    public static void Create(TestContext _)
    {
        s_pki = TestCa.Create();
        s_tls = s_pki.Tls("scripted");
    }

    [ClassCleanup]
    public static void Delete() => s_pki.Dispose();

    [TestMethod]
    [DataRow((byte)1, MqttConnectStatus.RefusedProtocolVersion)]
    [DataRow((byte)2, MqttConnectStatus.RefusedIdentifier)]
    [DataRow((byte)3, MqttConnectStatus.RefusedServerUnavailable)]
    [DataRow((byte)4, MqttConnectStatus.RefusedBadCredentials)]
    [DataRow((byte)5, MqttConnectStatus.RefusedNotAuthorized)]
    [DataRow((byte)9, MqttConnectStatus.ProtocolError)]
    public async Task EveryConnAckRefusal_IsTheConnectResult(byte code, MqttConnectStatus expected)
    {
        await using var broker = new ScriptedBroker(s_pki.Ca) { Reply = packet => packet[0] == 0x10 ? [0x20, 0x02, 0x00, code] : null };
        await using var client = new MqttClient(broker.Options(s_tls));
        var result = await client.ConnectAsync();
        Assert.AreEqual(expected, result.Status, result.Message);
        Assert.IsFalse(client.IsConnected);
        Assert.AreEqual("10 14 00 04 4D 51 54 54 04 02 00 00 00 08 73 63 72 69 70 74 65 64", Hex.Of(await broker.NextAsync()), "the CONNECT on the wire");
    }

    [TestMethod]
    public async Task ConnectAnsweredWithoutConnAck_IsProtocolError()
    {
        await using var broker = new ScriptedBroker(s_pki.Ca) { Reply = packet => packet[0] == 0x10 ? [0xD0, 0x00] : null };
        await using var client = new MqttClient(broker.Options(s_tls));
        var result = await client.ConnectAsync();
        Assert.AreEqual(MqttConnectStatus.ProtocolError, result.Status, result.Message);
        StringAssert.Contains(result.Message, "instead of CONNACK");
    }

    [TestMethod]
    public async Task SubAckFailure_IsReportedPerFilter()
    {
        await using var broker = new ScriptedBroker(s_pki.Ca);
        broker.Reply = packet => packet[0] == 0x82 ? ScriptedBroker.SubAck(packet, [0x01, 0x80, 0x00]) : ScriptedBroker.WellBehaved(packet);
        await using var client = new MqttClient(broker.Options(s_tls));
        Assert.IsTrue((await client.ConnectAsync()).IsConnected);

        var result = await client.SubscribeAsync([new("a/1", MqttQos.AtLeastOnce), new("b/2", MqttQos.AtLeastOnce), new("c/3", MqttQos.AtMostOnce)]);
        Assert.AreEqual(MqttSubscribeStatus.Completed, result.Status);
        Assert.IsFalse(result.AllGranted);
        Assert.AreEqual(MqttQos.AtLeastOnce, result.Outcomes[0].GrantedQos);
        Assert.IsTrue(result.Outcomes[1].Refused);
        Assert.AreEqual(MqttQos.AtMostOnce, result.Outcomes[2].GrantedQos);
        StringAssert.Contains(result.Message, "refused the subscription to 'b/2' (SUBACK 0x80)");
    }

    [TestMethod]
    public async Task MissingPubAck_IsTimeout_AndTheConnectionStays()
    {
        await using var broker = new ScriptedBroker(s_pki.Ca);
        broker.Reply = packet => (packet[0] & 0xF0) == 0x30 ? null : ScriptedBroker.WellBehaved(packet);
        await using var client = new MqttClient(broker.Options(s_tls) with { OperationTimeout = TimeSpan.FromSeconds(1) });
        Assert.IsTrue((await client.ConnectAsync()).IsConnected);

        var result = await client.PublishAsync("t", "x"u8.ToArray(), MqttQos.AtLeastOnce);
        Assert.AreEqual(MqttPublishStatus.Timeout, result.Status, result.Message);
        StringAssert.Contains(result.Message, "No PUBACK");
        Assert.IsTrue(client.IsConnected);
    }

    [TestMethod]
    public async Task IncomingQos1Publish_IsDelivered_ThenAcknowledgedWithItsPacketId()
    {
        await using var broker = new ScriptedBroker(s_pki.Ca);
        await using var client = new MqttClient(broker.Options(s_tls));
        var delivered = new TaskCompletionSource<MqttMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.MessageReceived += message => delivered.TrySetResult(message);
        Assert.IsTrue((await client.ConnectAsync()).IsConnected);
        await broker.NextAsync(); // CONNECT

        await broker.SendAsync(RawFrames.Publish("$aws/things/t/shadow/update/delta", "{}"u8.ToArray(), 1, 0x1234));
        var message = await delivered.Task.WaitAsync(ConnectedClient.Bound);
        Assert.AreEqual("$aws/things/t/shadow/update/delta", message.Topic);
        Assert.AreEqual(MqttQos.AtLeastOnce, message.Qos);
        Assert.AreEqual("40 02 12 34", Hex.Of(await broker.NextAsync()));
    }

    [TestMethod]
    [DataRow("30 03 00 01 23", "wildcard")]                 // PUBLISH to a wildcard topic
    [DataRow("20 02 00 00", "at an unexpected time")]       // a second CONNACK
    [DataRow("30 FF FF FF FF 01", "Remaining length")]      // remaining length of 5 bytes
    public async Task MalformedPacketFromTheBroker_ClosesWithProtocolError(string hex, string reason)
    {
        await using var broker = new ScriptedBroker(s_pki.Ca);
        await using var client = new MqttClient(broker.Options(s_tls));
        var lost = new TaskCompletionSource<MqttConnectionLost>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.ConnectionLost += l => lost.TrySetResult(l);
        Assert.IsTrue((await client.ConnectAsync()).IsConnected);

        await broker.SendAsync(Hex.Bytes(hex));
        var reported = await lost.Task.WaitAsync(ConnectedClient.Bound);
        Assert.AreEqual(MqttConnectionLostReason.ProtocolError, reported.Reason, reported.Message);
        StringAssert.Contains(reported.Message, reason);
        Assert.IsFalse(client.IsConnected);
    }

    [TestMethod]
    public async Task MessageOverTheLimit_IsNeitherDeliveredNorAcknowledged_AndClosesWithProtocolError()
    {
        await using var broker = new ScriptedBroker(s_pki.Ca);
        await using var client = new MqttClient(broker.Options(s_tls) with { MaxIncomingPacketBytes = 40 });
        var lost = new TaskCompletionSource<MqttConnectionLost>(TaskCreationOptions.RunContinuationsAsynchronously);
        int delivered = 0;
        client.MessageReceived += _ => Interlocked.Increment(ref delivered);
        client.ConnectionLost += l => lost.TrySetResult(l);
        Assert.IsTrue((await client.ConnectAsync()).IsConnected);
        await broker.NextAsync(); // CONNECT

        await broker.SendAsync(RawFrames.Publish("big", new byte[38], 1, 7)); // 3 + 38 bytes: one over the limit
        var reported = await lost.Task.WaitAsync(ConnectedClient.Bound);
        Assert.AreEqual(MqttConnectionLostReason.ProtocolError, reported.Reason, reported.Message);
        StringAssert.Contains(reported.Message, "41 bytes on 'big'; the limit is 40");
        Assert.AreEqual(0, Volatile.Read(ref delivered));
        Assert.IsFalse(broker.Received.Reader.TryPeek(out var next) && next[0] == 0x40, "no PUBACK for a refused message");
    }

    [TestMethod]
    public async Task HandlerThatThrows_ClosesTheConnection_WithTheReason()
    {
        await using var broker = new ScriptedBroker(s_pki.Ca);
        await using var client = new MqttClient(broker.Options(s_tls));
        var lost = new TaskCompletionSource<MqttConnectionLost>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.MessageReceived += _ => throw new FormatException("bad shadow json");
        client.ConnectionLost += l => lost.TrySetResult(l);
        Assert.IsTrue((await client.ConnectAsync()).IsConnected);

        await broker.SendAsync(RawFrames.Publish("x", "{"u8.ToArray(), 0, 0));
        var reported = await lost.Task.WaitAsync(ConnectedClient.Bound);
        Assert.AreEqual(MqttConnectionLostReason.HandlerFailed, reported.Reason);
        StringAssert.Contains(reported.Message, "FormatException: bad shadow json");
    }

    [TestMethod]
    public async Task CallerCancellingAPublish_Throws_AndTheConnectionStays()
    {
        await using var broker = new ScriptedBroker(s_pki.Ca);
        broker.Reply = packet => (packet[0] & 0xF0) == 0x30 ? null : ScriptedBroker.WellBehaved(packet);
        await using var client = new MqttClient(broker.Options(s_tls) with { OperationTimeout = TimeSpan.FromSeconds(30) });
        Assert.IsTrue((await client.ConnectAsync()).IsConnected);
        await broker.NextAsync(); // CONNECT

        using var cancel = new CancellationTokenSource();
        var publish = client.PublishAsync("t", "x"u8.ToArray(), MqttQos.AtLeastOnce, cancellationToken: cancel.Token);
        await broker.NextAsync(); // the PUBLISH arrived and is left unanswered
        cancel.Cancel();
        await Assert.ThrowsAsync<OperationCanceledException>(() => publish.WaitAsync(ConnectedClient.Bound));
        Assert.IsTrue(client.IsConnected);
    }

    [TestMethod]
    public async Task BrokerClosingTheConnection_FailsPendingAcks_AsConnectionLost()
    {
        await using var broker = new ScriptedBroker(s_pki.Ca);
        broker.Reply = packet => (packet[0] & 0xF0) == 0x30 ? null : ScriptedBroker.WellBehaved(packet);
        await using var client = new MqttClient(broker.Options(s_tls) with { OperationTimeout = TimeSpan.FromSeconds(30) });
        Assert.IsTrue((await client.ConnectAsync()).IsConnected);
        await broker.NextAsync(); // CONNECT

        var publish = client.PublishAsync("t", "x"u8.ToArray(), MqttQos.AtLeastOnce);
        await broker.NextAsync(); // the PUBLISH arrived and is left unanswered
        await broker.DisposeAsync();
        var result = await publish.WaitAsync(ConnectedClient.Bound);
        Assert.AreEqual(MqttPublishStatus.ConnectionLost, result.Status, result.Message);
    }
}
