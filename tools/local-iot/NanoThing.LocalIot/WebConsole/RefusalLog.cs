using System.Text.Json;
using System.Text.Json.Nodes;
using NanoThing.LocalIot.Log;

namespace NanoThing.LocalIot.WebConsole;

/// <summary>
/// The last refusals of the stand-in (broker and data plane), as their logs write them: one JSON object per refusal
/// shaped like AWS IoT's CloudWatch AuthorizationFailure entry (eventType, topicName, clientId, principalId, reason,
/// details naming the deciding statement). <see cref="Observe"/> sees every log line; the others pass through.
/// </summary>
public sealed class RefusalLog(ConsoleEvents events)
{
    /// <summary>Refusals kept (older ones are dropped).</summary>
    public const int Capacity = 200;

    private const string Marker = " " + RefusalLine.Marker; // after the line's timestamp
    private readonly LinkedList<JsonNode> entries = new();

    /// <summary>Takes one log line; keeps it when it is a refusal.</summary>
    public void Observe(string line)
    {
        int at = line.IndexOf(Marker, StringComparison.Ordinal);
        if (at < 0)
        {
            return;
        }

        JsonNode? entry;
        try
        {
            entry = JsonNode.Parse(line[(at + Marker.Length)..]);
        }
        catch (JsonException)
        {
            return;
        }

        if (entry is not JsonObject)
        {
            return;
        }

        lock (entries)
        {
            entries.AddFirst(entry);
            while (entries.Count > Capacity)
            {
                entries.RemoveLast();
            }
        }

        events.Publish("refusal", entry);
    }

    /// <summary>The refusals kept, newest first.</summary>
    public IReadOnlyList<JsonNode> Entries()
    {
        lock (entries)
        {
            return entries.Select(e => e.DeepClone()).ToList();
        }
    }
}
