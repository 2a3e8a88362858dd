using System;

namespace NanoThing.Core.Seams
{
    /// <summary>
    /// Time for Core. Device: Environment.TickCount64 and DateTime.UtcNow. Tests: a clock they advance by hand,
    /// so a day of behaviour runs in milliseconds. Core never sleeps: it asks the clock and is called again.
    /// </summary>
    public interface IClock
    {
        /// <summary>Milliseconds since an arbitrary start; never goes backwards, unaffected by SNTP. Does not block.</summary>
        long MonotonicMilliseconds();

        /// <summary>
        /// Wall-clock UTC. Wrong (near 1970) until SNTP has synchronised on the device: Core uses it only for
        /// timestamps it reports, never for intervals, timeouts or decisions.
        /// </summary>
        DateTime UtcNow();
    }

    /// <summary>Random numbers for backoff jitter and client tokens. Need not be cryptographic.</summary>
    public interface IRandom
    {
        /// <summary>A uniformly distributed integer in [0, <paramref name="maxExclusive"/>); 0 when <paramref name="maxExclusive"/> is 0 or less.</summary>
        int Next(int maxExclusive);
    }
}
