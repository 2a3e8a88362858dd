using NanoThing.Bench.Figures;
using NanoThing.Core.Shadow;
using NanoThing.DeviceTests.Support;

namespace NanoThing.Bench.Cycle;

/// <summary>
/// Benchmark 1: the steady-state report cycle of the host build of Core. A cycle is one sample interval (1 s of the
/// manual clock, thresholds 0 so every sample reports): the agent samples the simulated BME280, decides, writes the
/// update document, publishes it, and reads the update/accepted reply. Beside it, the same documents written and read
/// by Core's JSON alone and by System.Text.Json (Utf8JsonWriter + JsonDocument, and JsonSerializer).
/// Target: zero bytes allocated per steady-state cycle.
/// </summary>
public static class ReportCycleBench
{
    public const string Id = "cycle";

    /// <summary>Every sample reports: sample each second, no minimum spacing beyond it, any change counts.</summary>
    public const string EverySampleReports = ",\"sampleIntervalSeconds\":1,\"minReportIntervalSeconds\":1,\"temperatureThreshold\":0,\"humidityThreshold\":0,\"pressureThreshold\":0";

    public static BenchSection Run(BenchOptions options)
    {
        int warmUp = options.Pick(5_000, 300), cycles = options.Pick(100_000, 2_000);
        var section = new BenchSection(Id, "1. Report cycle (host build of Core): allocation and CPU per steady-state cycle");

        var harness = new AgentHarness(seed: 8, EverySampleReports, recordedSamples: 4096);
        Action agentCycle = () => harness.RunUntil(harness.Clock.NowMs + 1000);
        for (int i = 0; i < warmUp; i++) agentCycle();
        int updatesBefore = harness.Session.Updates;
        CycleCost agent = CycleMeter.Measure(agentCycle, 0, cycles);
        double reportsPerCycle = (double)(harness.Session.Updates - updatesBefore) / cycles;
        section.Add("NanoThing agent cycle (ThingAgent.Step: sample, decide, write, publish, read accepted)", [.. agent.Columns(), ("reports/cycle", reportsPerCycle)]);

        var tokens = new ClientTokenSource(new SeededRandom(8));
        var tokenBuffer = new byte[ClientTokenSource.MaxLength];
        CycleCost token = CycleMeter.Measure(() => tokens.Next(tokenBuffer, 0), warmUp, cycles);
        section.Add("of which: one clientToken (ClientTokenSource.Next into a reused buffer, once per report)", token.Columns());

        var documents = new ReportDocuments(seed: 8, count: 1024, sampleIntervalMs: 1000);
        var contenders = new DocumentContenders(documents);
        CycleCost core = CycleMeter.Measure(contenders.CoreCycle, warmUp, cycles);
        int coreBytes = contenders.LastDocumentBytes;
        CycleCost utf8 = CycleMeter.Measure(contenders.Utf8JsonCycle, warmUp, cycles);
        int utf8Bytes = contenders.LastDocumentBytes;
        CycleCost serializer = CycleMeter.Measure(contenders.SerializerCycle, warmUp, cycles);
        int serializerBytes = contenders.LastDocumentBytes;
        section.Add("NanoThing documents only (ShadowRequestWriter + ShadowResponse)", [.. core.Columns(), ("document bytes", coreBytes)]);
        section.Add("baseline: System.Text.Json Utf8JsonWriter (reused) + JsonDocument", [.. utf8.Columns(), ("document bytes", utf8Bytes)]);
        section.Add("baseline: System.Text.Json JsonSerializer (POCOs)", [.. serializer.Columns(), ("document bytes", serializerBytes)]);

        section.Note($"{cycles:N0} measured cycles after {warmUp:N0} warm-up cycles, on one thread; bytes from GC.GetAllocatedBytesForCurrentThread, "
            + "wall time from Stopwatch, CPU from the process's total processor time (includes the JIT and GC threads).");
        section.Note(agent.BytesPerCycle == 0
            ? "Target zero bytes per steady-state cycle: **met** (the whole agent cycle allocates nothing)."
            : $"Target zero bytes per steady-state cycle: **missed** ({BenchSection.Format(agent.BytesPerCycle)} bytes/cycle by the agent cycle; "
              + $"{BenchSection.Format(token.BytesPerCycle * reportsPerCycle)} of them by ClientTokenSource.Next, leaving "
              + $"{BenchSection.Format(Math.Max(0, Math.Round(agent.BytesPerCycle - token.BytesPerCycle * reportsPerCycle)))} bytes/cycle for everything else).");
        section.Note($"Per document pair, Utf8JsonWriter + JsonDocument takes {Ratio(utf8.WallMicroseconds, core.WallMicroseconds)} Core's wall time and "
            + $"JsonSerializer {Ratio(serializer.WallMicroseconds, core.WallMicroseconds)}; JsonSerializer allocates "
            + $"{BenchSection.Format(serializer.BytesPerCycle)} bytes per report, which on a ~90 KB device heap would mean a GC every few dozen reports.");
        return section;
    }

    /// <summary>"3.2x" (how many times <paramref name="baseline"/> is of <paramref name="subject"/>).</summary>
    public static string Ratio(double baseline, double subject) => subject <= 0 ? "n/a" : BenchSection.Format(baseline / subject) + "x";
}
