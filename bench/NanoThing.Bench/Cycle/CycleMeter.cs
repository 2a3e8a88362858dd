using System.Diagnostics;

namespace NanoThing.Bench.Cycle;

/// <summary>What one measured run of a cycle cost, per cycle.</summary>
public readonly record struct CycleCost(double BytesPerCycle, double WallMicroseconds, double CpuMicroseconds)
{
    public (string, double)[] Columns() =>
    [
        ("bytes allocated/cycle", BytesPerCycle),
        ("wall us/cycle", WallMicroseconds),
        ("process CPU us/cycle", CpuMicroseconds),
    ];
}

/// <summary>
/// Runs a cycle many times after a warm-up and reports bytes allocated on this thread
/// (GC.GetAllocatedBytesForCurrentThread), wall time (Stopwatch) and process CPU time per cycle. The counters are
/// read around the loop only, so the meter's own bookkeeping is not counted.
/// </summary>
public static class CycleMeter
{
    public static CycleCost Measure(Action cycle, int warmUp, int cycles)
    {
        for (int i = 0; i < warmUp; i++) cycle();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        TimeSpan cpuBefore = process.TotalProcessorTime;
        long start = Stopwatch.GetTimestamp();
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < cycles; i++) cycle();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        TimeSpan wall = Stopwatch.GetElapsedTime(start);
        process.Refresh();
        TimeSpan cpu = process.TotalProcessorTime - cpuBefore;
        return new CycleCost((double)allocated / cycles, wall.TotalMicroseconds / cycles, cpu.TotalMicroseconds / cycles);
    }
}
