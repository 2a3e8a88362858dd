using NanoThing.Core.Seams;

namespace NanoThing.Core.Shadow
{
    /// <summary>What to do with a failed shadow request (<see cref="ShadowRetryPolicy.Decide"/>).</summary>
    public enum ShadowRetry
    {
        /// <summary>Refused for good (400, 401, 403, 404, 413, a document the device could not write...): not sent again; the owner must change what it sends.</summary>
        GiveUp = 0,
        /// <summary>A passing failure: send it again after <see cref="ShadowRetryPolicy.DelayMs"/>.</summary>
        AfterDelay = 1,
        /// <summary>Version conflict (409 on an update): GET the shadow first, then send the update again at once with the new version.</summary>
        AfterGet = 2,
        /// <summary>A passing failure whose attempts are used up: reported to the owner, who holds its reports for <see cref="ShadowRetryPolicy.TransientHoldMs"/>.</summary>
        Exhausted = 3,
    }

    /// <summary>
    /// The device's one retry policy, every layer of it, from the wire up:
    /// <list type="number">
    /// <item>MQTT: every shadow request and telemetry message is a QoS 1 PUBLISH; the session (M2Mqtt on the device,
    /// MQTTnet on the PC) sends it again until PUBACK while the link lasts. A PUBACK is not success for the shadow.</item>
    /// <item>Shadow request (<see cref="ShadowClient"/>, <see cref="Decide"/>): success is the accepted reply carrying
    /// the request's clientToken. 409 on an update: GET, then the update again at once with the new version. 429, 5xx,
    /// no reply within <see cref="ShadowClientOptions.RequestTimeoutMs"/>, or a PUBLISH the session refused: sent again
    /// after <see cref="DelayMs"/> (doubling from <see cref="ShadowClientOptions.RetryBaseDelayMs"/> to
    /// <see cref="ShadowClientOptions.RetryMaxDelayMs"/>, half of it random). At most
    /// <see cref="ShadowClientOptions.MaxAttempts"/> sends per request; every other code is not retried.</item>
    /// <item>Reports (<see cref="ReportHoldMs"/>, applied by the agent's reporter): after the client gave up on a
    /// passing failure, no report for <see cref="TransientHoldMs"/>, then the latest state; after a refusal for good, no
    /// report for the report interval, and the cloud-supplied names it carried are dropped, so nothing loops.</item>
    /// <item>The link: reconnects with <see cref="Connection.ReconnectBackoff"/>; an update in flight when the link
    /// drops is sent again after the next connect's GET.</item>
    /// <item>Telemetry (<see cref="Telemetry.TelemetryFeature"/>, <see cref="Telemetry.TelemetryOptions"/>): a message
    /// without PUBACK for AckTimeoutMs is sent again with the same seqs; one in flight when the link drops waits in the
    /// buffer for the next link. A link lost right after a telemetry message, before its PUBACK, MaxMessagesLostToLink
    /// times in a row (AWS closes the connection of a publish outside the policy) pauses telemetry publishing for
    /// LostLinkPauseMs, records kept in the buffer; likewise a GET that loses the link MaxGetsLostToLink times in a row
    /// suspends GETs for GetSuspendMs (<see cref="ShadowClientOptions"/>).</item>
    /// </list>
    /// </summary>
    public sealed class ShadowRetryPolicy
    {
        /// <summary>Pause of reports after the shadow client gave up on one for a passing reason (time-outs, 409, 429, 5xx after its retries).</summary>
        public const int TransientHoldMs = 30000;

        private readonly ShadowClientOptions _options;
        private readonly IRandom _random;

        /// <summary>The policy of <paramref name="options"/>, drawing jitter from <paramref name="random"/> (null: no jitter).</summary>
        public ShadowRetryPolicy(ShadowClientOptions options, IRandom random)
        {
            _options = options;
            _random = random;
        }

        /// <summary>Sends allowed per request.</summary>
        public int MaxAttempts { get { return _options.MaxAttempts; } }

        /// <summary>
        /// What to do after a <paramref name="kind"/> request failed with <paramref name="failure"/> (and AWS's
        /// <paramref name="code"/> when Rejected), having been sent <paramref name="attempts"/> times.
        /// </summary>
        public ShadowRetry Decide(ShadowRequestKind kind, ShadowFailure failure, int code, int attempts)
        {
            bool conflict = kind == ShadowRequestKind.Update && failure == ShadowFailure.Rejected && code == 409;
            if (!conflict && !IsRetried(failure, code))
            {
                return ShadowRetry.GiveUp;
            }

            if (attempts >= _options.MaxAttempts)
            {
                return ShadowRetry.Exhausted;
            }

            return conflict ? ShadowRetry.AfterGet : ShadowRetry.AfterDelay;
        }

        /// <summary>The wait before send number <paramref name="attempts"/> + 1: the base doubled per attempt up to the cap, half fixed and half random, never zero.</summary>
        public int DelayMs(int attempts)
        {
            int shift = attempts < 1 ? 0 : (attempts > 16 ? 15 : attempts - 1);
            long delay = (long)_options.RetryBaseDelayMs << shift;
            if (delay > _options.RetryMaxDelayMs)
            {
                delay = _options.RetryMaxDelayMs;
            }

            int half = (int)(delay / 2);
            int jitter = _random == null ? 0 : _random.Next(half + 1);
            return (int)(delay - half) + jitter;
        }

        /// <summary>True for a failure that passes by itself (time-out, refused publish, 409, 429, 5xx); false for a refusal for good.</summary>
        public static bool IsTransient(ShadowFailure failure, int code)
        {
            return IsRetried(failure, code) || (failure == ShadowFailure.Rejected && code == 409);
        }

        /// <summary>How long reports pause after the client gave up on one: <see cref="TransientHoldMs"/> for a passing failure, the report interval for a refusal for good.</summary>
        public static long ReportHoldMs(ShadowFailure failure, int code, long reportIntervalMs)
        {
            return IsTransient(failure, code) ? TransientHoldMs : reportIntervalMs;
        }

        private static bool IsRetried(ShadowFailure failure, int code)
        {
            if (failure == ShadowFailure.TimedOut || failure == ShadowFailure.PublishFailed)
            {
                return true;
            }

            return failure == ShadowFailure.Rejected && (code == 429 || code >= 500);
        }
    }
}
