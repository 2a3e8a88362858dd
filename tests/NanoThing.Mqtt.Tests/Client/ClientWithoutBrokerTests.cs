using System.Net;
using System.Net.Sockets;
using NanoThing.LocalIot.Broker;
using NanoThing.Mqtt.Tests.Support;

namespace NanoThing.Mqtt.Tests.Client;

/// <summary>Connect failures that need no broker: nothing listening, or a listener that never answers.</summary>
[TestClass]
public sealed class ClientWithoutBrokerTests
{
    private static TestCa s_pki = null!;
    private static TlsSettings s_tls = null!;

    [ClassInitialize]
    public static void Create(TestContext _)
    {
        s_pki = TestCa.Create();
        s_tls = s_pki.Tls("offline");
    }

    [ClassCleanup]
    public static void Delete() => s_pki.Dispose();

    [TestMethod]
    public async Task NothingListening_IsNetworkError_NamingTheEndpoint()
    {
        int port = FreePort.Find();
        await using var client = new MqttClient(new("127.0.0.1", port, "offline", s_tls));
        var result = await client.ConnectAsync();
        Assert.AreEqual(MqttConnectStatus.NetworkError, result.Status, result.Message);
        StringAssert.Contains(result.Message, "127.0.0.1:" + port);
    }

    [TestMethod]
    public async Task SilentListener_IsTimeout_WithinTheConnectBound()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        int port = ((IPEndPoint)silent.LocalEndpoint).Port;
        await using var client = new MqttClient(new("127.0.0.1", port, "offline", s_tls) { ConnectTimeout = TimeSpan.FromMilliseconds(500) });
        var result = await client.ConnectAsync();
        Assert.AreEqual(MqttConnectStatus.Timeout, result.Status, result.Message);
        StringAssert.Contains(result.Message, "TLS handshake");
        Assert.IsFalse(client.IsConnected);
    }

    [TestMethod]
    public async Task ListenerThatClosesRightAway_IsTlsError()
    {
        using var closer = new TcpListener(IPAddress.Loopback, 0);
        closer.Start();
        int port = ((IPEndPoint)closer.LocalEndpoint).Port;
        var accept = Task.Run(async () => { using var socket = await closer.AcceptSocketAsync(); });
        await using var client = new MqttClient(new("127.0.0.1", port, "offline", s_tls));
        var result = await client.ConnectAsync();
        await accept;
        Assert.AreEqual(MqttConnectStatus.TlsError, result.Status, result.Message);
    }

    [TestMethod]
    public async Task CallerCancellation_Throws()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await using var client = new MqttClient(new("127.0.0.1", ((IPEndPoint)silent.LocalEndpoint).Port, "offline", s_tls));
        await Assert.ThrowsAsync<OperationCanceledException>(() => client.ConnectAsync(cancel.Token));
    }
}
