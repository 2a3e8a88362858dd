using NanoThing.LocalIot.Pki;
using NanoThing.Mqtt.Tests.Support;
using System.Security.Authentication;

namespace NanoThing.Mqtt.Tests.Integration;

/// <summary>Connecting to a real mosquitto with mutual TLS: who gets in, who does not, and what the client reports.</summary>
[TestClass]
public sealed class MutualTlsTests
{
    private static LocalStandIn s_standIn = null!;
    private static TempFolder s_rogue = null!;
    private static LocalCa s_rogueCa = null!;

    [ClassInitialize]
    public static async Task StartAsync(TestContext _)
    {
        s_standIn = await LocalStandIn.StartAsync();
        s_rogue = new TempFolder();
        Assert.IsTrue(LocalCa.TryCreate(s_rogue.File("ca"), false, out var rogueCa, out string error), error);
        s_rogueCa = rogueCa!;
    }

    [ClassCleanup]
    public static async Task StopAsync()
    {
        await s_standIn.DisposeAsync();
        s_rogueCa.Dispose();
        s_rogue.Dispose();
    }

    [TestMethod]
    [DataRow("127.0.0.1")]
    [DataRow("localhost")]
    public async Task ThingCertificateOfTheLocalCa_IsAccepted(string host)
    {
        await using var client = new MqttClient(s_standIn.Options("tls-ok") with { Host = host });
        var result = await client.ConnectAsync();
        Assert.AreEqual(MqttConnectStatus.Accepted, result.Status, result.Message);
        Assert.IsTrue(client.IsConnected);
        StringAssert.Contains(result.Message, "tls-ok");
    }

    [TestMethod]
    [DataRow(SslProtocols.None)]
    [DataRow(SslProtocols.Tls12)]
    [DataRow(SslProtocols.Tls13)]
    public async Task ServerCertificate_IsCheckedAgainstTheGivenCaOnly(SslProtocols protocols)
    {
        // the client's certificate is fine, but it trusts another CA than the one that issued the broker's certificate
        var tls = LocalStandIn.TlsFor(s_standIn.Ca, "tls-wrong-anchor", s_rogueCa.CaCertificatePath, s_standIn.Root);
        await using var client = new MqttClient(s_standIn.Options("tls-wrong-anchor") with { Tls = new(tls.TrustedCas, tls.ClientCertificate, tls.TrustSource) { Protocols = protocols } });
        var result = await client.ConnectAsync();
        Assert.AreEqual(MqttConnectStatus.TlsError, result.Status, result.Message);
        StringAssert.Contains(result.Message, "RemoteCertificateChainErrors"); // the broker sends its certificate without the chain: PartialChain
        StringAssert.Contains(result.Message, s_rogueCa.CaCertificatePath);
        Assert.IsFalse(client.IsConnected);
    }

    [TestMethod]
    [DataRow(SslProtocols.None)]
    [DataRow(SslProtocols.Tls12)]
    [DataRow(SslProtocols.Tls13)]
    public async Task ClientCertificateFromAnotherCa_IsRefused_AsOneConnectFailure(SslProtocols protocols)
    {
        // same CN as a real thing, issued by a rogue CA; the client itself trusts the right CA
        var tls = LocalStandIn.TlsFor(s_rogueCa, "tls-rogue", s_standIn.Ca.CaCertificatePath, s_standIn.Root);
        await using var client = new MqttClient(s_standIn.Options("tls-rogue") with { Tls = new(tls.TrustedCas, tls.ClientCertificate, tls.TrustSource) { Protocols = protocols } });
        var result = await client.ConnectAsync();
        Assert.AreEqual(MqttConnectStatus.TlsError, result.Status, result.Message);
        StringAssert.Contains(result.Message, s_standIn.Port.ToString());
        Assert.IsFalse(client.IsConnected);
    }

    [TestMethod]
    public async Task NoClientCertificate_IsRefused()
    {
        var tls = s_standIn.Tls("tls-nocert");
        await using var client = new MqttClient(s_standIn.Options("tls-nocert") with { Tls = new(tls.TrustedCas, null, tls.TrustSource) });
        var result = await client.ConnectAsync();
        Assert.AreEqual(MqttConnectStatus.TlsError, result.Status, result.Message);
    }

    [TestMethod]
    public async Task WrongServerName_IsRefused()
    {
        await using var client = new MqttClient(s_standIn.Options("tls-name") with { ServerName = "broker.example.com" });
        var result = await client.ConnectAsync();
        Assert.AreEqual(MqttConnectStatus.TlsError, result.Status, result.Message);
        StringAssert.Contains(result.Message, "RemoteCertificateNameMismatch");
    }

    [TestMethod]
    public async Task EmptyClientIdWithoutCleanSession_IsRefusedIdentifier_AsTheBrokersConnAck2()
    {
        // MQTTnet does not send this CONNECT; the result is the one a broker's CONNACK 2 gives
        await using var client = new MqttClient(s_standIn.Options("tls-empty-id") with { ClientId = "", CleanSession = false });
        var result = await client.ConnectAsync();
        Assert.AreEqual(MqttConnectStatus.RefusedIdentifier, result.Status, result.Message);
        StringAssert.Contains(result.Message, "CONNACK 2");
        Assert.IsFalse(client.IsConnected);
    }

    [TestMethod]
    public async Task ConnectTwice_IsABug_ButReconnectAfterDisconnectWorks()
    {
        await using var client = new MqttClient(s_standIn.Options("tls-twice"));
        Assert.IsTrue((await client.ConnectAsync()).IsConnected);
        await Assert.ThrowsExactlyAsync<InvalidOperationException>(() => client.ConnectAsync());
        await client.DisconnectAsync();
        Assert.IsFalse(client.IsConnected);
        Assert.IsTrue((await client.ConnectAsync()).IsConnected);
    }
}
