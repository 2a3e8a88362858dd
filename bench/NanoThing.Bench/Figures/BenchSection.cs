using System.Globalization;
using System.Text;

namespace NanoThing.Bench.Figures;

/// <summary>One row of a benchmark's table: what was measured and its figures by column name.</summary>
public sealed record BenchRow(string Name, IReadOnlyDictionary<string, double> Values);

/// <summary>
/// What one benchmark measured: a table (rows = the subject and its baselines, columns = figures with units in their
/// names, e.g. "p50 ms") and notes (targets met or missed, where a curve bends, what was not measured and why).
/// </summary>
public sealed class BenchSection(string id, string title)
{
    private readonly List<BenchRow> _rows = [];
    private readonly List<string> _notes = [];
    private readonly List<string> _columns = [];

    /// <summary>Short stable name (e.g. "cycle"), used by --only and by the smoke test.</summary>
    public string Id { get; } = id;

    public string Title { get; } = title;

    public IReadOnlyList<BenchRow> Rows => _rows;

    public IReadOnlyList<string> Notes => _notes;

    public IReadOnlyList<string> Columns => _columns;

    /// <summary>Why the benchmark did not complete (null when it did); its rows are then partial or missing.</summary>
    public string? Failure { get; private set; }

    /// <summary>Records that the benchmark stopped on <paramref name="error"/>; the report shows it in place of the notes.</summary>
    public void Fail(string error)
    {
        Failure = error;
        _notes.Insert(0, "**FAILED**: " + error);
    }

    public void Add(string name, params (string Column, double Value)[] values)
    {
        foreach (var (column, _) in values)
        {
            if (!_columns.Contains(column)) _columns.Add(column);
        }

        _rows.Add(new BenchRow(name, values.ToDictionary(v => v.Column, v => v.Value)));
    }

    public void Note(string note) => _notes.Add(note);

    /// <summary>Most figure columns in one Markdown table; wider sections are split into several tables with the same rows.</summary>
    public const int ColumnsPerTable = 10;

    /// <summary>The table(s) as Markdown (a missing figure is "-"), followed by the notes as a list.</summary>
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine("### " + Title).AppendLine();
        foreach (var columns in _columns.Chunk(ColumnsPerTable))
        {
            text.AppendLine("| | " + string.Join(" | ", columns) + " |");
            text.AppendLine("|---|" + string.Concat(columns.Select(_ => "---:|")));
            foreach (var row in _rows)
            {
                text.AppendLine("| " + row.Name + " | " + string.Join(" | ", columns.Select(c => row.Values.TryGetValue(c, out double v) ? Format(v) : "-")) + " |");
            }

            text.AppendLine();
        }

        foreach (var note in _notes)
        {
            text.AppendLine("- " + note);
        }

        return text.ToString();
    }

    /// <summary>Three significant figures (whole numbers as they are): readable, and honest about the noise.</summary>
    public static string Format(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value)) return value.ToString(CultureInfo.InvariantCulture);
        double magnitude = Math.Abs(value);
        if (magnitude >= 1000 || value == Math.Round(value)) return Math.Round(value).ToString("#,0", CultureInfo.InvariantCulture);
        if (magnitude >= 100) return value.ToString("0.0", CultureInfo.InvariantCulture);
        if (magnitude >= 10) return value.ToString("0.00", CultureInfo.InvariantCulture);
        return value.ToString("0.000", CultureInfo.InvariantCulture);
    }
}
