using NanoThing.Core.Desired;
using NanoThing.Core.Json;
using NanoThing.Core.Reporting;
using NanoThing.Core.Seams;
using NanoThing.Core.Shadow;

namespace NanoThing.Core.Agent
{
    /// <summary>
    /// The agent's report transaction: when to send an update and what it carries. The <see cref="ReportingPolicy"/>
    /// decides from the measurements (and keeps the one record of "full report after connect" and "last report time");
    /// the <see cref="IReportSection"/>s (desired state, telemetry) add theirs and can ask for a report. One update in
    /// flight at a time; it counts only on update/accepted, so whatever a disconnect or a rejection loses is sent again
    /// with the latest values. After the shadow client gave up on a report, reports pause as
    /// <see cref="ShadowRetryPolicy.ReportHoldMs"/> says; a refusal for good also makes the sections drop what of the
    /// cloud's they wrote back. The free memory is read (which may collect garbage) when a full report is queued, never
    /// while the document is being written. Agent's thread only; the steady state allocates nothing.
    /// </summary>
    public sealed class ShadowReporter : IReportedStateWriter
    {
        private readonly ShadowClient _shadow;
        private readonly ReportingPolicy _policy;
        private readonly DeviceSettings _settings;
        private readonly IMemoryGauge _memory;
        private readonly IReportSection[] _sections;
        private readonly IClock _clock;
        private readonly ILog _log;
        private bool _held;
        private long _heldUntilMs;
        private int _accepted;
        private int _rejected;

        /// <summary>
        /// A reporter sending through <paramref name="shadow"/> what <paramref name="policy"/> and then each of
        /// <paramref name="sections"/> (in order) write. <paramref name="memory"/> and <paramref name="log"/> may be null.
        /// </summary>
        public ShadowReporter(ShadowClient shadow, ReportingPolicy policy, DeviceSettings settings, IMemoryGauge memory, IReportSection[] sections, IClock clock, ILog log)
        {
            _shadow = shadow;
            _policy = policy;
            _settings = settings;
            _memory = memory;
            _sections = sections;
            _clock = clock;
            _log = log;
        }

        /// <summary>Reports accepted by the shadow service (update/accepted with their clientToken).</summary>
        public int Accepted { get { return _accepted; } }

        /// <summary>Reports the shadow client gave up on (refused for good, or a passing failure after its retries).</summary>
        public int Rejected { get { return _rejected; } }

        /// <summary>True while reports pause after a failed one (until <see cref="HeldUntilMs"/>).</summary>
        public bool IsHeld { get { return _held; } }

        /// <summary>When a pause after a failed report ends (monotonic ms); meaningful while <see cref="IsHeld"/>.</summary>
        public long HeldUntilMs { get { return _heldUntilMs; } }

        /// <summary>
        /// True when others may publish without delaying the shadow: the full report of this link was accepted and no
        /// shadow request waits (telemetry's backlog goes only then).
        /// </summary>
        public bool IsQuiet { get { return !_policy.IsFullReportPending && _shadow.IsReady && !_shadow.IsUpdatePending; } }

        /// <summary>A connection was established: the next report carries everything and any pause ends.</summary>
        public void OnConnected()
        {
            _policy.OnConnected();
            _held = false;
        }

        /// <summary>
        /// While connected, at <paramref name="now"/>: queues an update when one is wanted and none is pending, unless
        /// reports pause or a measurement is in progress (<paramref name="measuring"/>: it ends within
        /// the sensor's time-out, and the report then carries it).
        /// </summary>
        public void Poll(long now, bool measuring)
        {
            if (_held && now - _heldUntilMs < 0)
            {
                return;
            }

            _held = false;
            if (measuring || !_shadow.IsReady || _shadow.IsUpdatePending || !IsReportWanted(now))
            {
                return;
            }

            if (_memory != null && _policy.IsEverythingDue(now))
            {
                _policy.FreeMemoryBytes = _memory.FreeManagedBytes();
            }

            _shadow.Update(this);
        }

        /// <summary>
        /// While connected: when a report held back by the minimum interval or a pause becomes due, seen from
        /// <paramref name="now"/>; <see cref="long.MaxValue"/> when none waits (or one is already pending).
        /// </summary>
        public long NextReportMs(long now)
        {
            if (!_shadow.IsReady || _shadow.IsUpdatePending)
            {
                return long.MaxValue;
            }

            long reportAt = _policy.EarliestReportMs;
            if (_held && _heldUntilMs > reportAt)
            {
                reportAt = _heldUntilMs;
            }

            return reportAt > now && IsReportWanted(reportAt) ? reportAt : long.MaxValue;
        }

        /// <summary>Writes the report's members (called by the shadow client when it sends the update, and on each retry).</summary>
        public void WriteReported(JsonWriter writer)
        {
            long now = _clock.MonotonicMilliseconds();
            bool full = _policy.IsFullReportPending;
            _policy.WriteReport(now, writer);
            for (int i = 0; i < _sections.Length; i++)
            {
                _sections[i].WriteReported(writer, full);
            }
        }

        /// <summary>update/accepted for the report in flight.</summary>
        public void OnUpdateAccepted()
        {
            _accepted++;
            _policy.OnReportAccepted();
            for (int i = 0; i < _sections.Length; i++)
            {
                _sections[i].OnReportAccepted();
            }
        }

        /// <summary>The shadow client gave up on the report in flight (<paramref name="code"/>: AWS's, with <see cref="ShadowFailure.Rejected"/>).</summary>
        public void OnUpdateRejected(ShadowFailure failure, int code, string message)
        {
            _rejected++;
            _held = true;
            long holdMs = ShadowRetryPolicy.ReportHoldMs(failure, code, _settings.ReportIntervalMs);
            _heldUntilMs = _clock.MonotonicMilliseconds() + holdMs;
            bool transient = ShadowRetryPolicy.IsTransient(failure, code);
            if (!transient)
            {
                for (int i = 0; i < _sections.Length; i++)
                {
                    _sections[i].OnReportRefused();
                }
            }

            if (LogGate.IsOn(_log, LogLevel.Warning))
            {
                LogRejected(transient, holdMs, code, message);
            }
        }

        private bool IsReportWanted(long now)
        {
            if (_policy.IsReportDue(now))
            {
                return true;
            }

            if (!_policy.MayReport(now))
            {
                return false;
            }

            for (int i = 0; i < _sections.Length; i++)
            {
                if (_sections[i].HasPendingReport)
                {
                    return true;
                }
            }

            return false;
        }

        private void LogRejected(bool transient, long holdMs, int code, string message)
        {
            string cause = (code > 0 ? code.ToString() + " " : "") + message;
            if (transient)
            {
                _log.Write(LogLevel.Warning, "report failed (" + cause + "); sending the latest state again in " + (holdMs / 1000).ToString() + " s");
                return;
            }

            _log.Write(LogLevel.Warning, "report refused (" + cause + "); dropped the reported errors, next report in " + (holdMs / 1000).ToString() + " s");
        }
    }
}
