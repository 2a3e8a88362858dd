using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using NanoThing.Bench.Air;
using NanoThing.Bench.Cycle;
using NanoThing.Bench.Figures;
using NanoThing.Bench.RoundTrip;
using NanoThing.Bench.Scale;

namespace NanoThing.Bench;

/// <summary>Runs the benchmarks in priority order and renders their sections as one Markdown report.</summary>
public static class BenchRunner
{
    /// <summary>Every benchmark by id, in the order they run.</summary>
    public static readonly IReadOnlyList<(string Id, Func<BenchOptions, Task<BenchSection>> Run)> All =
    [
        (ReportCycleBench.Id, o => Task.FromResult(ReportCycleBench.Run(o))),
        (BytesOnAirBench.Id, o => Task.FromResult(BytesOnAirBench.Run(o))),
        (RoundTripBench.Id, RoundTripBench.RunAsync),
        (BootBench.Id, BootBench.RunAsync),
        (ScaleBench.Id, ScaleBench.RunAsync),
    ];

    public static async Task<IReadOnlyList<BenchSection>> RunAsync(BenchOptions options)
    {
        var sections = new List<BenchSection>();
        foreach (var (id, run) in All)
        {
            if (options.Only.Count > 0 && !options.Only.Contains(id)) continue;
            var started = Stopwatch.StartNew();
            options.Progress.WriteLine($"bench: {id} ...");
            try
            {
                sections.Add(await run(options));
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException or IOException)
            {
                // One benchmark failing (e.g. the stand-in cannot start) does not lose the others' figures.
                var failed = new BenchSection(id, id + " (failed)");
                failed.Fail(e.Message);
                sections.Add(failed);
                options.Progress.WriteLine($"bench: {id} FAILED: {e.Message}");
                continue;
            }

            options.Progress.WriteLine($"bench: {id} done in {started.Elapsed.TotalSeconds:F1} s");
        }

        return sections;
    }

    /// <summary>The report: when and where it ran, then each section.</summary>
    public static string ToMarkdown(IReadOnlyList<BenchSection> sections, BenchOptions options)
    {
        var text = new StringBuilder();
        text.AppendLine($"## Benchmark run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC ({(options.Smoke ? "smoke: small sizes, figures not meaningful" : "full")})").AppendLine();
        text.AppendLine($"Machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, "
            + $"load average at the end {LoadAverage()}.").AppendLine();
        foreach (var section in sections)
        {
            text.AppendLine(section.ToMarkdown());
        }

        return text.ToString();
    }

    private static string LoadAverage()
    {
        try
        {
            return string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}
