using System.Text;
using NanoThing.Mqtt.Packets;

namespace NanoThing.Mqtt.Tests.Packets;

[TestClass]
public sealed class PacketDecoderTests
{
    private static MqttPacket Decode(string hex)
    {
        bool ok = MqttPacketDecoder.TryDecode(Hex.Bytes(hex), out var packet, out string error);
        Assert.IsTrue(ok, error);
        return packet!;
    }

    private static string Reject(string hex)
    {
        Assert.IsFalse(MqttPacketDecoder.TryDecode(Hex.Bytes(hex), out var packet, out string error), "accepted " + hex);
        Assert.IsNull(packet);
        Assert.IsFalse(string.IsNullOrWhiteSpace(error));
        return error;
    }

    [TestMethod]
    public void ConnAck_SessionPresentAndReturnCode()
    {
        Assert.AreEqual(new ConnAckPacket(false, 0), Decode("20 02 00 00"));
        Assert.AreEqual(new ConnAckPacket(true, 5), Decode("20 02 01 05"));
        Assert.AreEqual(new ConnAckPacket(false, 0x42), Decode("20 02 00 42"), "an unknown return code is kept for the caller to report");
    }

    [TestMethod]
    public void Publish_Qos1_FromServer()
    {
        var publish = (PublishPacket)Decode("3B 09 00 03 61 2F 62 00 0A 68 69");
        Assert.AreEqual("a/b", publish.Topic);
        Assert.AreEqual(MqttQos.AtLeastOnce, publish.Qos);
        Assert.AreEqual((ushort)10, publish.PacketId);
        Assert.IsTrue(publish.Retain);
        Assert.IsTrue(publish.Duplicate);
        Assert.AreEqual("hi", Encoding.UTF8.GetString(publish.Payload.Span));
    }

    [TestMethod]
    public void Publish_Qos0_EmptyPayload()
    {
        var publish = (PublishPacket)Decode("30 03 00 01 74");
        Assert.AreEqual("t", publish.Topic);
        Assert.AreEqual(0, publish.Payload.Length);
        Assert.AreEqual((ushort)0, publish.PacketId);
    }

    [TestMethod]
    public void Publish_RoundTripsThroughEncoder()
    {
        var sent = new PublishPacket("$aws/things/ü/shadow/update", new byte[] { 0, 1, 2, 255 }, MqttQos.AtLeastOnce, 7);
        var back = (PublishPacket)Decode(Hex.Of(sent.Encode()));
        Assert.AreEqual(sent.Topic, back.Topic);
        CollectionAssert.AreEqual(sent.Payload.ToArray(), back.Payload.ToArray());
        Assert.AreEqual(sent.PacketId, back.PacketId);
    }

    [TestMethod]
    public void PubAck_UnsubAck_PingResp()
    {
        Assert.AreEqual(new PubAckPacket(0x1234), Decode("40 02 12 34"));
        Assert.AreEqual(new UnsubAckPacket(2), Decode("B0 02 00 02"));
        Assert.AreSame(PingRespPacket.Instance, Decode("D0 00"));
    }

    [TestMethod]
    public void SubAck_KeepsEveryReturnCodeInOrder_IncludingFailure()
    {
        var suback = (SubAckPacket)Decode("90 06 00 07 00 01 80 02");
        Assert.AreEqual((ushort)7, suback.PacketId);
        CollectionAssert.AreEqual(new byte[] { 0x00, 0x01, 0x80, 0x02 }, suback.ReturnCodes.ToArray());
    }

    [TestMethod]
    [DataRow("20 03 00 00 00", "CONNACK must be 2 bytes")]
    [DataRow("20 02 02 00", "reserved acknowledge flags")]
    [DataRow("21 02 00 00", "reserved header flags")]
    [DataRow("36 05 00 01 74 00 01", "QoS 3")]
    [DataRow("34 05 00 01 74 00 01", "QoS 2")]
    [DataRow("38 03 00 01 74", "DUP")]
    [DataRow("32 03 00 01 74", "before its packet id")]
    [DataRow("32 05 00 01 74 00 00", "packet id 0")]
    [DataRow("30 03 00 05 74", "claims 5 bytes")]
    [DataRow("30 01 00", "length prefix is missing")]
    [DataRow("30 03 00 01 23", "wildcard")]
    [DataRow("30 03 00 01 2B", "wildcard")]
    [DataRow("30 02 00 00", "empty")]
    [DataRow("30 04 00 02 C3 28", "not valid UTF-8")]
    [DataRow("40 03 00 01 00", "exactly a 2-byte packet id")]
    [DataRow("40 02 00 00", "packet id 0")]
    [DataRow("90 02 00 01", "at least one return code")]
    [DataRow("90 03 00 01 03", "0x03 is not one of")]
    [DataRow("D0 01 00", "must be empty")]
    [DataRow("10 00", "must not send CONNECT")]
    [DataRow("50 02 00 01", "must not send PUBREC")]
    [DataRow("F0 00", "packet type 15")]
    [DataRow("00 00", "packet type 0")]
    [DataRow("30 05 00 01 74", "not exactly one MQTT packet")]
    [DataRow("D0 00 00", "not exactly one MQTT packet")]
    [DataRow("D0 FF FF FF FF 01", "not exactly one MQTT packet")]
    public void Malformed_IsRefusedWithAReason(string hex, string reason)
    {
        StringAssert.Contains(Reject(hex), reason);
    }

    [TestMethod]
    public void TryReadFrame_SplitsAStreamOfPackets()
    {
        var stream = Hex.Bytes("D0 00 40 02 00 01 30 CB 01");
        Assert.AreEqual(FrameStatus.Complete, MqttPacketDecoder.TryReadFrame(stream, out int first));
        Assert.AreEqual(2, first);
        Assert.AreEqual(FrameStatus.Complete, MqttPacketDecoder.TryReadFrame(stream.AsSpan(2), out int second));
        Assert.AreEqual(4, second);
        Assert.AreEqual(FrameStatus.NeedMoreData, MqttPacketDecoder.TryReadFrame(stream.AsSpan(6), out int third));
        Assert.AreEqual(0, third);
        Assert.AreEqual(FrameStatus.NeedMoreData, MqttPacketDecoder.TryReadFrame(stream.AsSpan(0, 1), out _));
        Assert.AreEqual(FrameStatus.Malformed, MqttPacketDecoder.TryReadFrame(Hex.Bytes("30 80 80 80 80 01"), out _));
    }
}
