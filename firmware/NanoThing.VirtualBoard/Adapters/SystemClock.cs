using System.Diagnostics;
using NanoThing.Core.Seams;

namespace NanoThing.VirtualBoard.Adapters;

/// <summary>The PC's clocks: a monotonic stopwatch and the system UTC time.</summary>
public sealed class SystemClock : IClock
{
    private readonly Stopwatch _since = Stopwatch.StartNew();

    public long MonotonicMilliseconds() => _since.ElapsedMilliseconds;

    public DateTime UtcNow() => DateTime.UtcNow;
}

/// <summary>System.Random behind Core's random seam; seedable for reproducible runs.</summary>
public sealed class SystemRandom(int? seed = null) : IRandom
{
    private readonly Random _random = seed.HasValue ? new Random(seed.Value) : new Random();
    private readonly object _gate = new();

    public int Next(int maxExclusive)
    {
        if (maxExclusive <= 0) return 0;
        lock (_gate) return _random.Next(maxExclusive);
    }
}
