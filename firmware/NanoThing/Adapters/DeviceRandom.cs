using System;
using NanoThing.Core.Seams;

namespace NanoThing.Adapters
{
    /// <summary>
    /// <see cref="IRandom"/> on the device: System.Random (native, seeded by the runtime). Good enough for
    /// backoff jitter and client tokens; not cryptographic, as the seam allows. Not thread-safe: one owner.
    /// </summary>
    public sealed class DeviceRandom : IRandom
    {
        private readonly Random _random = new Random();

        /// <inheritdoc />
        public int Next(int maxExclusive)
        {
            if (maxExclusive <= 0)
            {
                return 0;
            }

            return _random.Next(maxExclusive);
        }
    }
}
