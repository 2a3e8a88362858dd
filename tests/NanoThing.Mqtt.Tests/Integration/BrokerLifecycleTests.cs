using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using NanoThing.LocalIot.Broker;
using NanoThing.Mqtt.Tests.Support;

namespace NanoThing.Mqtt.Tests.Integration;

/// <summary>Broker stopped, frozen, restarted, or unable to start; each test has its own mosquitto.</summary>
[TestClass]
public sealed class BrokerLifecycleTests
{
    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public async Task BrokerStoppedOrKilled_ClientReportsConnectionLost_ThenRestartedBrokerAcceptsANewConnect(bool kill)
    {
        await using var standIn = await LocalStandIn.StartAsync();
        await using var thing = await standIn.ConnectAsync("life-stop");
        int firstPid = standIn.Broker.ProcessId;

        if (kill)
        {
            using var process = Process.GetProcessById(firstPid);
            process.Kill();
            await process.WaitForExitAsync().WaitAsync(ConnectedClient.Bound);
        }
        else
        {
            Assert.IsTrue(await standIn.Broker.StopAsync(), "mosquitto should exit on SIGTERM");
        }
        var lost = await thing.Lost.WaitAsync(ConnectedClient.Bound);
        Assert.AreEqual(MqttConnectionLostReason.TransportClosed, lost.Reason, lost.Message);
        Assert.IsFalse(thing.Client.IsConnected);
        Assert.IsFalse(standIn.Broker.IsRunning);
        Assert.AreEqual(MqttPublishStatus.NotConnected, (await thing.Client.PublishAsync("$aws/things/life-stop/shadow/get", ReadOnlyMemory<byte>.Empty)).Status);
        var refused = await thing.Client.ConnectAsync();
        Assert.AreEqual(MqttConnectStatus.NetworkError, refused.Status, refused.Message);

        var restarted = await standIn.Broker.RestartAsync();
        Assert.IsTrue(restarted.Started, restarted.Message);
        Assert.AreNotEqual(firstPid, standIn.Broker.ProcessId);
        var again = await thing.Client.ConnectAsync();
        Assert.AreEqual(MqttConnectStatus.Accepted, again.Status, again.Message);
    }

    [TestMethod]
    public async Task BrokerFrozen_KeepAliveDetectsTheDeadLink()
    {
        await using var standIn = await LocalStandIn.StartAsync();
        await using var thing = await standIn.ConnectAsync("life-frozen", keepAliveSeconds: 1);
        standIn.Broker.Suspend();
        try
        {
            var lost = await thing.Lost.WaitAsync(ConnectedClient.Bound);
            Assert.AreEqual(MqttConnectionLostReason.KeepAliveTimeout, lost.Reason, lost.Message);
            StringAssert.Contains(lost.Message, "1.5 x keep-alive");
        }
        finally
        {
            standIn.Broker.Resume();
        }
    }

    [TestMethod]
    public async Task PortAlreadyTaken_StartFails_QuotingMosquitto_AndNothingKeepsRunning()
    {
        using var folder = new TempFolder();
        Assert.IsTrue(NanoThing.LocalIot.Pki.LocalCa.TryCreate(folder.File("ca"), false, out var ca, out string error), error);
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        int port = ((IPEndPoint)squatter.LocalEndpoint).Port;

        var result = await MosquittoBroker.StartAsync(ca!, folder.File("broker"), port);
        Assert.IsFalse(result.Started);
        StringAssert.Contains(result.Message, "Address already in use");
        StringAssert.Contains(result.Message, "--port");
        Assert.IsFalse(File.Exists(folder.File("broker", MosquittoBroker.PidFileName)));
        ca!.Dispose();
    }

    [TestMethod]
    public async Task AnotherProcess_CanAttachByFolder_AndStopTheBroker()
    {
        await using var standIn = await LocalStandIn.StartAsync();
        Assert.IsTrue(MosquittoBroker.TryAttach(standIn.Broker.Directory, out var attached, out string error), error);
        Assert.AreEqual(standIn.Broker.ProcessId, attached!.ProcessId);
        Assert.AreEqual(standIn.Broker.Port, attached.Port);

        Assert.IsTrue(await attached.StopAsync());
        Assert.IsFalse(standIn.Broker.IsRunning);
        Assert.IsFalse(MosquittoBroker.TryAttach(standIn.Broker.Directory, out _, out error));
        StringAssert.Contains(error, "No local broker");
    }
}
