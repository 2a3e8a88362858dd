using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using NanoThing.LocalIot.Broker;
using NanoThing.LocalIot.Registry;
using NanoThing.LocalIot.Shadows;
using NanoThing.Mqtt;
using NanoThing.Mqtt.Packets;
using MqttClient = NanoThing.Mqtt.MqttClient;

namespace NanoThing.LocalIot.Tests.OverMqtt;

/// <summary>
/// AWS IoT Core's connection behaviour on the stand-in (reference aws-iot.md §2, local-aws-iot.md §3.5-4.3): certificate
/// status, client ids, denials (3.1.1 close, 5 reason codes), iot:Receive, takeover, QoS 2, the 128 KB limit, persistent
/// sessions, retained messages and lifecycle events; each refusal in the log with the statement that decided.
/// "Not delivered" is asserted with a marker published after the message that must not arrive: the broker delivers one
/// publisher's messages in order, so once the marker is there the other would be too.
/// </summary>
[TestClass]
public sealed class AwsConnectionBehaviourTests
{
    private const string Arn = AllowPolicy.Arn;

    private static string Policy(params (string Action, string Resource)[] allow) => AllowPolicy.Of(allow);

    private static MqttConnectOptions App(LocalIotFixture fixture, string name, string? policy = null, bool cleanSession = true) =>
        new("127.0.0.1", fixture.Port, name, fixture.ApplicationTls(name, policy)) { ServerName = "localhost", CleanSession = cleanSession };

    private static string Refusals(LocalIotFixture fixture)
    {
        lock (fixture.ServiceLog)
        {
            return string.Join("\n", fixture.ServiceLog.Where(line => line.Contains(" refused: ", StringComparison.Ordinal)));
        }
    }

    [TestMethod]
    public async Task UnregisteredCertificate_OfTheLocalCa_IsRefusedAtConnect_AndLogged()
    {
        await using var fixture = await LocalIotFixture.StartWithServiceAsync();
        await using var client = new MqttClient(new MqttConnectOptions("127.0.0.1", fixture.Port, "ghost", fixture.UnregisteredTls("ghost")) { ServerName = "localhost" });

        var result = await client.ConnectAsync();

        Assert.AreEqual(MqttConnectStatus.RefusedNotAuthorized, result.Status, result.Message);
        StringAssert.Contains(Refusals(fixture), "is not registered");
    }

    [TestMethod]
    public async Task SelfSignedCertificate_ConnectsOnlyOnceRegisteredWithoutCa()
    {
        await using var fixture = await LocalIotFixture.StartWithServiceAsync();
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        using var selfSigned = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=own-cert", key, System.Security.Cryptography.HashAlgorithmName.SHA256)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var caTls = fixture.Options("own-cert-ca-probe").Tls;
        var tls = new TlsSettings(caTls.TrustedCas, X509Certificate2.CreateFromPem(selfSigned.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem()), caTls.TrustSource);
        await using var client = new MqttClient(new MqttConnectOptions("127.0.0.1", fixture.Port, "own-cert", tls) { ServerName = "localhost" });

        var unknown = await client.ConnectAsync();
        Assert.IsFalse(unknown.IsConnected, "an unregistered certificate of no trusted CA must not get through TLS");
        StringAssert.Contains(Refusals(fixture), "not registered without a CA");

        // what `nanothing register` does on AWS: register-certificate-without-ca, create-thing, attach policy and thing
        var registry = fixture.Registry();
        Assert.IsNull(registry.RegisterCertificate(selfSigned.ExportCertificatePem(), withoutCa: true, CertificateStatus.Active, out string id));
        Assert.IsNull(registry.CreateThing("own-cert"));
        Assert.IsNull(registry.CreatePolicy(LocalProvisioning.ThingShadowsPolicyName, LocalProvisioning.ThingShadowsPolicy()));
        Assert.IsNull(registry.AttachPolicy(LocalProvisioning.ThingShadowsPolicyName, id));
        Assert.IsNull(registry.AttachThingPrincipal("own-cert", id));

        var registered = await client.ConnectAsync();
        Assert.IsTrue(registered.IsConnected, registered.Message);
    }

    [TestMethod]
    [DataRow(CertificateStatus.Inactive, "INACTIVE")]
    [DataRow(CertificateStatus.Revoked, "REVOKED")]
    public async Task CertificateNotActive_IsRefusedAtConnect(CertificateStatus status, string named)
    {
        await using var fixture = await LocalIotFixture.StartWithServiceAsync();
        var options = fixture.Options("status-thing");
        Assert.IsNull(fixture.Registry().SetStatus(LocalRegistry.CertificateId(options.Tls.ClientCertificate!), status));
        await using var client = new MqttClient(options);

        var result = await client.ConnectAsync();

        Assert.AreEqual(MqttConnectStatus.RefusedNotAuthorized, result.Status, result.Message);
        StringAssert.Contains(Refusals(fixture), "is " + named);
        string? reactivated = fixture.Registry().SetStatus(LocalRegistry.CertificateId(options.Tls.ClientCertificate!), CertificateStatus.Active);
        if (status == CertificateStatus.Revoked)
        {
            Assert.IsNotNull(reactivated, "a REVOKED certificate cannot be made ACTIVE again");
        }
        else
        {
            Assert.IsNull(reactivated);
            Assert.IsTrue((await client.ConnectAsync()).IsConnected, "an INACTIVE certificate made ACTIVE again connects");
        }
    }

    [TestMethod]
    public async Task ClientIdTheConnectPolicyDoesNotAllow_IsRefused_NamingTheDecision()
    {
        await using var fixture = await LocalIotFixture.StartWithServiceAsync();
        await using var client = new MqttClient(fixture.Options("not-my-id", identity: "id-owner"));

        var result = await client.ConnectAsync();

        Assert.AreEqual(MqttConnectStatus.RefusedNotAuthorized, result.Status, result.Message);
        string refusal = Refusals(fixture);
        StringAssert.Contains(refusal, "\"clientId\":\"not-my-id\"");
        StringAssert.Contains(refusal, "iot:Connect");
        StringAssert.Contains(refusal, LocalProvisioning.ThingShadowsPolicyName);
    }

    [TestMethod]
    public async Task UnauthorisedPublish_ClosesTheConnection_AndTheLogNamesPolicyAndAction()
    {
        await using var fixture = await LocalIotFixture.StartWithServiceAsync();
        await using var thing = new BrokerClient(fixture.Options("pub-denied"));
        await thing.ConnectOrFailAsync();

        var result = await thing.Client.PublishAsync("$aws/things/someone-else/shadow/update", "{}"u8.ToArray());

        Assert.IsFalse(result.Succeeded, result.Message);
        await thing.Lost.WaitAsync(ThingClient.Wait);
        string refusal = Refusals(fixture);
        StringAssert.Contains(refusal, "\"eventType\":\"Publish-In\"");
        StringAssert.Contains(refusal, "\"topicName\":\"$aws/things/someone-else/shadow/update\"");
        StringAssert.Contains(refusal, "no statement of " + LocalProvisioning.ThingShadowsPolicyName + " allows iot:Publish");
    }

    [TestMethod]
    public async Task Receive_NotAllowed_IsFilteredAtDelivery_WithoutClosingTheConnection()
    {
        await using var fixture = await LocalIotFixture.StartWithServiceAsync();
        await using var watcher = new BrokerClient(App(fixture, "watch.receive", Policy(
            ("iot:Connect", Arn + "client/watch.receive"), ("iot:Subscribe", Arn + "topicfilter/*"), ("iot:Receive", Arn + "topic/open/*"))));
        await using var sender = new BrokerClient(App(fixture, "send.all", Policy(("iot:Connect", Arn + "client/send.all"), ("iot:Publish", Arn + "topic/*"))));
        await watcher.ConnectOrFailAsync();
        await sender.ConnectOrFailAsync();
        await watcher.SubscribeOrFailAsync("#");

        await sender.PublishOrFailAsync("secret/one", "hidden");
        await sender.PublishOrFailAsync("open/marker", "visible");

        Assert.AreEqual("visible", await watcher.WaitForAsync("open/marker"));
        Assert.IsFalse(watcher.HasReceived("secret/one"), "iot:Receive must filter the message");
        Assert.IsTrue(watcher.Client.IsConnected);
        StringAssert.Contains(Refusals(fixture), "\"eventType\":\"Publish-Out\"");
    }

    [TestMethod]
    public async Task SecondConnectionWithTheSameClientId_TakesOver_AndTheEventSaysDuplicateClientId()
    {
        await using var fixture = await LocalIotFixture.StartWithServiceAsync();
        await using var events = new BrokerClient(App(fixture, "events.app"));
        await events.ConnectOrFailAsync();
        await events.SubscribeOrFailAsync("$aws/events/presence/disconnected/twice");
        await using var first = new BrokerClient(fixture.Options("twice"));
        await first.ConnectOrFailAsync();

        await using var second = new BrokerClient(fixture.Options("twice"));
        await second.ConnectOrFailAsync();

        await first.Lost.WaitAsync(ThingClient.Wait);
        var disconnected = JsonNode.Parse(await events.WaitForAsync("$aws/events/presence/disconnected/twice"))!;
        Assert.AreEqual("DUPLICATE_CLIENTID", (string?)disconnected["disconnectReason"]);
        Assert.IsFalse((bool)disconnected["clientInitiatedDisconnect"]!);
        Assert.IsTrue(second.Client.IsConnected);
        await second.PublishOrFailAsync("$aws/things/twice/shadow/get", "");
    }

    [TestMethod]
    public async Task LifecycleEvents_CarryAwsFields_AndOneVersionNumberPerConnection()
    {
        await using var fixture = await LocalIotFixture.StartWithServiceAsync();
        await using var events = new BrokerClient(App(fixture, "events.watch"));
        await events.ConnectOrFailAsync();
        await events.SubscribeOrFailAsync("$aws/events/presence/connected/life");
        await events.SubscribeOrFailAsync("$aws/events/presence/disconnected/life");
        var options = fixture.Options("life");
        await using var thing = new BrokerClient(options);

        await thing.ConnectOrFailAsync();
        var connected = JsonNode.Parse(await events.WaitForAsync("$aws/events/presence/connected/life"))!.AsObject();
        await thing.Client.DisconnectAsync();
        var disconnected = JsonNode.Parse(await events.WaitForAsync("$aws/events/presence/disconnected/life"))!.AsObject();

        string certificateId = LocalRegistry.CertificateId(options.Tls.ClientCertificate!);
        CollectionAssert.AreEquivalent(new[] { "clientId", "timestamp", "eventType", "sessionIdentifier", "principalIdentifier", "ipAddress", "versionNumber" }, connected.Select(p => p.Key).ToArray());
        Assert.AreEqual("life", (string?)connected["clientId"]);
        Assert.AreEqual("connected", (string?)connected["eventType"]);
        Assert.AreEqual(certificateId, (string?)connected["principalIdentifier"]);
        Assert.AreEqual("127.0.0.1", (string?)connected["ipAddress"]);
        Assert.AreEqual(LocalIotFixture.Epoch * 1000, (long)connected["timestamp"]!);
        Assert.AreEqual("disconnected", (string?)disconnected["eventType"]);
        Assert.AreEqual("CLIENT_INITIATED_DISCONNECT", (string?)disconnected["disconnectReason"]);
        Assert.IsTrue((bool)disconnected["clientInitiatedDisconnect"]!);
        Assert.AreEqual((string?)connected["sessionIdentifier"], (string?)disconnected["sessionIdentifier"]);
        Assert.AreEqual((long)connected["versionNumber"]!, (long)disconnected["versionNumber"]!);
    }

    [TestMethod]
    public async Task PayloadOver128KB_ClosesTheConnection_AndIsNeitherDeliveredNorStored()
    {
        await using var fixture = await LocalIotFixture.StartWithServiceAsync();
        await using var watcher = new BrokerClient(App(fixture, "big.watch"));
        await watcher.ConnectOrFailAsync();
        await watcher.SubscribeOrFailAsync("$aws/things/big/shadow/#");
        await using var thing = new BrokerClient(fixture.Options("big"));
        await thing.ConnectOrFailAsync();
        var overLimit = new byte[AwsLimits.MaxPayloadBytes + 1];

        var refused = await thing.Client.PublishAsync("$aws/things/big/shadow/update", overLimit);

        Assert.IsFalse(refused.Succeeded, refused.Message);
        await thing.Lost.WaitAsync(ThingClient.Wait);
        Assert.IsNull(fixture.Service!.Store.Read(ShadowId.Classic("big")), "the oversized update must not reach the shadow service");
        StringAssert.Contains(Refusals(fixture), "PAYLOAD_LIMIT_EXCEEDED");
        await using var again = new BrokerClient(fixture.Options("big"));
        await again.ConnectOrFailAsync();
        await again.PublishOrFailAsync("$aws/things/big/shadow/get", "{\"clientToken\":\"marker\"}");
        await watcher.WaitForAsync("$aws/things/big/shadow/get");
        Assert.IsFalse(watcher.HasReceived("$aws/things/big/shadow/update"), "the oversized message must not be routed");
    }

    [TestMethod]
    public async Task QoS2Publish_GetsNoAnswer_AndIsNotDelivered()
    {
        await using var fixture = await LocalIotFixture.StartWithServiceAsync();
        await using var watcher = new BrokerClient(App(fixture, "qos.watch"));
        await watcher.ConnectOrFailAsync();
        await watcher.SubscribeOrFailAsync("$aws/things/qos2/shadow/#");
        var tls = fixture.Options("qos2").Tls;
        using var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(MqttNetOptions(fixture, "qos2", tls, MqttProtocolVersion.V311));

        var qos2 = client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("$aws/things/qos2/shadow/get").WithPayload("{}")
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.ExactlyOnce).Build(), new CancellationTokenSource(TimeSpan.FromSeconds(2)).Token);
        await Assert.ThrowsExactlyAsync<MQTTnet.Exceptions.MqttCommunicationTimedOutException>(() => qos2); // no PUBREC came

        await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("$aws/things/qos2/shadow/update").WithPayload("{\"state\":{}}")
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        await watcher.WaitForAsync("$aws/things/qos2/shadow/update");
        Assert.IsFalse(watcher.HasReceived("$aws/things/qos2/shadow/get"), "a QoS 2 publish must not be routed");
        StringAssert.Contains(Refusals(fixture), "QoS 2");
    }

    [TestMethod]
    public async Task Mqtt5_UnauthorisedPublishAndSubscribe_Get0x87_AndTheConnectionStays()
    {
        await using var fixture = await LocalIotFixture.StartWithServiceAsync();
        var tls = fixture.Options("v5-thing").Tls;
        using var client = new MqttClientFactory().CreateMqttClient();
        var connected = await client.ConnectAsync(MqttNetOptions(fixture, "v5-thing", tls, MqttProtocolVersion.V500));
        Assert.AreEqual(MqttClientConnectResultCode.Success, connected.ResultCode);

        var publish = await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("$aws/things/other/shadow/update").WithPayload("{}")
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        var subscribe = await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter("$aws/things/other/shadow/#", MqttQualityOfServiceLevel.AtLeastOnce).Build());

        Assert.AreEqual(MqttClientPublishReasonCode.NotAuthorized, publish.ReasonCode);
        Assert.AreEqual(MqttClientSubscribeResultCode.NotAuthorized, subscribe.Items.Single().ResultCode);
        Assert.IsTrue(client.IsConnected);
    }

    [TestMethod]
    public async Task PersistentSession_DeliversQueuedQoS1OnReconnect_AndExpiresAfterOneHour()
    {
        await using var fixture = await LocalIotFixture.StartWithServiceAsync();
        const string topic = "$aws/things/persist/shadow/update/accepted";
        await using var sender = new BrokerClient(App(fixture, "persist.sender"));
        await sender.ConnectOrFailAsync();
        var options = App(fixture, "persist.app", cleanSession: false);
        await using (var first = new BrokerClient(options))
        {
            await first.ConnectOrFailAsync();
            await first.SubscribeOrFailAsync(topic);
        }

        await sender.PublishOrFailAsync(topic, "while away");
        await using (var back = new BrokerClient(options))
        {
            var resumed = await back.ConnectAsync();
            Assert.IsTrue(resumed.SessionPresent, resumed.Message);
            Assert.AreEqual("while away", await back.WaitForAsync(topic));
        }

        await fixture.WaitForLogAsync("'persist.app' disconnected", count: 2);
        await sender.PublishOrFailAsync(topic, "too late");
        fixture.Clock.Advance(TimeSpan.FromMinutes(59));
        Assert.AreEqual(0, await fixture.Server!.Broker.ExpireSessionsAsync(), "AWS keeps the session for 1 h");
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.AreEqual(1, await fixture.Server!.Broker.ExpireSessionsAsync());
        await using var expired = new BrokerClient(options);
        var fresh = await expired.ConnectAsync();
        Assert.IsFalse(fresh.SessionPresent, "the session must have expired after 1 h");
        await sender.PublishOrFailAsync(topic, "marker");
        Assert.IsFalse(expired.HasReceived(topic), "an expired session keeps neither subscriptions nor queued messages");
    }

    [TestMethod]
    public async Task RetainedMessage_GoesToExactSubscriptionsOnly_AndNeedsRetainPublish()
    {
        await using var fixture = await LocalIotFixture.StartWithServiceAsync();
        await using var publisher = new BrokerClient(App(fixture, "retain.pub", Policy(
            ("iot:Connect", Arn + "client/retain.pub"), ("iot:Publish", Arn + "topic/status/*"), ("iot:RetainPublish", Arn + "topic/status/*"))));
        await publisher.ConnectOrFailAsync();
        await publisher.PublishOrFailAsync("status/lamp", "on", retain: true);

        await using var exact = new BrokerClient(App(fixture, "retain.exact"));
        await exact.ConnectOrFailAsync();
        await exact.SubscribeOrFailAsync("status/lamp");
        await exact.SubscribeOrFailAsync("status/marker");
        await using var wildcard = new BrokerClient(App(fixture, "retain.wild"));
        await wildcard.ConnectOrFailAsync();
        await wildcard.SubscribeOrFailAsync("status/#");
        await publisher.PublishOrFailAsync("status/marker", "m");

        Assert.AreEqual("on", await exact.WaitForAsync("status/lamp"));
        await wildcard.WaitForAsync("status/marker");
        Assert.IsFalse(wildcard.HasReceived("status/lamp"), "AWS gives retained messages to exact subscriptions only");

        await using var noRetain = new BrokerClient(App(fixture, "retain.denied"));
        await noRetain.ConnectOrFailAsync();
        var denied = await noRetain.Client.PublishAsync("$aws/things/x/shadow/update/accepted", "{}"u8.ToArray(), MqttQos.AtLeastOnce, retain: true);
        Assert.IsFalse(denied.Succeeded, "the backend policy has no iot:RetainPublish");
        await noRetain.Lost.WaitAsync(ThingClient.Wait);
        StringAssert.Contains(Refusals(fixture), "iot:RetainPublish");
    }

    [TestMethod]
    [DataRow((ushort)0, (ushort)1200)]
    [DataRow((ushort)1, (ushort)30)]
    [DataRow((ushort)29, (ushort)30)]
    [DataRow((ushort)30, (ushort)30)]
    [DataRow((ushort)1200, (ushort)1200)]
    [DataRow((ushort)1201, (ushort)1200)]
    public void KeepAlive_IsBoundedAsAwsDoes(ushort requested, ushort effective) =>
        Assert.AreEqual(effective, AwsLimits.EffectiveKeepAlive(requested));

    [TestMethod]
    public async Task KeepAliveBelow30s_IsRaisedTo30s_ForTheBrokersTimeout()
    {
        await using var fixture = await LocalIotFixture.StartWithServiceAsync();
        await using var thing = new BrokerClient(fixture.Options("keepalive") with { KeepAliveSeconds = 5 });

        await thing.ConnectOrFailAsync();

        await fixture.WaitForLogAsync("'keepalive' connected from 127.0.0.1");
        lock (fixture.ServiceLog)
        {
            Assert.IsTrue(fixture.ServiceLog.Any(line => line.Contains("'keepalive' connected", StringComparison.Ordinal) && line.Contains("keep-alive 30 s", StringComparison.Ordinal)),
                string.Join("\n", fixture.ServiceLog));
        }
    }

    private static MqttClientOptions MqttNetOptions(LocalIotFixture fixture, string clientId, TlsSettings tls, MqttProtocolVersion version) =>
        new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", fixture.Port)
            .WithClientId(clientId)
            .WithProtocolVersion(version)
            .WithTlsOptions(o => o.UseTls().WithTargetHost("localhost").WithTrustChain(tls.TrustedCas)
                .WithClientCertificates(new X509Certificate2Collection(tls.ClientCertificate!))
                .WithRevocationMode(X509RevocationMode.NoCheck))
            .Build();
}
