using System.Globalization;
using System.Text;
using NanoThing.Core.Json;
using NanoThing.Core.Reporting;
using NanoThing.Core.Shadow;
using NanoThing.VirtualBoard.Simulation;

namespace NanoThing.Bench.Cycle;

/// <summary>One report's values, in the device's units (hundredths; uptime in seconds).</summary>
public readonly record struct ReportValues(int TemperatureCenti, int HumidityCenti, int PressureCenti, long UptimeSeconds);

/// <summary>
/// The documents of a steady-state report cycle, prepared before measuring so every contender writes and reads the
/// same ones: a sequence of readings of the seeded <see cref="DailyWeather"/> one sample interval apart, the
/// clientToken of each update, and the update/accepted reply the shadow service sends for it (state echoed, version,
/// timestamp, clientToken).
/// </summary>
public sealed class ReportDocuments
{
    public ReportDocuments(int seed, int count, long sampleIntervalMs)
    {
        long now = 0;
        var weather = new DailyWeather(seed, () => TimeSpan.FromMilliseconds(now));
        Values = new ReportValues[count];
        Tokens = new string[count];
        Replies = new byte[count][];
        for (int i = 0; i < count; i++, now += sampleIntervalMs)
        {
            WeatherReading reading = weather.Now();
            Values[i] = new ReportValues((int)Math.Round(reading.Celsius * 100), (int)Math.Round(reading.RelativeHumidity * 100),
                (int)Math.Round(reading.Pascal), now / 1000);
            Tokens[i] = "nt-0000abcd-" + i.ToString(CultureInfo.InvariantCulture);
            var reported = Values[i];
            Replies[i] = Encoding.UTF8.GetBytes(
                "{\"state\":{\"reported\":{\"temperature\":" + Centi(reported.TemperatureCenti) + ",\"humidity\":" + Centi(reported.HumidityCenti)
                + ",\"pressure\":" + Centi(reported.PressureCenti) + ",\"uptimeSeconds\":" + reported.UptimeSeconds.ToString(CultureInfo.InvariantCulture)
                + "}},\"metadata\":{\"reported\":{\"temperature\":{\"timestamp\":1700000000},\"humidity\":{\"timestamp\":1700000000},"
                + "\"pressure\":{\"timestamp\":1700000000},\"uptimeSeconds\":{\"timestamp\":1700000000}}},\"version\":" + (i + 2).ToString(CultureInfo.InvariantCulture)
                + ",\"timestamp\":1700000000,\"clientToken\":\"" + Tokens[i] + "\"}");
        }
    }

    public ReportValues[] Values { get; }

    public string[] Tokens { get; }

    public byte[][] Replies { get; }

    public int Count => Values.Length;

    private static string Centi(int centi) => (centi / 100.0).ToString(CultureInfo.InvariantCulture);

    /// <summary>Writes one report's values as Core's agent does (through <see cref="CentiValue"/>).</summary>
    public sealed class CoreContent : IReportedStateWriter
    {
        public ReportValues Current;

        public void WriteReported(JsonWriter writer)
        {
            CentiValue.WriteProperty(writer, "temperature", Current.TemperatureCenti);
            CentiValue.WriteProperty(writer, "humidity", Current.HumidityCenti);
            CentiValue.WriteProperty(writer, "pressure", Current.PressureCenti);
            writer.Property("uptimeSeconds", Current.UptimeSeconds);
        }
    }
}
