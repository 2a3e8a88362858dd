using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using NanoThing.Cli.Execution;
using NanoThing.Cli.Things;
using NanoThing.VirtualBoard.Board;

namespace NanoThing.Cli.Commands.Board;

/// <summary>
/// One virtual board in the foreground, shared by <c>nanothing board</c> and <c>nanothing demo</c>: composes it for a
/// thing folder, prints what the shadow service answered (each report accepted with its version, each desired change
/// the board received) beside the board's own log, and runs it until stopped (Ctrl-C / SIGTERM, or a limit).
/// </summary>
public sealed class BoardRun
{
    private readonly VirtualBoard.Board.VirtualBoard _board;
    private readonly CliContext _context;
    private readonly object _gate = new();
    private readonly ManualResetEventSlim _done = new();
    private int _accepted;

    private BoardRun(VirtualBoard.Board.VirtualBoard board, CliContext context)
    {
        _board = board;
        _context = context;
        board.Received += OnReceived;
        board.Published += OnPublished;
        board.Led.Changed += on => Write($"board {board.ThingName}: LED {(on ? "on" : "off")}");
    }

    /// <summary>Stop after this many reports accepted by the shadow service (0: no limit).</summary>
    public int UntilReports { get; set; }

    /// <summary>Composes the board for <paramref name="files"/>; the error names the missing file and the command that makes it.</summary>
    public static bool TryCreate(CliContext context, ThingFiles files, VirtualBoardOptions options, out BoardRun? run, out CliError? error)
    {
        run = null;
        error = null;
        if (!VirtualBoard.Board.VirtualBoard.TryCreate(options, out var board, out string problem))
        {
            // A missing file is NotFound with the command that makes it; anything else (invalid config, unreadable
            // certificate, another thing's config) is InputInvalid, and the message itself says what to fix.
            bool missing = !File.Exists(files.Key) || !File.Exists(files.Certificate) || (options.Endpoint is null && !File.Exists(new ThingFolder(files.Directory).Config));
            error = missing
                ? new CliError(Failure.NotFound, problem, $"nanothing local provision --thing {files.Thing}, then nanothing board --thing {files.Thing} --endpoint 127.0.0.1:<port>")
                : new CliError(Failure.InputInvalid, problem, null);
            return false;
        }

        run = new BoardRun(board!, context);
        return true;
    }

    /// <summary>Runs the board until SIGINT/SIGTERM, <paramref name="duration"/> (when given) or <see cref="UntilReports"/>; then stops it.</summary>
    public CliError? RunUntilStopped(TimeSpan? duration)
    {
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        _board.Start();
        _done.Wait(duration ?? Timeout.InfiniteTimeSpan);
        bool stopped = _board.Stop(TimeSpan.FromSeconds(15));
        Write($"board {_board.ThingName}: stopped after {_accepted} report(s) accepted");
        return stopped ? null : new CliError(Failure.ExternalToolFailed, $"the virtual board of {_board.ThingName} did not stop within 15 s", null);
    }

    private void Stop(PosixSignalContext signal)
    {
        signal.Cancel = true;
        _done.Set();
    }

    private void OnReceived(string topic, string text)
    {
        JsonNode? json;
        try
        {
            json = JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            return;
        }

        string version = json?["version"]?.ToJsonString() ?? "?";
        if (topic.EndsWith("/update/accepted", StringComparison.Ordinal))
        {
            Write($"shadow v{version}: reported {json?["state"]?["reported"]?.ToJsonString()}");
            if (Interlocked.Increment(ref _accepted) == UntilReports)
            {
                _done.Set();
            }
        }
        else if (topic.EndsWith("/update/delta", StringComparison.Ordinal))
        {
            Write($"shadow v{version}: desired change {json?["state"]?.ToJsonString()}");
        }
        else if (topic.EndsWith("/get/accepted", StringComparison.Ordinal))
        {
            Write($"shadow v{version}: desired {json?["state"]?["desired"]?.ToJsonString() ?? "{}"}, reported {json?["state"]?["reported"]?.ToJsonString() ?? "{}"}");
        }
    }

    /// <summary>A line per telemetry batch the board published: its records' seqs and the first record's values.</summary>
    private void OnPublished(string topic, string text)
    {
        if (topic.StartsWith("$aws/things/", StringComparison.Ordinal))
        {
            return;
        }

        JsonArray? records;
        try
        {
            records = JsonNode.Parse(text)?["records"] as JsonArray;
        }
        catch (System.Text.Json.JsonException)
        {
            return;
        }

        if (records is not { Count: > 0 })
        {
            return;
        }

        Write($"telemetry {topic}: {records.Count} record(s), seq {records[0]?["seq"]}..{records[^1]?["seq"]}, first {records[0]?.ToJsonString()}");
    }

    private void Write(string line)
    {
        lock (_gate)
        {
            _context.Out.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {line}");
            _context.Out.Flush();
        }
    }
}
