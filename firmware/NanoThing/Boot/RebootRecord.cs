using System.Text;
using NanoThing.Adapters;

namespace NanoThing.Boot
{
    /// <summary>
    /// Why the device last restarted, as a short code for the first shadow report after boot. The firmware
    /// exposes no hardware reset reason to managed code (nanoFramework.Runtime.Native and
    /// nanoFramework.Hardware.Esp32 have no binding for esp_reset_reason), so the app records the code of its own
    /// deliberate reboots in a small file on <c>I:\</c> just before rebooting and takes it at the next boot:
    /// <list type="bullet">
    /// <item>"app:&lt;reason&gt;": the app rebooted itself (e.g. "app:bootFailed:System.ArgumentException",
    /// "app:agentFailed:System.NullReferenceException"); the debug output before the reboot has the detail;</item>
    /// <item>"deepSleep:&lt;cause&gt;": a wake from deep sleep (the number of nanoFramework.Hardware.Esp32's
    /// Sleep.GetWakeupCause, which the caller passes in);</item>
    /// <item><see cref="External"/>: anything else, which cannot be told apart from managed code: power-on, the
    /// reset button, a brown-out, a watchdog or a firmware crash.</item>
    /// </list>
    /// </summary>
    public sealed class RebootRecord
    {
        /// <summary>The blob that holds the code of a reboot the app asked for.</summary>
        public const string BlobName = "reboot-reason.txt";

        /// <summary>The code reported when the app did not cause the restart.</summary>
        public const string External = "external";

        /// <summary>The prefix of the codes of the app's own reboots.</summary>
        public const string AppPrefix = "app:";

        /// <summary>The longest code kept (in bytes of UTF-8); longer ones are cut.</summary>
        public const int MaximumReasonLength = 96;

        // Sleep.WakeupCause.Undefined: not a wake from deep sleep.
        private const int NoWakeup = 0;

        private readonly FileStorage _storage;

        /// <summary>Keeps the record in <paramref name="storage"/>.</summary>
        public RebootRecord(FileStorage storage)
        {
            _storage = storage;
        }

        /// <summary>
        /// The code of the restart that led to this boot, and removes the record so that the next external reset
        /// is not reported with a stale reason. <paramref name="wakeupCause"/> is Sleep.GetWakeupCause() as a
        /// number (0, Undefined, unless the chip woke from deep sleep). Never throws.
        /// </summary>
        public string TakeLastReason(int wakeupCause)
        {
            byte[] recorded = _storage.Read(BlobName);
            if (recorded != null)
            {
                _storage.Delete(BlobName);
                if (recorded.Length > 0)
                {
                    int length = recorded.Length > MaximumReasonLength ? MaximumReasonLength : recorded.Length;
                    return AppPrefix + Encoding.UTF8.GetString(recorded, 0, length);
                }
            }

            if (wakeupCause != NoWakeup)
            {
                return "deepSleep:" + wakeupCause.ToString();
            }

            return External;
        }

        /// <summary>Records <paramref name="reasonCode"/> (camelCase, no secrets, e.g. "agentReturned") for the next boot. False when it could not be written.</summary>
        public bool Save(string reasonCode)
        {
            string text = reasonCode.Length > MaximumReasonLength ? reasonCode.Substring(0, MaximumReasonLength) : reasonCode;
            byte[] bytes = Encoding.UTF8.GetBytes(text);
            return _storage.Write(BlobName, bytes, 0, bytes.Length);
        }
    }
}
