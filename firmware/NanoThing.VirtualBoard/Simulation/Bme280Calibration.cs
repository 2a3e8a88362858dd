namespace NanoThing.VirtualBoard.Simulation;

/// <summary>
/// Trimming parameters of a simulated BME280, as the chip stores them in its NVM (registers 0x88-0xA1 and
/// 0xE1-0xE7). <see cref="Typical"/> uses the temperature and pressure values of the BMP280 datasheet's
/// worked example (section 3.12) and humidity values in the range real BME280 parts report.
/// </summary>
public sealed record Bme280Calibration(
    ushort T1, short T2, short T3,
    ushort P1, short P2, short P3, short P4, short P5, short P6, short P7, short P8, short P9,
    byte H1, short H2, byte H3, short H4, short H5, sbyte H6)
{
    public static Bme280Calibration Typical { get; } = new(
        27504, 26435, -1000,
        36477, -10685, 3024, 2855, 140, -7, 15500, -14600, 6000,
        75, 362, 0, 324, 50, 30);

    /// <summary>The 26 bytes of registers 0x88..0xA1, little-endian as on the chip (0xA0 is reserved).</summary>
    public byte[] Block1()
    {
        var b = new byte[26];
        short[] words = { (short)T1, T2, T3, (short)P1, P2, P3, P4, P5, P6, P7, P8, P9 };
        for (int i = 0; i < words.Length; i++)
        {
            b[2 * i] = (byte)(words[i] & 0xFF);
            b[2 * i + 1] = (byte)((words[i] >> 8) & 0xFF);
        }

        b[25] = H1;
        return b;
    }

    /// <summary>The 7 bytes of registers 0xE1..0xE7 (H4 and H5 are 12-bit values sharing register 0xE5).</summary>
    public byte[] Block2() => new[]
    {
        (byte)(H2 & 0xFF), (byte)((H2 >> 8) & 0xFF), H3,
        (byte)((H4 >> 4) & 0xFF), (byte)((H4 & 0x0F) | ((H5 & 0x0F) << 4)), (byte)((H5 >> 4) & 0xFF),
        unchecked((byte)H6),
    };
}
