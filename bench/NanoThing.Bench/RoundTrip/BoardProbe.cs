using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using NanoThing.VirtualBoard.Board;
using NanoThing.VirtualBoard.Simulation;
using Board = NanoThing.VirtualBoard.Board.VirtualBoard;

namespace NanoThing.Bench.RoundTrip;

/// <summary>
/// A virtual board (Core's agent over real MQTT/TLS) with timestamps on what it does: when each update it published
/// (by clientToken) came back as update/accepted, and waits with a bound for the next update/accepted that satisfies
/// a condition. Times are Stopwatch timestamps.
/// </summary>
public sealed partial class BoardProbe : IDisposable
{
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, long> _sent = new();
    private readonly BlockingCollection<(long At, string Text)> _accepted = new();
    private readonly List<double> _reportMilliseconds = [];

    private BoardProbe(Board board)
    {
        Board = board;
        board.Published += (topic, text) =>
        {
            if (topic.EndsWith("/shadow/update", StringComparison.Ordinal) && Token(text) is { } token) _sent[token] = Stopwatch.GetTimestamp();
        };
        board.Received += (topic, text) =>
        {
            long now = Stopwatch.GetTimestamp();
            if (!topic.EndsWith("/shadow/update/accepted", StringComparison.Ordinal)) return;
            if (Token(text) is { } token && _sent.TryRemove(token, out long sentAt))
            {
                lock (_reportMilliseconds) _reportMilliseconds.Add(Stopwatch.GetElapsedTime(sentAt, now).TotalMilliseconds);
            }

            _accepted.Add((now, text));
        };
    }

    public Board Board { get; }

    /// <summary>Composes (not starts) a board for the provisioned <paramref name="folder"/>; throws with the reason when it cannot.</summary>
    public static BoardProbe Create(string thing, string folder, IWeather weather)
    {
        if (!Board.TryCreate(new VirtualBoardOptions { Thing = thing, Directory = folder }, out var board, out var error))
        {
            throw new InvalidOperationException(error);
        }

        board!.Sensor.Weather = weather;
        return new BoardProbe(board);
    }

    /// <summary>Milliseconds from each update publish to its update/accepted, so far.</summary>
    public List<double> ReportMilliseconds()
    {
        lock (_reportMilliseconds) return [.. _reportMilliseconds];
    }

    public int ReportsTimed
    {
        get { lock (_reportMilliseconds) return _reportMilliseconds.Count; }
    }

    /// <summary>The time of the next update/accepted whose text satisfies <paramref name="condition"/>; throws after <see cref="Bound"/>.</summary>
    public long WaitForAccepted(Func<string, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (_accepted.TryTake(out var item, deadline - DateTime.UtcNow > TimeSpan.Zero ? deadline - DateTime.UtcNow : TimeSpan.Zero))
        {
            if (condition(item.Text)) return item.At;
        }

        throw new TimeoutException($"board {Board.ThingName}: no update/accepted with {what} within {Bound.TotalSeconds} s");
    }

    public void Dispose() => Board.Stop(Bound);

    private static string? Token(string json) => TokenPattern().Match(json) is { Success: true } match ? match.Groups[1].Value : null;

    [GeneratedRegex("\"clientToken\":\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

/// <summary>Weather whose temperature rises 0.05 degC at every measurement (wrapping after 10 degC): every sample is a change to report.</summary>
public sealed class RisingWeather : IWeather
{
    private int _steps;

    public WeatherReading Now() => new(15 + 0.05 * (Interlocked.Increment(ref _steps) % 200), 101_300, 40);
}
