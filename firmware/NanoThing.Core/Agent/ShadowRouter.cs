using NanoThing.Core.Json;
using NanoThing.Core.Shadow;

namespace NanoThing.Core.Agent
{
    /// <summary>
    /// The shadow client's one listener, passing each event to the feature that owns it: the shadow document and its
    /// deltas to the <see cref="DesiredStateHandler"/>, the outcome of updates to the <see cref="ShadowReporter"/>.
    /// Called inside the agent's step. A rejected GET needs no one: 404 means no shadow yet (the first report, queued at
    /// connect, creates it); other failures are logged by the client, the report goes out regardless and the next
    /// connect reads the shadow again.
    /// </summary>
    public sealed class ShadowRouter : IShadowListener
    {
        private DesiredStateHandler _desired;
        private ShadowReporter _reporter;

        /// <summary>
        /// Connects the features, once, after the shadow client (which takes this router at construction) and the
        /// reporter (which takes the client) exist. Events before that are ignored.
        /// </summary>
        public void Route(DesiredStateHandler desired, ShadowReporter reporter)
        {
            _desired = desired;
            _reporter = reporter;
        }

        /// <inheritdoc />
        public void OnGetAccepted(JsonReader reader, int desired, int reported, int delta, long version)
        {
            if (_desired != null)
            {
                _desired.OnGetAccepted(reader, desired, reported, delta);
            }
        }

        /// <inheritdoc />
        public void OnGetRejected(ShadowFailure failure, int code, string message)
        {
        }

        /// <inheritdoc />
        public void OnDelta(JsonReader reader, int state, long version)
        {
            if (_desired != null)
            {
                _desired.OnDelta(reader, state);
            }
        }

        /// <inheritdoc />
        public void OnUpdateAccepted(long version)
        {
            if (_reporter != null)
            {
                _reporter.OnUpdateAccepted();
            }
        }

        /// <inheritdoc />
        public void OnUpdateRejected(ShadowFailure failure, int code, string message)
        {
            if (_reporter != null)
            {
                _reporter.OnUpdateRejected(failure, code, message);
            }
        }
    }
}
