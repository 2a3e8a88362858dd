namespace NanoThing.Core.Json
{
    /// <summary>UTF-8 well-formedness (RFC 3629, table 3-7 of Unicode) and decoding of one validated sequence.</summary>
    internal static class Utf8
    {
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
