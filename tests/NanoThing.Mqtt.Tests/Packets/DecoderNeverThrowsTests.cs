using NanoThing.Mqtt.Packets;

namespace NanoThing.Mqtt.Tests.Packets;

/// <summary>
/// Whatever a broker (or an attacker in its place) sends, the decoder answers with a value and never throws:
/// random bytes, truncations, bit flips and extensions of valid packets, and huge length headers.
/// </summary>
[TestClass]
public sealed class DecoderNeverThrowsTests
{
    private static readonly byte[][] ValidFrames =
    [
        Hex.Bytes("20 02 01 05"),
        Hex.Bytes("3B 09 00 03 61 2F 62 00 0A 68 69"),
        Hex.Bytes("30 03 00 01 74"),
        Hex.Bytes("40 02 12 34"),
        Hex.Bytes("90 06 00 07 00 01 80 02"),
        Hex.Bytes("B0 02 00 02"),
        Hex.Bytes("D0 00"),
        new PublishPacket("$aws/things/kitchen/shadow/update/delta", new byte[300], MqttQos.AtLeastOnce, 99).Encode(),
    ];

    [TestMethod]
    public void TenThousandMalformedInputs_NeverThrow_AndFramesStayInsideTheBuffer()
    {
        var random = new Random(20261122);
        int decoded = 0, refused = 0;
        for (int i = 0; i < 10_000; i++)
        {
            byte[] input = (i % 4) switch
            {
                0 => RandomBytes(random, random.Next(0, 64)),
                1 => Truncate(random, ValidFrames[random.Next(ValidFrames.Length)]),
                2 => FlipBits(random, ValidFrames[random.Next(ValidFrames.Length)]),
                _ => HugeOrExtended(random, ValidFrames[random.Next(ValidFrames.Length)]),
            };
            var status = MqttPacketDecoder.TryReadFrame(input, out int frameLength);
            if (status == FrameStatus.Complete) Assert.IsTrue(frameLength >= 2 && frameLength <= input.Length);
            else Assert.AreEqual(0, frameLength);

            bool ok = MqttPacketDecoder.TryDecode(input, out var packet, out string error);
            Assert.AreEqual(ok, packet is not null);
            Assert.AreEqual(ok, error.Length == 0, error);
            if (ok) decoded++; else refused++;
        }
        Assert.IsTrue(decoded > 100 && refused > 1000, "the corpus must exercise both paths: " + decoded + " decoded, " + refused + " refused");
    }

    [TestMethod]
    public void EveryTruncationOfEveryValidFrame_NeedsMoreData()
    {
        foreach (var frame in ValidFrames)
        {
            for (int length = 0; length < frame.Length; length++)
            {
                Assert.AreEqual(FrameStatus.NeedMoreData, MqttPacketDecoder.TryReadFrame(frame.AsSpan(0, length), out _));
                Assert.IsFalse(MqttPacketDecoder.TryDecode(frame.AsSpan(0, length), out _, out _));
            }
            Assert.IsTrue(MqttPacketDecoder.TryDecode(frame, out _, out string error), error);
        }
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] Truncate(Random random, byte[] frame) => frame[..random.Next(0, frame.Length)];

    private static byte[] FlipBits(Random random, byte[] frame)
    {
        var copy = (byte[])frame.Clone();
        int flips = random.Next(1, 4);
        for (int f = 0; f < flips; f++) copy[random.Next(copy.Length)] ^= (byte)(1 << random.Next(8));
        return copy;
    }

    private static byte[] HugeOrExtended(Random random, byte[] frame)
    {
        if (random.Next(2) == 0)
        {
            // a header announcing up to 256 MB followed by a few bytes
            return [frame[0], 0xFF, 0xFF, 0xFF, (byte)random.Next(0x80), .. RandomBytes(random, random.Next(0, 16))];
        }
        return [.. frame, .. RandomBytes(random, random.Next(1, 8))];
    }
}
