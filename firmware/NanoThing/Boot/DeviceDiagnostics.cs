using NanoThing.Core.Seams;

namespace NanoThing.Boot
{
    /// <summary>
    /// What the device knows about itself for the shadow's diagnostics: why it last restarted (see
    /// <see cref="RebootRecord"/>) and how much managed memory is free. <see cref="CollectAndMeasureFreeMemory"/>
    /// runs the garbage collector (nanoFramework.Runtime.Native.GC.Run) and returns the free managed heap in
    /// bytes, so calling it once per report cycle both frees the cycle's garbage and measures what is left. It
    /// blocks for one collection (milliseconds).
    /// </summary>
    public sealed class DeviceDiagnostics : IMemoryGauge
    {
        private readonly string _resetReason;

        /// <summary>Diagnostics for a boot whose restart cause was <paramref name="resetReason"/>.</summary>
        public DeviceDiagnostics(string resetReason)
        {
            _resetReason = resetReason;
        }

        /// <summary>Why the device restarted before this boot (a short sentence, never null).</summary>
        public string ResetReason
        {
            get { return _resetReason; }
        }

        /// <summary>Collects garbage (without compacting) and returns the free managed heap in bytes.</summary>
        public long CollectAndMeasureFreeMemory()
        {
            return nanoFramework.Runtime.Native.GC.Run(false);
        }

        /// <summary>Core's memory gauge: the agent reports this with the uptime (after each connect and with every heartbeat).</summary>
        public long FreeManagedBytes()
        {
            return CollectAndMeasureFreeMemory();
        }
    }
}
