using NanoThing.Core.Seams;

namespace NanoThing.DeviceTests.Support
{
    /// <summary>
    /// A deterministic pseudo-random source (xorshift32) for fuzz-style tests and as a fake <see cref="IRandom"/>:
    /// the same seed always gives the same sequence, so a failing case can be replayed.
    /// </summary>
    public sealed class SeededRandom : IRandom
    {
        private uint _state;

        /// <summary>A sequence determined by <paramref name="seed"/> (0 is replaced by a fixed non-zero value).</summary>
        public SeededRandom(uint seed)
        {
            _state = seed == 0 ? 0x9E3779B9u : seed;
        }

        /// <summary>The next 32 random bits.</summary>
        public uint NextUInt()
        {
            uint x = _state;
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            _state = x;
            return x;
        }

        /// <inheritdoc />
        public int Next(int maxExclusive)
        {
            return maxExclusive <= 0 ? 0 : (int)(NextUInt() % (uint)maxExclusive);
        }
    }
}
