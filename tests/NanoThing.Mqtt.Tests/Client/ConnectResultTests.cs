namespace NanoThing.Mqtt.Tests.Client;

[TestClass]
public sealed class ConnectResultTests
{
    [TestMethod]
    [DataRow((byte)0, MqttConnectStatus.Accepted, "Connected to broker:8883")]
    [DataRow((byte)1, MqttConnectStatus.RefusedProtocolVersion, "CONNACK 1")]
    [DataRow((byte)2, MqttConnectStatus.RefusedIdentifier, "rejected client id 'kitchen' (CONNACK 2)")]
    [DataRow((byte)3, MqttConnectStatus.RefusedServerUnavailable, "CONNACK 3")]
    [DataRow((byte)4, MqttConnectStatus.RefusedBadCredentials, "CONNACK 4")]
    [DataRow((byte)5, MqttConnectStatus.RefusedNotAuthorized, "iot:Connect")]
    [DataRow((byte)6, MqttConnectStatus.ProtocolError, "unknown CONNACK return code 6")]
    [DataRow((byte)255, MqttConnectStatus.ProtocolError, "unknown CONNACK return code 255")]
    public void EveryConnAckCode_IsAStatusWithASentence(byte code, MqttConnectStatus status, string inMessage)
    {
        var result = MqttConnectResult.FromConnAck(code, false, "broker:8883", "kitchen");
        Assert.AreEqual(status, result.Status);
        Assert.AreEqual(code == 0, result.IsConnected);
        StringAssert.Contains(result.Message, inMessage);
        StringAssert.Contains(result.Message, "broker:8883");
    }

    [TestMethod]
    public void StatusNumbers_AreThoseOfCoresSeam_SoAnAdapterCanCast()
    {
        var core = Enum.GetValues<NanoThing.Core.Seams.MqttConnectResult>().Select(s => (int)s).ToArray();
        CollectionAssert.AreEqual(core, Enum.GetValues<MqttConnectStatus>().Select(s => (int)s).ToArray());
        Assert.AreEqual((int)NanoThing.Core.Seams.MqttConnectResult.OtherError, (int)MqttConnectStatus.ProtocolError);
    }

    [TestMethod]
    public void SessionPresent_IsKept()
    {
        Assert.IsTrue(MqttConnectResult.FromConnAck(0, true, "b:1", "c").SessionPresent);
    }
}
