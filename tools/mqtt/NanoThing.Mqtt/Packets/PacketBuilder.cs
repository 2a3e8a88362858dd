using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace NanoThing.Mqtt.Packets;

/// <summary>Builds one packet: the body is written field by field, <see cref="ToArray"/> prepends the fixed header.</summary>
internal sealed class PacketBuilder
{
    private readonly byte _firstByte;
    private readonly ArrayBufferWriter<byte> _body = new();

    public PacketBuilder(MqttPacketType type, int flags = 0) => _firstByte = (byte)(((int)type << 4) | (flags & 0x0F));

    public void WriteByte(byte value) => _body.Write([value]);

    public void WriteUInt16(ushort value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(_body.GetSpan(2), value);
        _body.Advance(2);
    }

    /// <summary>A UTF-8 string prefixed by its 2-byte length (spec 1.5.3).</summary>
    public void WriteString(string value)
    {
        int length = Encoding.UTF8.GetByteCount(value);
        if (length > ushort.MaxValue) throw new ArgumentException("An MQTT string is at most 65535 UTF-8 bytes; this one has " + length + ".", nameof(value));
        WriteUInt16((ushort)length);
        WriteBytes(Encoding.UTF8.GetBytes(value));
    }

    public void WriteBytes(ReadOnlySpan<byte> value) => _body.Write(value);

    public byte[] ToArray()
    {
        int bodyLength = _body.WrittenCount;
        var packet = new byte[1 + RemainingLength.SizeOf(bodyLength) + bodyLength];
        packet[0] = _firstByte;
        int headerLength = 1 + RemainingLength.Write(bodyLength, packet.AsSpan(1));
        _body.WrittenSpan.CopyTo(packet.AsSpan(headerLength));
        return packet;
    }
}
