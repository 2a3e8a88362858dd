using System;

namespace NanoThing.Core.Json
{
    /// <summary>Typed reads of values by handle (see <see cref="JsonReader"/>). Each returns false when the kind or range does not fit.</summary>
    public sealed partial class JsonReader
    {
        /// <summary>True and the value for an integer token (no fraction, no exponent) within Int64; false otherwise.</summary>
        public bool TryGetLong(int value, out long result)
        {
            result = 0;
            bool negative;
            int pos = DigitsStart(value, out negative);
            if (pos < 0)
            {
                return false;
            }

            // Accumulate negatively so that Int64.MinValue fits.
            long acc = 0;
            while (pos < _end && IsDigit(_buffer[pos]))
            {
                int digit = _buffer[pos] - '0';
                if (acc < (long.MinValue + digit) / 10)
                {
                    return false;
                }

                acc = acc * 10 - digit;
                pos++;
            }

            if (pos < _end && (_buffer[pos] == (byte)'.' || _buffer[pos] == (byte)'e' || _buffer[pos] == (byte)'E'))
            {
                return false;
            }

            if (!negative)
            {
                if (acc == long.MinValue)
                {
                    return false;
                }

                acc = -acc;
            }

            result = acc;
            return true;
        }

        /// <summary>True and the value for an integer token within Int32; false otherwise.</summary>
        public bool TryGetInt(int value, out int result)
        {
            long wide;
            result = 0;
            if (!TryGetLong(value, out wide) || wide < int.MinValue || wide > int.MaxValue)
            {
                return false;
            }

            result = (int)wide;
            return true;
        }

        /// <summary>
        /// True and the value for any number token whose magnitude is finite as a double (integers, fractions,
        /// exponents); false for other kinds and for numbers beyond the double range. Precision is about 15
        /// significant digits (a manual conversion: nanoFramework has no culture-invariant Double.Parse over bytes).
        /// </summary>
        public bool TryGetDouble(int value, out double result)
        {
            result = 0;
            bool negative;
            int pos = DigitsStart(value, out negative);
            if (pos < 0)
            {
                return false;
            }

            long mantissa = 0;
            int digits = 0;
            int exponent = 0;
            while (pos < _end && IsDigit(_buffer[pos]))
            {
                if (digits < 18)
                {
                    mantissa = mantissa * 10 + (_buffer[pos] - '0');
                    if (mantissa != 0)
                    {
                        digits++;
                    }
                }
                else
                {
                    exponent++;
                }

                pos++;
            }

            if (pos < _end && _buffer[pos] == (byte)'.')
            {
                pos++;
                while (pos < _end && IsDigit(_buffer[pos]))
                {
                    if (digits < 18)
                    {
                        mantissa = mantissa * 10 + (_buffer[pos] - '0');
                        exponent--;
                        if (mantissa != 0)
                        {
                            digits++;
                        }
                    }

                    pos++;
                }
            }

            if (pos < _end && (_buffer[pos] == (byte)'e' || _buffer[pos] == (byte)'E'))
            {
                pos++;
                bool negativeExponent = false;
                if (pos < _end && (_buffer[pos] == (byte)'+' || _buffer[pos] == (byte)'-'))
                {
                    negativeExponent = _buffer[pos] == (byte)'-';
                    pos++;
                }

                int e = 0;
                while (pos < _end && IsDigit(_buffer[pos]))
                {
                    if (e < 100000)
                    {
                        e = e * 10 + (_buffer[pos] - '0');
                    }

                    pos++;
                }

                exponent += negativeExponent ? -e : e;
            }

            double d = mantissa;
            if (mantissa != 0)
            {
                if (exponent > 0)
                {
                    d *= Math.Pow(10, exponent);
                }
                else if (exponent < 0)
                {
                    // Two steps keep 1e-320-like values from collapsing through an infinite divisor.
                    if (exponent < -300)
                    {
                        d /= 1e300;
                        exponent += 300;
                    }

                    d /= Math.Pow(10, -exponent);
                }
            }

            if (double.IsInfinity(d) || double.IsNaN(d))
            {
                return false;
            }

            result = negative ? -d : d;
            return true;
        }

        /// <summary>True and the value for true/false; false for any other kind.</summary>
        public bool TryGetBool(int value, out bool result)
        {
            result = false;
            if (TypeOf(value) != JsonType.Boolean)
            {
                return false;
            }

            result = _buffer[value] == (byte)'t';
            return true;
        }

        /// <summary>True when the value at <paramref name="value"/> is the literal null.</summary>
        public bool IsNull(int value)
        {
            return TypeOf(value) == JsonType.Null;
        }

        /// <summary>True and the unescaped text for a string value; false for other kinds. Allocates the string.</summary>
        public bool TryGetString(int value, out string result)
        {
            result = null;
            if (TypeOf(value) != JsonType.String)
            {
                return false;
            }

            int units = 0;
            int pos = value + 1;
            int cp;
            while ((cp = ReadCodePoint(ref pos)) >= 0)
            {
                units += cp >= 0x10000 ? 2 : 1;
            }

            char[] chars = new char[units];
            int i = 0;
            pos = value + 1;
            while ((cp = ReadCodePoint(ref pos)) >= 0)
            {
                if (cp >= 0x10000)
                {
                    cp -= 0x10000;
                    chars[i++] = (char)(0xD800 + (cp >> 10));
                    chars[i++] = (char)(0xDC00 + (cp & 0x3FF));
                }
                else
                {
                    chars[i++] = (char)cp;
                }
            }

            result = new string(chars);
            return true;
        }

        /// <summary>
        /// Copies the unescaped UTF-8 bytes of a string value to <paramref name="destination"/> at
        /// <paramref name="destinationOffset"/>, writing at most <paramref name="capacity"/> bytes. Returns the byte count,
        /// or -1 when the value is not a string or does not fit (then the destination content is undefined). No allocation.
        /// </summary>
        public int CopyString(int value, byte[] destination, int destinationOffset, int capacity)
        {
            if (TypeOf(value) != JsonType.String || destination == null || destinationOffset < 0 || capacity < 0
                || capacity > destination.Length - destinationOffset)
            {
                return -1;
            }

            int pos = value + 1;
            int written = 0;
            int cp;
            while ((cp = ReadCodePoint(ref pos)) >= 0)
            {
                int n = Utf8.Encode(cp, destination, destinationOffset + written, capacity - written);
                if (n == 0)
                {
                    return -1;
                }

                written += n;
            }

            return written;
        }

        // The index of the first digit of the number at value (after an optional minus), or -1 when not a number.
        private int DigitsStart(int value, out bool negative)
        {
            negative = false;
            if (TypeOf(value) != JsonType.Number)
            {
                return -1;
            }

            negative = _buffer[value] == (byte)'-';
            return negative ? value + 1 : value;
        }
    }
}
