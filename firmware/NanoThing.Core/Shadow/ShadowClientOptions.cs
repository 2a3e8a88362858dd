using NanoThing.Core.Runtime;

namespace NanoThing.Core.Shadow
{
    /// <summary>Settings of a <see cref="ShadowClient"/>; the defaults suit AWS IoT Core.</summary>
    public sealed class ShadowClientOptions
    {
        /// <summary>The named shadow to use; null or empty for the classic shadow (the default).</summary>
        public string ShadowName;

        /// <summary>How long to wait for accepted/rejected before a request counts as lost (AWS never resends a reply).</summary>
        public int RequestTimeoutMs = 10000;

        /// <summary>Most sends of one request (first send + retries after time-outs, 409, 429, 5xx) before it is reported as failed.</summary>
        public int MaxAttempts = 4;

        /// <summary>First retry delay after 429/5xx, a time-out or a failed publish; doubles per attempt up to <see cref="RetryMaxDelayMs"/>, with jitter.</summary>
        public int RetryBaseDelayMs = 1000;

        /// <summary>Cap of the retry delay.</summary>
        public int RetryMaxDelayMs = 30000;

        /// <summary>Buffer for request documents, clamped to <see cref="ShadowLimits.MaxDocumentBytes"/>.</summary>
        public int DocumentCapacity = 4096;

        /// <summary>
        /// Largest reply payload parsed; longer ones are logged and ignored. The default is the largest message the device
        /// can receive at all (<see cref="MemoryBudget.LargestIncomingBytes"/>): a reader allowing more would never see it.
        /// </summary>
        public int MaxReplyBytes = MemoryBudget.LargestIncomingBytes;

        /// <summary>
        /// Link losses in a row with a GET in flight after which GETs are suspended: a get/accepted too large for the
        /// device makes the MQTT client run out of memory and drop the link, and every reconnect would GET it again.
        /// </summary>
        public int MaxGetsLostToLink = 2;

        /// <summary>How long GETs stay suspended after <see cref="MaxGetsLostToLink"/> (then one is tried again).</summary>
        public int GetSuspendMs = 3600000;

        /// <summary>Send the last known shadow version with updates (optimistic locking: a concurrent change gives 409, then re-GET and retry).</summary>
        public bool UseVersion = true;
    }
}
