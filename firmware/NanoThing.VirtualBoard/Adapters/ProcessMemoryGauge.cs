using NanoThing.Core.Seams;

namespace NanoThing.VirtualBoard.Adapters;

/// <summary>Core's memory gauge on the PC: the managed heap's headroom (memory the GC may still use minus the heap's size after the last collection).</summary>
public sealed class ProcessMemoryGauge : IMemoryGauge
{
    public long FreeManagedBytes()
    {
        GCMemoryInfo info = GC.GetGCMemoryInfo();
        long free = info.TotalAvailableMemoryBytes - info.HeapSizeBytes;
        return info.TotalAvailableMemoryBytes > 0 && free >= 0 ? free : -1;
    }
}
