using System;
using NanoThing.Adapters;
using NanoThing.Boot;
using NanoThing.Core.Seams;

namespace NanoThing
{
    /// <summary>
    /// The ESP32 app's entry point. It runs the boot sequence (<see cref="BootSequence"/>), which ends in Core's
    /// agent; whatever escapes it (a bug, or the agent returning) is logged, recorded as the reboot reason for the
    /// next boot's first report, and followed by a reboot after a bounded delay (<see cref="DeviceRestart"/>).
    /// </summary>
    public static class Program
    {
        /// <summary>Boots the device; never returns.</summary>
        public static void Main()
        {
            DebugLog log = new DebugLog(LogLevel.Info);
            FileStorage storage = new FileStorage(FileStorage.InternalDrive);
            RebootRecord reboots = new RebootRecord(storage);
            try
            {
                BootSequence.Run(log, storage, reboots);
                DeviceRestart.After(log, reboots, "the agent returned");
            }
            catch (Exception ex)
            {
                log.Write(LogLevel.Error, "unhandled " + ex.GetType().FullName + ": " + ex.Message);
                DeviceRestart.After(log, reboots, "unhandled " + ex.GetType().FullName);
            }
        }
    }
}
