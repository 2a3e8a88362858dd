using System;
using NanoThing.Core.Seams;

namespace NanoThing.Adapters
{
    /// <summary>
    /// <see cref="IClock"/> on the device. Monotonic time is Environment.TickCount64 (milliseconds since boot,
    /// from the RTOS tick: never goes backwards and is not touched by SNTP). Wall-clock time is DateTime.UtcNow,
    /// which starts near 1970 after a cold boot and is right only once SNTP has synchronised (the boot sequence
    /// waits for that before TLS). Neither call blocks.
    /// </summary>
    public sealed class DeviceClock : IClock
    {
        /// <inheritdoc />
        public long MonotonicMilliseconds()
        {
            return Environment.TickCount64;
        }

        /// <inheritdoc />
        public DateTime UtcNow()
        {
            return DateTime.UtcNow;
        }
    }
}
