namespace NanoThing.Bench.Figures;

/// <summary>Nearest-rank percentiles of a set of samples (in the samples' unit).</summary>
public static class Percentiles
{
    /// <summary>The <paramref name="percent"/>th percentile (nearest rank); NaN when there are no samples.</summary>
    public static double Of(IReadOnlyList<double> samples, double percent)
    {
        if (samples.Count == 0) return double.NaN;
        var sorted = samples.Order().ToArray();
        int rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    /// <summary>p50, p95 and p99 columns in milliseconds, plus the sample count.</summary>
    public static (string, double)[] Columns(IReadOnlyList<double> milliseconds) =>
    [
        ("n", milliseconds.Count),
        ("p50 ms", Of(milliseconds, 50)),
        ("p95 ms", Of(milliseconds, 95)),
        ("p99 ms", Of(milliseconds, 99)),
    ];
}
