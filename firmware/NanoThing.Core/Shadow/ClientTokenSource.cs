using NanoThing.Core.Seams;

namespace NanoThing.Core.Shadow
{
    /// <summary>
    /// Makes clientTokens for shadow requests: "nt-" + 8 random hex digits chosen once per instance (per boot) +
    /// "-" + a counter, e.g. "nt-3fa9c01b-17". At most 22 ASCII bytes (under AWS's 64); unique while in flight
    /// because the counter only grows (2^32 requests before it wraps), and unlikely to collide with a token from
    /// before a reboot because of the random part. One string is allocated per token.
    /// </summary>
    public sealed class ClientTokenSource
    {
        private const string Hex = "0123456789abcdef";
        private readonly string _prefix;
        private uint _counter;

        /// <summary>Draws the random part from <paramref name="random"/> (8 calls of Next(16)).</summary>
        public ClientTokenSource(IRandom random)
        {
            char[] chars = new char[12];
            chars[0] = 'n';
            chars[1] = 't';
            chars[2] = '-';
            for (int i = 3; i < 11; i++)
            {
                int digit = random == null ? 0 : random.Next(16);
                chars[i] = Hex[digit < 0 || digit > 15 ? 0 : digit];
            }

            chars[11] = '-';
            _prefix = new string(chars);
        }

        /// <summary>The next token.</summary>
        public string Next()
        {
            _counter++;
            return _prefix + _counter.ToString();
        }
    }
}
