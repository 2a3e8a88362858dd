using System.Threading;
using nanoFramework.Runtime.Native;
using NanoThing.Core.Seams;

namespace NanoThing.Boot
{
    /// <summary>
    /// The one way the app gives up: log the reason, record it for the next boot's report, wait a bounded delay
    /// (time to read the debug output, attach the debugger or deploy a fix over the wire protocol, and no tight
    /// reboot loop that wears the flash), then reboot with Power.RebootDevice. What remains a reason to reboot: an
    /// exception escaping the boot sequence or Core's agent (a bug, or a wrong pin in the config), or the agent loop
    /// returning. Conditions that a reboot cannot fix are waited out instead: a missing config file (re-read every
    /// 30 s), an absent Wi-Fi (<see cref="NetworkWait"/>), a broker that refuses (Core's backoff).
    /// </summary>
    public static class DeviceRestart
    {
        /// <summary>How long the device waits between giving up and rebooting.</summary>
        public const int DelayMilliseconds = 30000;

        /// <summary>
        /// Logs <paramref name="detail"/> (a sentence: what failed and what to do), records <paramref name="reasonCode"/>
        /// for the next boot's report (<see cref="RebootRecord"/>), waits <see cref="DelayMilliseconds"/> and reboots.
        /// Does not return.
        /// </summary>
        public static void After(ILog log, RebootRecord record, string reasonCode, string detail)
        {
            log.Write(LogLevel.Error, "rebooting in " + (DelayMilliseconds / 1000).ToString() + " s (" + reasonCode + "): " + detail);
            if (!record.Save(reasonCode))
            {
                log.Write(LogLevel.Warning, "could not record the reboot reason on I:\\ (flash full or file system unavailable)");
            }

            Thread.Sleep(DelayMilliseconds);
            Power.RebootDevice();

            // RebootDevice does not return; if the runtime ever refuses, stay parked rather than run on half-booted.
            Thread.Sleep(Timeout.Infinite);
        }
    }
}
