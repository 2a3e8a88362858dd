using NanoThing.Core.Desired;
using NanoThing.Core.Json;
using NanoThing.Core.Seams;
using NanoThing.Core.Shadow;

namespace NanoThing.Core.Reporting
{
    /// <summary>
    /// Everything the device reports, as one <c>state.reported</c> for <see cref="ShadowClient.Update"/>: the
    /// measurements, faults and device facts of the <see cref="ReportingPolicy"/>, then the settings and errors
    /// of the <see cref="DesiredState"/>. A full report (the first after a connect) carries both in full.
    /// <para>
    /// Composition (the agent's tick): <c>if (!client.IsUpdatePending &amp;&amp; reported.IsDue(now)) client.Update(reported);</c>;
    /// from the shadow listener: OnGetAccepted -> <see cref="OnShadowGet"/>, OnDelta -> <see cref="OnDelta"/>,
    /// OnUpdateAccepted -> <see cref="OnAccepted"/>. The content is written when the client sends (and again on
    /// each of its retries), so it always carries the latest values. Not thread-safe: the agent's thread only.
    /// </para>
    /// </summary>
    public sealed class ReportedState : IReportedStateWriter
    {
        private readonly ReportingPolicy _policy;
        private readonly DesiredState _desired;
        private readonly IClock _clock;

        /// <summary>Reports of <paramref name="policy"/> and <paramref name="desired"/>, timed by <paramref name="clock"/>.</summary>
        public ReportedState(ReportingPolicy policy, DesiredState desired, IClock clock)
        {
            _policy = policy;
            _desired = desired;
            _clock = clock;
        }

        /// <summary>True when a report should be sent at <paramref name="nowMs"/>: the policy wants one, or desired-state answers wait and the minimum interval has passed.</summary>
        public bool IsDue(long nowMs)
        {
            return _policy.IsReportDue(nowMs) || (_desired.HasPendingReport && _policy.MayReport(nowMs));
        }

        /// <summary>Writes the reported members (see the class summary). Called by the shadow client's request writer.</summary>
        public void WriteReported(JsonWriter writer)
        {
            bool full = _policy.IsFullReportPending;
            _policy.WriteReport(_clock.MonotonicMilliseconds(), writer);
            if (full)
            {
                _desired.WriteAll(writer);
            }
            else
            {
                _desired.WritePending(writer);
            }
        }

        /// <summary>The update was accepted: what it carried is now the shadow's.</summary>
        public void OnAccepted()
        {
            _policy.OnReportAccepted();
            _desired.OnReportAccepted();
        }

        /// <summary>
        /// A GET answered (after each connect): learns which errors the shadow's reported state holds, and when the
        /// shadow has no delta, clears the desired-state errors (nothing in desired differs any more). When there is a
        /// delta, the client delivers it next through OnDelta.
        /// </summary>
        public void OnShadowGet(JsonReader reader, int reported, int delta)
        {
            _desired.NoteReportedErrors(reader, reader.FindMember(reported, DesiredState.ErrorsName));
            if (delta < 0)
            {
                _desired.Apply(reader, -1);
            }
        }

        /// <summary>A delta arrived: applies it to the settings (the LED and intervals follow them). Returns the number of keys applied.</summary>
        public int OnDelta(JsonReader reader, int state)
        {
            return _desired.Apply(reader, state);
        }
    }
}
