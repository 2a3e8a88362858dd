namespace NanoThing.Mqtt.Packets;

/// <summary>
/// The "remaining length" of the MQTT fixed header (spec 2.2.3): 7 bits per byte, low group first, bit 7 set
/// when another byte follows; 1 to 4 bytes, so at most 268,435,455.
/// </summary>
public static class RemainingLength
{
    /// <summary>The largest value four bytes can carry.</summary>
    public const int Max = 268_435_455;

    /// <summary>How many bytes <see cref="Write"/> needs for <paramref name="value"/> (0..<see cref="Max"/>).</summary>
    public static int SizeOf(int value)
    {
        if (value < 0 || value > Max) throw new ArgumentOutOfRangeException(nameof(value), value, "An MQTT remaining length is 0.." + Max + ".");
        return value < 128 ? 1 : value < 16_384 ? 2 : value < 2_097_152 ? 3 : 4;
    }

    /// <summary>Writes <paramref name="value"/> at the start of <paramref name="destination"/>; returns the byte count.</summary>
    public static int Write(int value, Span<byte> destination)
    {
        int count = SizeOf(value);
        for (int i = 0; i < count; i++)
        {
            byte digit = (byte)(value % 128);
            value /= 128;
            destination[i] = value > 0 ? (byte)(digit | 0x80) : digit;
        }
        return count;
    }

    /// <summary>
    /// Reads a remaining length from the start of <paramref name="source"/>. Returns
    /// <see cref="FrameStatus.Complete"/> with the value and the bytes it used, <see cref="FrameStatus.NeedMoreData"/>
    /// when <paramref name="source"/> ends inside it, or <see cref="FrameStatus.Malformed"/> when a fifth byte would be needed.
    /// </summary>
    public static FrameStatus TryRead(ReadOnlySpan<byte> source, out int value, out int bytesUsed)
    {
        value = 0;
        bytesUsed = 0;
        int multiplier = 1;
        for (int i = 0; i < 4; i++)
        {
            if (i >= source.Length) return FrameStatus.NeedMoreData;
            byte b = source[i];
            value += (b & 0x7F) * multiplier;
            multiplier *= 128;
            if ((b & 0x80) == 0)
            {
                bytesUsed = i + 1;
                return FrameStatus.Complete;
            }
        }
        value = 0;
        return FrameStatus.Malformed;
    }
}
