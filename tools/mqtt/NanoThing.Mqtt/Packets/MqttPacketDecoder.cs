using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Unicode;

namespace NanoThing.Mqtt.Packets;

/// <summary>
/// Splits and decodes the packets an MQTT 3.1.1 server sends to a client: CONNACK, PUBLISH (QoS 0/1), PUBACK,
/// SUBACK, UNSUBACK and PINGRESP. Never throws on any input: malformed bytes are a <c>false</c> /
/// <see cref="FrameStatus.Malformed"/> result with a sentence saying what is wrong.
/// </summary>
public static class MqttPacketDecoder
{
    /// <summary>
    /// Looks for one whole packet at the start of <paramref name="buffer"/>. On <see cref="FrameStatus.Complete"/>,
    /// <paramref name="frameLength"/> is the packet's total size (fixed header included); otherwise 0.
    /// </summary>
    public static FrameStatus TryReadFrame(ReadOnlySpan<byte> buffer, out int frameLength)
    {
        frameLength = 0;
        if (buffer.Length < 2) return FrameStatus.NeedMoreData;
        var status = RemainingLength.TryRead(buffer[1..], out int remaining, out int lengthBytes);
        if (status != FrameStatus.Complete) return status;
        int total = 1 + lengthBytes + remaining;
        if (buffer.Length < total) return FrameStatus.NeedMoreData;
        frameLength = total;
        return FrameStatus.Complete;
    }

    /// <summary>
    /// Decodes exactly one whole packet (as delimited by <see cref="TryReadFrame"/>). False with
    /// <paramref name="error"/> set when the bytes are not a valid server-to-client MQTT 3.1.1 packet.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> frame, [NotNullWhen(true)] out MqttPacket? packet, out string error)
    {
        packet = null;
        if (TryReadFrame(frame, out int frameLength) != FrameStatus.Complete || frameLength != frame.Length)
        {
            error = "The bytes are not exactly one MQTT packet (bad or inconsistent remaining length, " + frame.Length + " bytes).";
            return false;
        }
        RemainingLength.TryRead(frame[1..], out _, out int lengthBytes);
        var body = frame[(1 + lengthBytes)..];
        var type = (MqttPacketType)(frame[0] >> 4);
        int flags = frame[0] & 0x0F;
        if (type != MqttPacketType.Publish && flags != 0)
        {
            error = "The " + Name(type) + " packet has reserved header flags 0x" + flags.ToString("X") + " set.";
            return false;
        }
        switch (type)
        {
            case MqttPacketType.ConnAck: return TryDecodeConnAck(body, out packet, out error);
            case MqttPacketType.Publish: return TryDecodePublish(flags, body, out packet, out error);
            case MqttPacketType.PubAck: return TryDecodeIdOnly(type, body, id => new PubAckPacket(id), out packet, out error);
            case MqttPacketType.SubAck: return TryDecodeSubAck(body, out packet, out error);
            case MqttPacketType.UnsubAck: return TryDecodeIdOnly(type, body, id => new UnsubAckPacket(id), out packet, out error);
            case MqttPacketType.PingResp:
                if (body.Length != 0) { error = "PINGRESP must be empty but carries " + body.Length + " bytes."; return false; }
                packet = PingRespPacket.Instance;
                error = "";
                return true;
            default:
                error = "A server must not send " + Name(type) + " to a client (or it needs QoS 2, which NanoThing never asks for).";
                return false;
        }
    }

    private static bool TryDecodeConnAck(ReadOnlySpan<byte> body, out MqttPacket? packet, out string error)
    {
        packet = null;
        if (body.Length != 2) { error = "CONNACK must be 2 bytes long, not " + body.Length + "."; return false; }
        if ((body[0] & 0xFE) != 0) { error = "CONNACK has reserved acknowledge flags set (0x" + body[0].ToString("X2") + ")."; return false; }
        packet = new ConnAckPacket((body[0] & 0x01) != 0, body[1]);
        error = "";
        return true;
    }

    private static bool TryDecodePublish(int flags, ReadOnlySpan<byte> body, out MqttPacket? packet, out string error)
    {
        packet = null;
        int qos = (flags >> 1) & 0x03;
        if (qos > 1) { error = "PUBLISH with QoS " + qos + " is not supported (NanoThing subscribes at QoS 0 or 1 only)."; return false; }
        if (qos == 0 && (flags & 0x08) != 0) { error = "A QoS 0 PUBLISH must not have the DUP flag set."; return false; }
        if (!TryReadString(body, out string topic, out int used, out error)) { error = "PUBLISH topic: " + error; return false; }
        if (topic.Length == 0 || topic.AsSpan().IndexOfAny("+#\0") >= 0)
        {
            error = "PUBLISH topic '" + topic.Replace("\0", "\\0") + "' is empty or contains a wildcard or NUL character.";
            return false;
        }
        ushort packetId = 0;
        if (qos == 1)
        {
            if (body.Length < used + 2) { error = "A QoS 1 PUBLISH ends before its packet id."; return false; }
            packetId = BinaryPrimitives.ReadUInt16BigEndian(body[used..]);
            if (packetId == 0) { error = "A QoS 1 PUBLISH has packet id 0, which the spec forbids."; return false; }
            used += 2;
        }
        packet = new PublishPacket(topic, body[used..].ToArray(), (MqttQos)qos, packetId, (flags & 0x01) != 0, (flags & 0x08) != 0);
        return true;
    }

    private static bool TryDecodeSubAck(ReadOnlySpan<byte> body, out MqttPacket? packet, out string error)
    {
        packet = null;
        if (body.Length < 3) { error = "SUBACK must carry a packet id and at least one return code, but has " + body.Length + " bytes."; return false; }
        if (!TryReadPacketId(MqttPacketType.SubAck, body, out ushort id, out error)) return false;
        var codes = body[2..].ToArray();
        foreach (byte code in codes)
        {
            if (code > 2 && code != SubAckPacket.Failure) { error = "SUBACK return code 0x" + code.ToString("X2") + " is not one of 0x00, 0x01, 0x02, 0x80."; return false; }
        }
        packet = new SubAckPacket(id, codes);
        return true;
    }

    private static bool TryDecodeIdOnly(MqttPacketType type, ReadOnlySpan<byte> body, Func<ushort, MqttPacket> create, out MqttPacket? packet, out string error)
    {
        packet = null;
        if (body.Length != 2) { error = Name(type) + " must carry exactly a 2-byte packet id, not " + body.Length + " bytes."; return false; }
        if (!TryReadPacketId(type, body, out ushort id, out error)) return false;
        packet = create(id);
        return true;
    }

    private static bool TryReadPacketId(MqttPacketType type, ReadOnlySpan<byte> body, out ushort id, out string error)
    {
        id = BinaryPrimitives.ReadUInt16BigEndian(body);
        error = id == 0 ? Name(type) + " has packet id 0, which the spec forbids." : "";
        return id != 0;
    }

    private static bool TryReadString(ReadOnlySpan<byte> body, out string value, out int used, out string error)
    {
        value = "";
        used = 0;
        if (body.Length < 2) { error = "the string length prefix is missing."; return false; }
        int length = BinaryPrimitives.ReadUInt16BigEndian(body);
        if (body.Length < 2 + length) { error = "the string claims " + length + " bytes but only " + (body.Length - 2) + " follow."; return false; }
        var bytes = body.Slice(2, length);
        if (!Utf8.IsValid(bytes)) { error = "the string is not valid UTF-8."; return false; }
        value = Encoding.UTF8.GetString(bytes);
        used = 2 + length;
        error = "";
        return true;
    }

    private static string Name(MqttPacketType type) =>
        Enum.IsDefined(type) ? type.ToString().ToUpperInvariant() : "packet type " + (int)type;
}
