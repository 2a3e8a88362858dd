using System.Text;

namespace NanoThing.Core.Json
{
    /// <summary>UTF-8 well-formedness (RFC 3629, table 3-7 of Unicode) and decoding of one validated sequence.</summary>
    internal static class Utf8
    {
        /// <summary>Bytes <see cref="CodePointAt"/> may write into its scratch buffer.</summary>
        public const int PairScratchBytes = 8;

        private static readonly UTF8Encoding Encoding = new UTF8Encoding();

        /// <summary>
        /// The code point at <paramref name="index"/> of <paramref name="text"/>, and in <paramref name="units"/> the
        /// UTF-16 units it takes (2 for a surrogate pair, else 1); -1 (one unit) for an unpaired surrogate. Right on
        /// .NET and on the device, no allocation.
        /// <para>
        /// Hazard (reference/nanoclr-runtime.md): nanoCLR keeps strings as UTF-8 and its char indexer returns the
        /// high surrogate for the low surrogate's index (<c>"\ud83d\ude00"[1]</c> is 0xD83D there, 0xDE00 on .NET),
        /// so the code point of a pair cannot be read from the chars on the device. Its stored bytes can:
        /// <c>Encoding.GetBytes(string, index, 2, bytes, 0)</c> copies them there (and encodes the pair on .NET)
        /// into <paramref name="scratch"/> (at least <see cref="PairScratchBytes"/> bytes).
        /// </para>
        /// </summary>
        public static int CodePointAt(string text, int index, byte[] scratch, out int units)
        {
            int c = text[index];
            units = 1;
            if (c < 0xD800 || c > 0xDFFF)
            {
                return c;
            }

            if (c > 0xDBFF || index + 1 >= text.Length)
            {
                return -1;
            }

            int next = text[index + 1];
            if (next >= 0xDC00 && next <= 0xDFFF)
            {
                units = 2;
                return 0x10000 + ((c - 0xD800) << 10) + (next - 0xDC00);
            }

            if (next != c)
            {
                return -1;
            }

            // nanoCLR's repeated high surrogate; on .NET two equal unpaired ones, which encode as 6 bytes of U+FFFD.
            int n = Encoding.GetBytes(text, index, 2, scratch, 0);
            if (n != 4 || SequenceLength(scratch, 0, 4) != 4)
            {
                return -1;
            }

            units = 2;
            return Decode(scratch, 0, 4);
        }

        /// <summary>
        /// The length (2-4) of the well-formed multi-byte sequence starting at <paramref name="pos"/>, or 0 when it is
        /// not well-formed (bad lead byte, bad or missing continuation, overlong form, surrogate, above U+10FFFF).
        /// </summary>
        public static int SequenceLength(byte[] b, int pos, int end)
        {
            int lead = b[pos];
            int length;
            int min2 = 0x80;
            int max2 = 0xBF;
            if (lead >= 0xC2 && lead <= 0xDF)
            {
                length = 2;
            }
            else if (lead >= 0xE0 && lead <= 0xEF)
            {
                length = 3;
                if (lead == 0xE0)
                {
                    min2 = 0xA0;
                }
                else if (lead == 0xED)
                {
                    max2 = 0x9F;
                }
            }
            else if (lead >= 0xF0 && lead <= 0xF4)
            {
                length = 4;
                if (lead == 0xF0)
                {
                    min2 = 0x90;
                }
                else if (lead == 0xF4)
                {
                    max2 = 0x8F;
                }
            }
            else
            {
                return 0;
            }

            if (pos + length > end)
            {
                return 0;
            }

            int second = b[pos + 1];
            if (second < min2 || second > max2)
            {
                return 0;
            }

            for (int i = 2; i < length; i++)
            {
                int c = b[pos + i];
                if (c < 0x80 || c > 0xBF)
                {
                    return 0;
                }
            }

            return length;
        }

        /// <summary>The code point of the well-formed sequence of <paramref name="length"/> bytes at <paramref name="pos"/>.</summary>
        public static int Decode(byte[] b, int pos, int length)
        {
            if (length == 2)
            {
                return ((b[pos] & 0x1F) << 6) | (b[pos + 1] & 0x3F);
            }

            if (length == 3)
            {
                return ((b[pos] & 0x0F) << 12) | ((b[pos + 1] & 0x3F) << 6) | (b[pos + 2] & 0x3F);
            }

            return ((b[pos] & 0x07) << 18) | ((b[pos + 1] & 0x3F) << 12) | ((b[pos + 2] & 0x3F) << 6) | (b[pos + 3] & 0x3F);
        }

        /// <summary>
        /// Writes code point <paramref name="cp"/> (0..0x10FFFF, not a surrogate) as UTF-8 at <paramref name="pos"/>
        /// using at most <paramref name="room"/> bytes. Returns the byte count, or 0 when it does not fit.
        /// </summary>
        public static int Encode(int cp, byte[] b, int pos, int room)
        {
            if (cp < 0x80)
            {
                if (room < 1)
                {
                    return 0;
                }

                b[pos] = (byte)cp;
                return 1;
            }

            if (cp < 0x800)
            {
                if (room < 2)
                {
                    return 0;
                }

                b[pos] = (byte)(0xC0 | (cp >> 6));
                b[pos + 1] = (byte)(0x80 | (cp & 0x3F));
                return 2;
            }

            if (cp < 0x10000)
            {
                if (room < 3)
                {
                    return 0;
                }

                b[pos] = (byte)(0xE0 | (cp >> 12));
                b[pos + 1] = (byte)(0x80 | ((cp >> 6) & 0x3F));
                b[pos + 2] = (byte)(0x80 | (cp & 0x3F));
                return 3;
            }

            if (room < 4)
            {
                return 0;
            }

            b[pos] = (byte)(0xF0 | (cp >> 18));
            b[pos + 1] = (byte)(0x80 | ((cp >> 12) & 0x3F));
            b[pos + 2] = (byte)(0x80 | ((cp >> 6) & 0x3F));
            b[pos + 3] = (byte)(0x80 | (cp & 0x3F));
            return 4;
        }
    }
}
