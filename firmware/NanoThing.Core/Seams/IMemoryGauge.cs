namespace NanoThing.Core.Seams
{
    /// <summary>
    /// Free managed memory, for the shadow's diagnostics. Device: nanoFramework.Runtime.Native.GC.Run(false), which
    /// also collects the garbage of the last cycle (blocks for one collection, milliseconds). PC: the process's
    /// managed heap headroom. Called at most once per report; never throws.
    /// </summary>
    public interface IMemoryGauge
    {
        /// <summary>Free managed heap in bytes, or -1 when unknown.</summary>
        long FreeManagedBytes();
    }
}
