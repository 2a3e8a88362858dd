namespace NanoThing.Bench;

/// <summary>How big a run is: the full run (minutes) or the smoke run (seconds, small sizes, same code paths).</summary>
public sealed record BenchOptions(bool Smoke)
{
    /// <summary>Ids of the benchmarks to run (empty: all).</summary>
    public IReadOnlyList<string> Only { get; init; } = [];

    /// <summary>The scale benchmark's levels (things), when not its default (10, 100, 250, 500, 1000; smoke 2, 4).</summary>
    public IReadOnlyList<int> ScaleLevels { get; init; } = [];

    /// <summary>Where progress lines go.</summary>
    public TextWriter Progress { get; init; } = Console.Error;

    /// <summary>Full-run size or smoke-run size.</summary>
    public int Pick(int full, int smoke) => Smoke ? smoke : full;
}
