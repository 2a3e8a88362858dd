using NanoThing.Core.Json;

namespace NanoThing.Core.Shadow
{
    /// <summary>
    /// What a <see cref="ShadowClient"/> tells its owner. Called synchronously from inside the client's methods
    /// (OnMessage, Poll, OnConnected), on the caller's thread. Reader handles and buffers are valid only during the
    /// call: copy what must be kept. Implementations must not throw and must not call back into the client's
    /// OnMessage; calling <see cref="ShadowClient.Update"/> or <see cref="ShadowClient.Get"/> is allowed (queued).
    /// A failure is a <see cref="ShadowFailure"/>; AWS's code (aws-iot.md 1.7) comes beside it only with
    /// <see cref="ShadowFailure.Rejected"/> (0 for the device's own outcomes).
    /// </summary>
    public interface IShadowListener
    {
        /// <summary>
        /// The answer to a GET (after every connect, after a 409, or asked for): <paramref name="desired"/>,
        /// <paramref name="reported"/> and <paramref name="delta"/> are object handles in <paramref name="reader"/>,
        /// -1 when absent. When the document has a delta, <see cref="OnDelta"/> follows with it.
        /// </summary>
        void OnGetAccepted(JsonReader reader, int desired, int reported, int delta, long version);

        /// <summary>
        /// The GET failed for good: Rejected with 404 = no shadow yet (report the full state: the first update creates
        /// it), or another AWS code, or a passing failure after the bounded retries (<see cref="ShadowRetryPolicy"/>).
        /// </summary>
        void OnGetRejected(ShadowFailure failure, int code, string message);

        /// <summary>
        /// Desired differs from reported: <paramref name="state"/> is the object of differing keys (from update/delta,
        /// or state.delta of a GET). Apply it and report the applied values. Deltas older than the newest seen are not delivered.
        /// </summary>
        void OnDelta(JsonReader reader, int state, long version);

        /// <summary>The last update was accepted by the shadow service (update/accepted with its clientToken).</summary>
        void OnUpdateAccepted(long version);

        /// <summary>
        /// The last update failed and will not be retried: refused for good (Rejected with 400, 413..., or a document
        /// the device could not write: <see cref="ShadowFailure.DocumentInvalid"/>, <see cref="ShadowFailure.DocumentTooLarge"/>):
        /// drop the offending keys and call Update again; or the retries for 409/429/5xx/time-outs ran out
        /// (<see cref="ShadowRetryPolicy"/>). <paramref name="message"/> says what happened.
        /// </summary>
        void OnUpdateRejected(ShadowFailure failure, int code, string message);
    }
}
