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
    public async Task Benchmark_RunsInSmokeMode_AndReportsWellFormedFigures(string id)
    {
        var options = new BenchOptions(Smoke: true) { Only = [id], Progress = TextWriter.Null };
        IReadOnlyList<BenchSection> sections = await BenchRunner.RunAsync(options);

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
    public async Task ReportCycle_MeasuresTheAgentReportingEveryCycle()
    {
        var options = new BenchOptions(Smoke: true) { Only = ["cycle"], Progress = TextWriter.Null };
        BenchSection section = (await BenchRunner.RunAsync(options))[0];

        BenchRow agent = section.Rows[0];
        Assert.IsGreaterThan(0.9, agent.Values["reports/cycle"], "thresholds 0 and a 1 s sample interval: almost every cycle reports");
        Assert.IsTrue(section.Notes.Any(note => note.Contains("Target zero bytes per steady-state cycle", StringComparison.Ordinal)));
        Assert.IsTrue(section.Rows.Any(row => row.Name.StartsWith("baseline: System.Text.Json", StringComparison.Ordinal)));
    }
}
