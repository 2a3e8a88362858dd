using System;
using NanoThing.Core.Seams;

namespace NanoThing.Core.Shadow
{
    /// <summary>
    /// Makes clientTokens for shadow requests: "nt-" + 8 random hex digits chosen once per instance (per boot) +
    /// "-" + a decimal counter, e.g. "nt-3fa9c01b-17". At most <see cref="MaxLength"/> ASCII bytes (under AWS's 64);
    /// unique while in flight because the counter only grows (2^32 requests before it wraps), and unlikely to collide
    /// with a token from before a reboot because of the random part. Tokens are written as ASCII bytes into a buffer
    /// the caller owns and reuses: no allocation after construction. Not thread-safe.
    /// </summary>
    public sealed class ClientTokenSource
    {
        /// <summary>The longest token in bytes: 12 of prefix and up to 10 counter digits.</summary>
        public const int MaxLength = 22;

        private const string Hex = "0123456789abcdef";
        private const int PrefixLength = 12;
        private readonly byte[] _prefix = new byte[PrefixLength];
        private readonly byte[] _digits = new byte[10];
        private uint _counter;

        /// <summary>Draws the random part from <paramref name="random"/> (8 calls of Next(16); null: all zeros).</summary>
        public ClientTokenSource(IRandom random)
        {
            _prefix[0] = (byte)'n';
            _prefix[1] = (byte)'t';
            _prefix[2] = (byte)'-';
            for (int i = 3; i < 11; i++)
            {
                int digit = random == null ? 0 : random.Next(16);
                _prefix[i] = (byte)Hex[digit < 0 || digit > 15 ? 0 : digit];
            }

            _prefix[11] = (byte)'-';
        }

        /// <summary>
        /// Writes the next token into <paramref name="buffer"/> at <paramref name="offset"/> and returns its length
        /// (13..<see cref="MaxLength"/>). Returns 0, writing nothing and keeping the counter, when fewer than
        /// <see cref="MaxLength"/> bytes are free there (or the buffer is null).
        /// </summary>
        public int Next(byte[] buffer, int offset)
        {
            if (buffer == null || offset < 0 || offset > buffer.Length - MaxLength)
            {
                return 0;
            }

            _counter++;
            Array.Copy(_prefix, 0, buffer, offset, PrefixLength);
            int count = 0;
            uint rest = _counter;
            do
            {
                _digits[count++] = (byte)('0' + (int)(rest % 10));
                rest /= 10;
            }
            while (rest != 0);

            int length = PrefixLength;
            while (count > 0)
            {
                buffer[offset + length++] = _digits[--count];
            }

            return length;
        }
    }
}
