using System.Text;
using NanoThing.Mqtt.Packets;

namespace NanoThing.Mqtt.Tests.Packets;

[TestClass]
public sealed class PacketEncoderTests
{
    [TestMethod]
    public void Connect_IsProtocolMqttLevel4_CleanSession_KeepAlive_ClientId()
    {
        var bytes = new ConnectPacket("thing-a", 60, CleanSession: true).Encode();
        //                        len   "MQTT"               lvl flags keepalive  "thing-a"
        Assert.AreEqual("10 13 00 04 4D 51 54 54 04 02 00 3C 00 07 74 68 69 6E 67 2D 61", Hex.Of(bytes));
    }

    [TestMethod]
    public void Connect_WithoutCleanSession_AndKeepAliveOff()
    {
        var bytes = new ConnectPacket("c", 0, CleanSession: false).Encode();
        Assert.AreEqual("10 0D 00 04 4D 51 54 54 04 00 00 00 00 01 63", Hex.Of(bytes));
    }

    [TestMethod]
    public void Connect_ClientIdIsUtf8WithByteLength()
    {
        var bytes = new ConnectPacket("é", 1, CleanSession: true).Encode();
        Assert.AreEqual("10 0E 00 04 4D 51 54 54 04 02 00 01 00 02 C3 A9", Hex.Of(bytes));
    }

    [TestMethod]
    public void PublishQos0_HasNoPacketId()
    {
        var bytes = new PublishPacket("a/b", Encoding.UTF8.GetBytes("hi"), MqttQos.AtMostOnce, 0).Encode();
        Assert.AreEqual("30 07 00 03 61 2F 62 68 69", Hex.Of(bytes));
    }

    [TestMethod]
    public void PublishQos1_RetainDup_CarriesPacketIdBeforePayload()
    {
        var bytes = new PublishPacket("a/b", Encoding.UTF8.GetBytes("hi"), MqttQos.AtLeastOnce, 10, Retain: true, Duplicate: true).Encode();
        Assert.AreEqual("3B 09 00 03 61 2F 62 00 0A 68 69", Hex.Of(bytes));
    }

    [TestMethod]
    public void Publish_EmptyPayload()
    {
        var bytes = new PublishPacket("t", ReadOnlyMemory<byte>.Empty, MqttQos.AtLeastOnce, 0xFFFF).Encode();
        Assert.AreEqual("32 05 00 01 74 FF FF", Hex.Of(bytes));
    }

    [TestMethod]
    public void Publish_200BytePayload_UsesTwoByteRemainingLength()
    {
        var payload = Enumerable.Repeat((byte)0xAB, 200).ToArray();
        var bytes = new PublishPacket("t", payload, MqttQos.AtMostOnce, 0).Encode();
        Assert.AreEqual("30 CB 01 00 01 74", Hex.Of(bytes[..6]));
        Assert.AreEqual(206, bytes.Length);
        CollectionAssert.AreEqual(payload, bytes[6..]);
    }

    [TestMethod]
    public void Publish_PacketIdThatDoesNotFitQos_IsABug()
    {
        Assert.ThrowsExactly<ArgumentException>(() => new PublishPacket("t", ReadOnlyMemory<byte>.Empty, MqttQos.AtLeastOnce, 0).Encode());
        Assert.ThrowsExactly<ArgumentException>(() => new PublishPacket("t", ReadOnlyMemory<byte>.Empty, MqttQos.AtMostOnce, 5).Encode());
    }

    [TestMethod]
    public void PubAck_IsTypeAndPacketIdBigEndian()
    {
        Assert.AreEqual("40 02 12 34", Hex.Of(new PubAckPacket(0x1234).Encode()));
    }

    [TestMethod]
    public void Subscribe_HasReservedFlags0010_AndOneQosBytePerFilter()
    {
        var bytes = new SubscribePacket(1, [new("a/#", MqttQos.AtLeastOnce), new("b", MqttQos.AtMostOnce)]).Encode();
        Assert.AreEqual("82 0C 00 01 00 03 61 2F 23 01 00 01 62 00", Hex.Of(bytes));
    }

    [TestMethod]
    public void Subscribe_AwsShadowTopic()
    {
        var bytes = new SubscribePacket(0x0102, [new("$aws/things/t/shadow/get/accepted", MqttQos.AtLeastOnce)]).Encode();
        var expected = "82 26 01 02 00 21 " + Hex.Of(Encoding.ASCII.GetBytes("$aws/things/t/shadow/get/accepted")) + " 01";
        Assert.AreEqual(expected, Hex.Of(bytes));
    }

    [TestMethod]
    public void Unsubscribe_HasReservedFlags0010()
    {
        Assert.AreEqual("A2 07 00 02 00 03 61 2F 23", Hex.Of(new UnsubscribePacket(2, ["a/#"]).Encode()));
    }

    [TestMethod]
    public void PingReq_And_Disconnect_AreTwoBytes()
    {
        Assert.AreEqual("C0 00", Hex.Of(PingReqPacket.Instance.Encode()));
        Assert.AreEqual("E0 00", Hex.Of(DisconnectPacket.Instance.Encode()));
    }

    [TestMethod]
    [DataRow(0, "00")]
    [DataRow(127, "7F")]
    [DataRow(128, "80 01")]
    [DataRow(16_383, "FF 7F")]
    [DataRow(16_384, "80 80 01")]
    [DataRow(2_097_151, "FF FF 7F")]
    [DataRow(2_097_152, "80 80 80 01")]
    [DataRow(268_435_455, "FF FF FF 7F")]
    public void RemainingLength_SpecTableBoundaries_RoundTrip(int value, string golden)
    {
        var buffer = new byte[4];
        int written = RemainingLength.Write(value, buffer);
        Assert.AreEqual(golden, Hex.Of(buffer[..written]));
        Assert.AreEqual(FrameStatus.Complete, RemainingLength.TryRead(buffer.AsSpan(0, written), out int read, out int used));
        Assert.AreEqual(value, read);
        Assert.AreEqual(written, used);
    }

    [TestMethod]
    public void RemainingLength_FiveBytes_IsMalformed_AndTruncated_NeedsMoreData()
    {
        Assert.AreEqual(FrameStatus.Malformed, RemainingLength.TryRead(Hex.Bytes("FF FF FF FF 01"), out _, out _));
        Assert.AreEqual(FrameStatus.NeedMoreData, RemainingLength.TryRead(Hex.Bytes("80 80"), out _, out _));
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => RemainingLength.SizeOf(RemainingLength.Max + 1));
    }
}
