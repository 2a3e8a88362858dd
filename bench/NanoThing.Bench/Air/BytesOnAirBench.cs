using System.Text;
using NanoThing.Bench.Cycle;
using NanoThing.Bench.Figures;
using NanoThing.Core.Shadow;

namespace NanoThing.Bench.Air;

/// <summary>
/// Benchmark 2: what goes over the radio in a day. Core's agent with the default settings (sample every 10 s,
/// thresholds 0.5 degC / 2 %RH / 1 hPa, at most one report per 5 s, everything at least every 300 s) runs 24 hours
/// of a seeded <see cref="VirtualBoard.Simulation.DailyWeather"/> on a manual clock against the in-memory shadow
/// service; every publish is counted. Baselines from the same trace: the full reported state every sample interval,
/// and just the values (temperature, humidity, pressure, uptime) every sample interval.
/// </summary>
public static class BytesOnAirBench
{
    public const string Id = "air";

    public static BenchSection Run(BenchOptions options)
    {
        long hours = options.Pick(24, 2);
        long dayMs = hours * 3_600_000;
        var section = new BenchSection(Id, $"2. Bytes on air over a seeded {hours}-hour sensor trace (DailyWeather seed 24)");

        var harness = new AgentHarness(seed: 24, settingsJson: "");
        long sampleMs = harness.Config.Settings.SampleIntervalMs;
        while (harness.Session.Updates == 0) harness.RunUntil(harness.Clock.NowMs + 10);
        int fullReportBytes = (int)harness.Session.UpdatePayloadBytes; // the first report after connect carries everything
        harness.RunUntil(dayMs);
        ShadowLoopback sent = harness.Session;
        int samples = (int)(dayMs / sampleMs);
        string topic = "$aws/things/" + AgentHarness.ThingName + "/shadow/update";

        section.Add("NanoThing reporting policy (changes beyond thresholds, everything every 5 min)",
            ("messages", sent.Updates), ("payload bytes", sent.UpdatePayloadBytes), ("MQTT PUBLISH bytes", sent.PublishFrameBytes),
            ("bytes/message", (double)sent.UpdatePayloadBytes / sent.Updates));

        long fullPayload = (long)fullReportBytes * samples;
        section.Add($"baseline: full reported state every sample interval ({sampleMs / 1000} s)",
            ("messages", samples), ("payload bytes", fullPayload), ("MQTT PUBLISH bytes", (long)ShadowLoopback.FrameBytes(topic, fullReportBytes, 1) * samples),
            ("bytes/message", fullReportBytes));

        var documents = new ReportDocuments(seed: 24, count: samples, sampleIntervalMs: sampleMs);
        var writer = new ShadowRequestWriter(1024);
        var content = new ReportDocuments.CoreContent();
        long valuesPayload = 0, valuesFrames = 0;
        for (int i = 0; i < samples; i++)
        {
            content.Current = documents.Values[i];
            byte[] token = Encoding.ASCII.GetBytes("nt-0000abcd-" + (i + 2));
            writer.WriteUpdate(content, token, 0, token.Length, -1);
            valuesPayload += writer.Length;
            valuesFrames += ShadowLoopback.FrameBytes(topic, writer.Length, 1);
        }

        section.Add($"baseline: values only (temperature, humidity, pressure, uptime) every {sampleMs / 1000} s",
            ("messages", samples), ("payload bytes", valuesPayload), ("MQTT PUBLISH bytes", valuesFrames), ("bytes/message", (double)valuesPayload / samples));

        section.Note($"NanoThing sends {ReportCycleBench.Ratio(fullPayload, sent.UpdatePayloadBytes)} fewer payload bytes than the full state every interval "
            + $"and {ReportCycleBench.Ratio(valuesPayload, sent.UpdatePayloadBytes)} fewer than the bare values every interval, in "
            + $"{ReportCycleBench.Ratio(samples, sent.Updates)} fewer messages (each also costs a PUBACK and an update/accepted reply, "
            + $"{BenchSection.Format((double)sent.ReplyPayloadBytes / Math.Max(1, sent.Updates + 1))} bytes on average here, and radio wake time).");
        section.Note($"The full-state size is the agent's own first report after connect ({fullReportBytes} bytes: values, faults, button count, "
            + "settings, firmware version, uptime, reset reason); MQTT PUBLISH bytes add the fixed header, topic and packet id (QoS 1), not TLS records.");
        section.Note("Payload bytes of replies are not in the table: AWS sends update/accepted (and update/documents to other subscribers) per accepted update, so they scale with the message count.");
        return section;
    }
}
