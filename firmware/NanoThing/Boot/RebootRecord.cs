using System.Text;
using nanoFramework.Hardware.Esp32;
using NanoThing.Adapters;

namespace NanoThing.Boot
{
    /// <summary>
    /// Why the device last restarted, for the first shadow report after boot. The firmware exposes no hardware
    /// reset reason to managed code (nanoFramework.Runtime.Native and nanoFramework.Hardware.Esp32 have no
    /// binding for esp_reset_reason), so the app records its own deliberate reboots in a small file on
    /// <c>I:\</c> just before rebooting and takes that record at the next boot. Without a record the restart
    /// came from outside the app: power-on, the reset button, a brown-out, a watchdog or a firmware crash, which
    /// cannot be told apart; a wake from deep sleep is recognised through Sleep.GetWakeupCause.
    /// </summary>
    public sealed class RebootRecord
    {
        /// <summary>The blob that holds the reason of a reboot the app asked for.</summary>
        public const string BlobName = "reboot-reason.txt";

        /// <summary>The reason reported when the app did not cause the restart.</summary>
        public const string ExternalReset = "power-on or external reset";

        private const int MaximumReasonLength = 96;

        private readonly FileStorage _storage;

        /// <summary>Keeps the record in <paramref name="storage"/>.</summary>
        public RebootRecord(FileStorage storage)
        {
            _storage = storage;
        }

        /// <summary>
        /// The reason of the restart that led to this boot, and removes the record so that the next external
        /// reset is not reported with a stale reason. Never throws.
        /// </summary>
        public string TakeLastReason()
        {
            byte[] recorded = _storage.Read(BlobName);
            if (recorded != null)
            {
                _storage.Delete(BlobName);
                if (recorded.Length > 0)
                {
                    int length = recorded.Length > MaximumReasonLength ? MaximumReasonLength : recorded.Length;
                    return "app reboot: " + Encoding.UTF8.GetString(recorded, 0, length);
                }
            }

            Sleep.WakeupCause wakeup = Sleep.GetWakeupCause();
            if (wakeup != Sleep.WakeupCause.Undefined)
            {
                return "deep-sleep wake-up, cause " + ((int)wakeup).ToString();
            }

            return ExternalReset;
        }

        /// <summary>Records <paramref name="reason"/> (a short sentence without secrets) for the next boot. False when it could not be written.</summary>
        public bool Save(string reason)
        {
            string text = reason.Length > MaximumReasonLength ? reason.Substring(0, MaximumReasonLength) : reason;
            byte[] bytes = Encoding.UTF8.GetBytes(text);
            return _storage.Write(BlobName, bytes, 0, bytes.Length);
        }
    }
}
