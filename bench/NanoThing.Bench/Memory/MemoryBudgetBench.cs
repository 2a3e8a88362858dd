using System.Text;
using NanoThing.Bench.Cycle;
using NanoThing.Bench.Figures;
using NanoThing.Core.Runtime;
using NanoThing.Core.Seams;

namespace NanoThing.Bench.Memory;

/// <summary>
/// Benchmark 6: Core's memory beside the device's budget (<see cref="MemoryBudget"/>). What the agent holds after
/// construction (its buffers and tables), what one steady-state report cycle and one incoming update/delta allocate
/// (with and without the one log line a desired change writes), and the device's heap and largest message beside
/// them. Host build: .NET's 64-bit object headers make the construction figure an upper bound of the device's.
/// </summary>
public static class MemoryBudgetBench
{
    public const string Id = "memory";

    private static readonly byte[][] Deltas =
    [
        Encoding.UTF8.GetBytes("{\"state\":{\"reportIntervalSeconds\":600},\"metadata\":{\"reportIntervalSeconds\":{\"timestamp\":1700000000}},\"timestamp\":1700000000}"),
        Encoding.UTF8.GetBytes("{\"state\":{\"reportIntervalSeconds\":300},\"metadata\":{\"reportIntervalSeconds\":{\"timestamp\":1700000000}},\"timestamp\":1700000000}"),
    ];

    public static BenchSection Run(BenchOptions options)
    {
        int warmUp = options.Pick(500, 50), cycles = options.Pick(10_000, 200), deltas = options.Pick(2_000, 100);
        var section = new BenchSection(Id, "6. Memory budget (host build of Core) beside the device's heap");

        var harness = new AgentHarness(seed: 8, ReportCycleBench.EverySampleReports, recordedSamples: 4096);
        section.Add("Core after construction: ThingAgent with the default options (buffers, tables)", ("bytes", harness.AgentConstructionBytes));
        section.Add("of which: the inbox (MemoryBudget.LargestIncomingBytes)", ("bytes", harness.Agent.Inbox.CapacityBytes));
        section.Add("of which: the request document buffer (ShadowClientOptions.DocumentCapacity)", ("bytes", new Core.Shadow.ShadowClientOptions().DocumentCapacity));

        Action agentCycle = () => harness.RunUntil(harness.Clock.NowMs + 1000);
        CycleCost cycle = CycleMeter.Measure(agentCycle, warmUp, cycles);
        section.Add("one report cycle (sample, decide, write the update, publish, read update/accepted)", ("bytes", cycle.BytesPerCycle));

        section.Add("one incoming update/delta (inbox, read, apply, report it), no log", ("bytes", DeltaBytes(null, warmUp, deltas)));
        section.Add("one incoming update/delta with a log: its one line (\"desired state: applied ...\")", ("bytes", DeltaBytes(new DiscardingLog(), warmUp, deltas)));

        section.Add("device: managed heap of an ESP32 WROOM (MemoryBudget.ManagedHeapBytes)", ("bytes", MemoryBudget.ManagedHeapBytes));
        section.Add("device: largest incoming message, counted twice (M2Mqtt's array + the inbox's copy)", ("bytes", 2 * MemoryBudget.LargestIncomingBytes));

        section.Note($"Bytes from GC.GetAllocatedBytesForCurrentThread: construction once; {cycles:N0} report cycles and {deltas:N0} deltas after warm-up, per cycle/delta. "
            + "A delta changes reportIntervalSeconds and is reported back (update + update/accepted) within the measured step.");
        return section;
    }

    // Per delta: delivered as the session's thread would, then the agent runs until its report was accepted.
    private static double DeltaBytes(ILog? log, int warmUp, int count)
    {
        var harness = new AgentHarness(seed: 9, ReportCycleBench.EverySampleReports, recordedSamples: 4096, log: log);
        string topic = "$aws/things/" + AgentHarness.ThingName + "/shadow/update/delta";
        int next = 0;
        Action delta = () =>
        {
            harness.Session.Deliver(topic, Deltas[next]);
            next = 1 - next;
            harness.RunUntil(harness.Clock.NowMs + 1000);
        };
        Action quiet = () => harness.RunUntil(harness.Clock.NowMs + 1000);
        for (int i = 0; i < warmUp; i++) delta();
        return CycleMeter.Measure(delta, 0, count).BytesPerCycle - CycleMeter.Measure(quiet, 0, count).BytesPerCycle;
    }

    private sealed class DiscardingLog : ILog
    {
        public bool IsEnabled(LogLevel level) => true;

        public void Write(LogLevel level, string message)
        {
        }
    }
}
