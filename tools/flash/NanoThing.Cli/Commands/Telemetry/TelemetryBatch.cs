using System.Text.Json;
using System.Text.Json.Nodes;

namespace NanoThing.Cli.Commands.Telemetry;

/// <summary>One record of a telemetry message: its seq, time and measured values, and its JSON as received.</summary>
/// <param name="Seq">Increases across the board's reboots; a QoS 1 redelivery repeats it.</param>
/// <param name="Ts">UTC epoch ms, or ms since boot when <paramref name="ClockValid"/> is false (taken before SNTP).</param>
/// <param name="ClockValid">False when the record was taken before the board's clock was set.</param>
/// <param name="Values">The measurements in message order (temperature, humidity when measured, pressure, ...).</param>
/// <param name="Json">The record object as received, compact.</param>
public sealed record TelemetryRecord(long Seq, long Ts, bool ClockValid, IReadOnlyList<KeyValuePair<string, double>> Values, string Json);

/// <summary>
/// Reads the payload of a telemetry message as the board writes it (NanoThing.Core TelemetryMessage):
/// <c>{"thing":"kitchen","records":[{"seq":1,"ts":1767225600000,"temperature":21.43,"humidity":45.5,"pressure":1013.25},...]}</c>.
/// Expected failures are values: any input gives records or a sentence, never an exception.
/// </summary>
public static class TelemetryBatch
{
    /// <summary>The records of <paramref name="payload"/>; false with the reason when it is not a telemetry message.</summary>
    public static bool TryParse(ReadOnlySpan<byte> payload, out string thing, out List<TelemetryRecord> records, out string error)
    {
        thing = "";
        records = [];
        try
        {
            if (JsonNode.Parse(payload) is not JsonObject message || message["records"] is not JsonArray array)
            {
                error = "it is not a JSON object with a \"records\" array";
                return false;
            }

            thing = message["thing"] is JsonValue name && name.TryGetValue(out string? text) ? text : "";
            foreach (var item in array)
            {
                if (item is not JsonObject record || !TryGetLong(record["seq"], out long seq) || !TryGetLong(record["ts"], out long ts))
                {
                    records = [];
                    error = "a record has no integer \"seq\" and \"ts\": " + Shorten(item?.ToJsonString() ?? "null");
                    return false;
                }

                bool clockValid = record["clockValid"] is not JsonValue valid || !valid.TryGetValue(out bool flag) || flag;
                var values = new List<KeyValuePair<string, double>>();
                foreach (var (key, value) in record)
                {
                    if (key is not ("seq" or "ts" or "clockValid") && value is JsonValue number && number.TryGetValue(out double measured))
                    {
                        values.Add(new(key, measured));
                    }
                }

                records.Add(new TelemetryRecord(seq, ts, clockValid, values, record.ToJsonString()));
            }

            error = "";
            return true;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            records = [];
            error = "it is not valid JSON (" + e.Message + ")";
            return false;
        }
    }

    private static bool TryGetLong(JsonNode? node, out long value)
    {
        value = 0;
        return node is JsonValue json && json.GetValueKind() == JsonValueKind.Number && json.TryGetValue(out value);
    }

    private static string Shorten(string text) => text.Length <= 120 ? text : text[..120] + "…";
}
