using System;
using NanoThing.Core.Seams;

namespace NanoThing.DeviceTests.Support
{
    /// <summary>A clock the test advances by hand: a day of behaviour runs in milliseconds, no sleeps.</summary>
    public sealed class ManualClock : IClock
    {
        /// <summary>The monotonic time returned, in ms; set or advance it directly.</summary>
        public long NowMs;

        /// <summary>The UTC time returned (fixed unless set).</summary>
        public DateTime Utc = new DateTime(2026, 1, 1, 0, 0, 0);

        /// <summary>Moves time forward by <paramref name="ms"/>.</summary>
        public void Advance(long ms)
        {
            NowMs += ms;
        }

        /// <inheritdoc />
        public long MonotonicMilliseconds()
        {
            return NowMs;
        }

        /// <inheritdoc />
        public DateTime UtcNow()
        {
            return Utc;
        }
    }
}
