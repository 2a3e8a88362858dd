using NanoThing.Mqtt.Tests.Support;

namespace NanoThing.Mqtt.Tests.Integration;

/// <summary>The stand-in stopped and started again; each test has its own.</summary>
[TestClass]
public sealed class BrokerLifecycleTests
{
    [TestMethod]
    public async Task StandInStopped_ClientReportsConnectionLost_ThenRestartedStandInAcceptsANewConnect()
    {
        await using var standIn = await LocalStandIn.StartAsync();
        await using var thing = await standIn.ConnectAsync("life-stop");

        await standIn.StopAsync();

        var lost = await thing.Lost.WaitAsync(ConnectedClient.Bound);
        Assert.AreEqual(MqttConnectionLostReason.TransportClosed, lost.Reason, lost.Message);
        Assert.IsFalse(thing.Client.IsConnected);
        Assert.AreEqual(MqttPublishStatus.NotConnected, (await thing.Client.PublishAsync("$aws/things/life-stop/shadow/get", ReadOnlyMemory<byte>.Empty)).Status);
        var refused = await thing.Client.ConnectAsync();
        Assert.AreEqual(MqttConnectStatus.NetworkError, refused.Status, refused.Message);

        await standIn.RestartAsync();
        var again = await thing.Client.ConnectAsync();
        Assert.AreEqual(MqttConnectStatus.Accepted, again.Status, again.Message);
    }
}
