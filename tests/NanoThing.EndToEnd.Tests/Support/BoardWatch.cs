using System.Text.Json.Nodes;
using Board = NanoThing.VirtualBoard.Board.VirtualBoard;

namespace NanoThing.EndToEnd.Tests.Support;

/// <summary>
/// Everything one virtual board logged, published and received, in order, with bounded waits for the first event
/// that satisfies a condition (e.g. its update/accepted carrying temperature 30, or the log line of a lost connection).
/// </summary>
public sealed class BoardWatch
{
    /// <summary>What kind of event.</summary>
    public enum Kind { Log, Published, Received, Led }

    private readonly List<(Kind Kind, string Topic, string Text)> _events = [];

    public BoardWatch(Board board)
    {
        board.LogWritten += (level, line) => Add(Kind.Log, "", line);
        board.Published += (topic, text) => Add(Kind.Published, topic, text);
        board.Received += (topic, text) => Add(Kind.Received, topic, text);
        board.Led.Changed += on => Add(Kind.Led, "", on ? "on" : "off");
        Thing = board.ThingName;
    }

    public string Thing { get; }

    /// <summary>The index of the next event: wait from here for what follows an action.</summary>
    public int Mark()
    {
        lock (_events) return _events.Count;
    }

    /// <summary>The first event of <paramref name="kind"/> from <paramref name="from"/> on whose topic ends with
    /// <paramref name="topicSuffix"/> and whose text satisfies <paramref name="condition"/>; fails after <see cref="StandIn.Bound"/>.</summary>
    public string WaitFor(Kind kind, string topicSuffix, Func<string, bool> condition, string what, int from = 0)
    {
        var deadline = DateTime.UtcNow + StandIn.Bound;
        lock (_events)
        {
            for (int next = from; ; next++)
            {
                while (next >= _events.Count)
                {
                    var left = deadline - DateTime.UtcNow;
                    if (left <= TimeSpan.Zero || !Monitor.Wait(_events, left))
                    {
                        throw new AssertFailedException($"board {Thing}: within {StandIn.Bound.TotalSeconds} s no {kind} event showed {what}; last events: "
                            + string.Join(" | ", _events.TakeLast(10).Select(e => e.Kind + " " + e.Topic + " " + e.Text)));
                    }
                }

                var (k, topic, text) = _events[next];
                if (k == kind && topic.EndsWith(topicSuffix, StringComparison.Ordinal) && condition(text))
                {
                    return text;
                }
            }
        }
    }

    /// <summary>The first log line from <paramref name="from"/> on that contains <paramref name="part"/>.</summary>
    public string WaitForLog(string part, int from = 0) => WaitFor(Kind.Log, "", line => line.Contains(part, StringComparison.Ordinal), "a log line with '" + part + "'", from);

    /// <summary>
    /// The first update/accepted the board received from <paramref name="from"/> on whose reported state satisfies
    /// <paramref name="condition"/>: the shadow service stored that report.
    /// </summary>
    public JsonNode WaitForAccepted(Func<JsonNode, bool> condition, string what, int from = 0)
    {
        string text = WaitFor(Kind.Received, "/shadow/update/accepted",
            t => JsonNode.Parse(t)?["state"]?["reported"] is JsonNode reported && condition(reported), what, from);
        return JsonNode.Parse(text)!;
    }

    /// <summary>Topics of every message the board received.</summary>
    public IReadOnlyList<string> ReceivedTopics()
    {
        lock (_events) return _events.Where(e => e.Kind == Kind.Received).Select(e => e.Topic).ToList();
    }

    /// <summary>Every log line so far.</summary>
    public IReadOnlyList<string> LogLines()
    {
        lock (_events) return _events.Where(e => e.Kind == Kind.Log).Select(e => e.Text).ToList();
    }

    private void Add(Kind kind, string topic, string text)
    {
        lock (_events)
        {
            _events.Add((kind, topic, text));
            Monitor.PulseAll(_events);
        }
    }
}
