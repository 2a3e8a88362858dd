using System.Text;

namespace NanoThing.Mqtt.Tests.Support;

/// <summary>
/// Just enough MQTT 3.1.1 framing for <see cref="ScriptedBroker"/> to split what the client sends into packets and
/// to write hand-made packets back (spec 2.2.3: remaining length in 1..4 bytes of 7 bits). Test code only: the
/// client itself is MQTTnet's.
/// </summary>
internal static class RawFrames
{
    /// <summary>The length of the whole packet at the start of <paramref name="buffer"/>, or 0 when it is not all there yet.</summary>
    public static int Length(ReadOnlySpan<byte> buffer)
    {
        int remaining = 0, multiplier = 1;
        for (int i = 1; i < Math.Min(buffer.Length, 5); i++)
        {
            remaining += (buffer[i] & 0x7F) * multiplier;
            if ((buffer[i] & 0x80) == 0) return buffer.Length >= i + 1 + remaining ? i + 1 + remaining : 0;
            multiplier *= 128;
        }

        if (buffer.Length >= 5) throw new InvalidDataException("the client sent a remaining length longer than 4 bytes");
        return 0;
    }

    /// <summary>Where the variable header starts (after the fixed header).</summary>
    public static int BodyOffset(byte[] packet)
    {
        int i = 1;
        while ((packet[i] & 0x80) != 0) i++;
        return i + 1;
    }

    /// <summary>A PUBLISH packet (remaining length under 128 bytes).</summary>
    public static byte[] Publish(string topic, byte[] payload, int qos, ushort packetId)
    {
        var name = Encoding.UTF8.GetBytes(topic);
        var body = new List<byte> { (byte)(name.Length >> 8), (byte)name.Length };
        body.AddRange(name);
        if (qos > 0) body.AddRange([(byte)(packetId >> 8), (byte)packetId]);
        body.AddRange(payload);
        if (body.Count > 127) throw new ArgumentException("keep test packets under 128 bytes");
        return [(byte)(0x30 | qos << 1), (byte)body.Count, .. body];
    }
}
