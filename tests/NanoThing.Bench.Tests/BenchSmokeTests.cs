using NanoThing.Bench;
using NanoThing.Bench.Figures;

namespace NanoThing.Bench.Tests;

/// <summary>
/// Every benchmark runs in smoke mode (small sizes) and produces a well-formed section: its id and title, rows with
/// finite, non-negative figures (a percentile may be NaN only when its row has no samples) and a Markdown table.
/// Speed is never asserted; the full run (bench/run.sh) is where figures mean something.
/// </summary>
[TestClass]
public sealed class BenchSmokeTests
{

    [TestMethod]
    [DataRow("cycle")]
    [DataRow("air")]
    [DataRow("roundtrip")]
    [DataRow("boot")]
    [DataRow("scale")]
    [DataRow("memory")]
    [DataRow("commit")]
    [DataRow("telemetry")]
    public async Task Benchmark_RunsInSmokeMode_AndReportsWellFormedFigures(string id)
    {
        var options = new BenchOptions(Smoke: true) { Only = [id], Progress = TextWriter.Null };
        IReadOnlyList<BenchSection> sections = await SmokeRunAsync(id);

        Assert.HasCount(1, sections);
        BenchSection section = sections[0];
        Assert.AreEqual(id, section.Id);
        Assert.IsNull(section.Failure, $"benchmark {id} failed");
        Assert.IsGreaterThanOrEqualTo(2, section.Rows.Count, "a subject and at least one baseline (or one row per level)");
        foreach (BenchRow row in section.Rows)
        {
            Assert.IsFalse(string.IsNullOrWhiteSpace(row.Name));
            bool sampled = !row.Values.TryGetValue("n", out double n) || n > 0;
            foreach (var (column, value) in row.Values)
            {
                if (!sampled && double.IsNaN(value)) continue;
                Assert.IsTrue(double.IsFinite(value) && value >= 0, $"{id} / {row.Name} / {column} = {value}");
            }
        }

        string markdown = BenchRunner.ToMarkdown(sections, options);
        StringAssert.Contains(markdown, "### " + section.Title);
        int tables = (section.Columns.Count + BenchSection.ColumnsPerTable - 1) / BenchSection.ColumnsPerTable;
        Assert.AreEqual(tables * (section.Rows.Count + 2), markdown.Split('\n').Count(line => line.StartsWith("| ", StringComparison.Ordinal) || line.StartsWith("|---", StringComparison.Ordinal)),
            "every table has a header, a separator and one line per row");
    }

    [TestMethod]
    public async Task RoundTrip_IsMeasuredBesideItsFloorAndSaysWhetherTheTargetWasMet()
    {
        BenchSection section = (await SmokeRunAsync("roundtrip"))[0];

        BenchRow floor = section.Rows.Single(row => row.Name.StartsWith("floor: two raw QoS 1 hops + one fsync", StringComparison.Ordinal));
        BenchRow hops = section.Rows.Single(row => row.Name.StartsWith("floor, part: two raw QoS 1 hops", StringComparison.Ordinal));
        BenchRow fsync = section.Rows.Single(row => row.Name.StartsWith("floor, part: one fsync", StringComparison.Ordinal));
        Assert.IsGreaterThan(0, floor.Values["n"]);
        Assert.AreEqual(floor.Values["n"], hops.Values["n"], "samples alternate with and without the fsync");
        Assert.AreEqual(floor.Values["n"], fsync.Values["n"], "every floor sample's fsync is timed");
        Assert.IsTrue(section.Notes.Any(note => note.StartsWith("Target report -> update/accepted p50 at most 2x the floor: **", StringComparison.Ordinal)));
    }

    [TestMethod]
    public async Task Scale_MeasuresTheOneStandInProcessAndItsMemoryPerConnectedThing()
    {
        BenchSection section = (await SmokeRunAsync("scale"))[0];

        Assert.IsFalse(section.Columns.Any(column => column.Contains("mosquitto", StringComparison.Ordinal) || column.StartsWith("service", StringComparison.Ordinal)),
            "broker and shadow service are one process: no separate columns");
        foreach (BenchRow row in section.Rows)
        {
            // a wrong process id reads as 0 (ProcessUsage of a process that is not there)
            Assert.IsGreaterThan(0, row.Values["idle RSS MB"], row.Name);
            Assert.IsGreaterThanOrEqualTo(0, row.Values["KB/connected thing"], row.Name);
            Assert.IsGreaterThan(0, row.Values["connected RSS MB"], row.Name);
        }

        Assert.IsTrue(section.Notes.Any(note => note.StartsWith("Target at ", StringComparison.Ordinal)));
    }

    [TestMethod]
    public async Task MemoryBudget_CoreHoldsItsBuffersAndTheSteadyStateAllocatesNothing()
    {
        var options = new BenchOptions(Smoke: true) { Only = ["memory"], Progress = TextWriter.Null };
        Dictionary<string, double> bytes = (await BenchRunner.RunAsync(options))[0].Rows.ToDictionary(r => r.Name, r => r.Values["bytes"]);

        double held = bytes.Single(r => r.Key.StartsWith("Core after construction", StringComparison.Ordinal)).Value;
        double buffers = bytes.Where(r => r.Key.StartsWith("of which", StringComparison.Ordinal)).Sum(r => r.Value);
        Assert.IsGreaterThan(buffers, held, "the agent holds at least its inbox and request buffer");
        Assert.AreEqual(0, bytes.Single(r => r.Key.StartsWith("one report cycle", StringComparison.Ordinal)).Value, "a report cycle allocates nothing");
        Assert.AreEqual(0, bytes.Single(r => r.Key.EndsWith("no log", StringComparison.Ordinal)).Value, "a delta allocates nothing without a log");
        Assert.IsGreaterThan(0, bytes.Single(r => r.Key.Contains("with a log", StringComparison.Ordinal)).Value, "the log line is measured, not hidden");
    }

    [TestMethod]
    public async Task ReportCycle_MeasuresTheAgentReportingEveryCycle()
    {
        var options = new BenchOptions(Smoke: true) { Only = ["cycle"], Progress = TextWriter.Null };
        BenchSection section = (await BenchRunner.RunAsync(options))[0];

        BenchRow agent = section.Rows[0];
        Assert.IsGreaterThan(0.9, agent.Values["reports/cycle"], "thresholds 0 and a 1 s sample interval: almost every cycle reports");
        Assert.IsTrue(section.Notes.Any(note => note.Contains("Target zero bytes per steady-state cycle", StringComparison.Ordinal)));
        Assert.IsTrue(section.Rows.Any(row => row.Name.StartsWith("baseline: System.Text.Json", StringComparison.Ordinal)));
    }

    /// <summary>Each benchmark runs once in smoke mode per test run; the tests that read its section share the result.</summary>
    private static Task<IReadOnlyList<BenchSection>> SmokeRunAsync(string id)
    {
        lock (SmokeRuns)
        {
            if (!SmokeRuns.TryGetValue(id, out var run))
            {
                run = BenchRunner.RunAsync(new BenchOptions(Smoke: true) { Only = [id], Progress = TextWriter.Null });
                SmokeRuns[id] = run;
            }

            return run;
        }
    }

    private static readonly Dictionary<string, Task<IReadOnlyList<BenchSection>>> SmokeRuns = [];
}
