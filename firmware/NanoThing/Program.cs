using System;
using NanoThing.Adapters;
using NanoThing.Boot;
using NanoThing.Core.Seams;

namespace NanoThing
{
    /// <summary>
    /// The ESP32 app's entry point. It runs the boot sequence (<see cref="BootSequence"/>), which ends in Core's
    /// agent; an exception escaping the boot itself is logged, recorded as the reboot reason for the next boot's
    /// first report, and followed by a reboot after a bounded delay (<see cref="DeviceRestart"/>).
    /// </summary>
    public static class Program
    {
        /// <summary>Boots the device; never returns.</summary>
        public static void Main()
        {
            DebugLog log = new DebugLog(LogLevel.Info);
            FileStorage storage = new FileStorage(FileStorage.InternalDrive, log);
            RebootRecord reboots = new RebootRecord(storage);
            try
            {
                BootSequence.Run(log, storage, reboots);
            }
            catch (Exception ex)
            {
                log.Write(LogLevel.Error, "boot failed: " + ex.GetType().FullName + ": " + ex.Message);
                DeviceRestart.After(log, reboots, "bootFailed:" + ex.GetType().FullName, "an exception escaped the boot sequence (a wrong pin in the config, or a bug: see the line above)");
            }
        }
    }
}
