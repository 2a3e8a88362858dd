using NanoThing.Mqtt.Packets;

namespace NanoThing.Mqtt.Connection;

/// <summary>One read attempt: a packet, a protocol error (the connection must close), or the end of the stream.</summary>
internal readonly record struct PacketReadResult(MqttPacket? Packet, string? ProtocolError)
{
    public bool EndOfStream => Packet is null && ProtocolError is null;
}

/// <summary>
/// Reads whole MQTT packets from a stream: fixed header byte, remaining length (at most 4 bytes), body bounded
/// by a size limit, then <see cref="MqttPacketDecoder"/>. Transport failures surface as <see cref="IOException"/>.
/// </summary>
internal sealed class PacketReader(Stream stream, int maxPacketBytes)
{
    private readonly byte[] _header = new byte[5];

    public async Task<PacketReadResult> ReadAsync(CancellationToken cancellationToken)
    {
        if (await stream.ReadAsync(_header.AsMemory(0, 1), cancellationToken) == 0) return default;
        int headerLength = 1, remaining;
        while (true)
        {
            var status = RemainingLength.TryRead(_header.AsSpan(1, headerLength - 1), out remaining, out _);
            if (status == FrameStatus.Complete) break;
            if (status == FrameStatus.Malformed || headerLength == _header.Length)
                return new(null, "The broker sent a remaining length longer than 4 bytes.");
            if (await stream.ReadAsync(_header.AsMemory(headerLength, 1), cancellationToken) == 0) return default;
            headerLength++;
        }
        if (headerLength + remaining > maxPacketBytes)
            return new(null, "The broker sent a packet of " + (headerLength + remaining) + " bytes; the limit is " + maxPacketBytes + ".");
        var frame = new byte[headerLength + remaining];
        _header.AsSpan(0, headerLength).CopyTo(frame);
        try
        {
            await stream.ReadExactlyAsync(frame.AsMemory(headerLength), cancellationToken);
        }
        catch (EndOfStreamException)
        {
            return default;
        }
        return MqttPacketDecoder.TryDecode(frame, out var packet, out string error) ? new(packet, null) : new(null, error);
    }
}
