using NanoThing.Core.Desired;
using NanoThing.Core.Io;
using NanoThing.Core.Json;
using NanoThing.Core.Seams;

namespace NanoThing.Core.Agent
{
    /// <summary>
    /// The agent's desired-state feature: the shadow's desired state applied to the live settings
    /// (<see cref="DesiredState"/>), the LED following <c>led</c>, and the applied values and <c>errors</c> reported back
    /// (as an <see cref="IReportSection"/>) so that the delta clears.
    /// <list type="bullet">
    /// <item>The first get/accepted after boot restores the whole desired state (settings live in RAM only, and AWS
    /// sends no delta where the pre-restart reported state already matches); later ones apply only their delta.</item>
    /// <item>A get/accepted without delta means nothing is in error any more (<see cref="DesiredState.ClearErrors"/>).</item>
    /// <item>A report refused for good drops the current errors (<see cref="DesiredState.ClearErrors"/>): the only
    /// cloud-supplied text a report carries is the names of unknown keys.</item>
    /// <item>While an error is outstanding the shadow is read again every report interval (<see cref="Poll"/>): a
    /// desired value set back to the value reported makes no delta on AWS (the delta is desired minus reported), so
    /// only a GET shows that the key is no longer in error. One GET per report interval at most, none without errors.</item>
    /// </list>
    /// Agent's thread only; applying a delta without unknown keys allocates nothing.
    /// </summary>
    public sealed class DesiredStateHandler : IReportSection
    {
        private readonly DesiredState _desired;
        private readonly Led _led;
        private readonly ILog _log;
        private bool _restored;
        private bool _readSincePoll;
        private long _lastReadMs;

        /// <summary>A handler over <paramref name="desired"/>; <paramref name="led"/> (may be null: none fitted) follows its <c>led</c> setting; <paramref name="log"/> may be null.</summary>
        public DesiredStateHandler(DesiredState desired, Led led, ILog log)
        {
            _desired = desired;
            _led = led;
            _log = log;
        }

        /// <summary>The desired-state table (its settings and errors).</summary>
        public DesiredState State { get { return _desired; } }

        /// <summary>True once the desired state was taken from a get/accepted since boot.</summary>
        public bool IsRestored { get { return _restored; } }

        /// <summary>
        /// A get/accepted: <paramref name="desired"/>, <paramref name="reported"/> and <paramref name="delta"/> are
        /// object handles in <paramref name="reader"/> (-1 when absent). The shadow client delivers the delta itself to
        /// <see cref="OnDelta"/> right after this.
        /// </summary>
        public void OnGetAccepted(JsonReader reader, int desired, int reported, int delta)
        {
            _desired.NoteReportedErrors(reader, reader.FindMember(reported, DesiredState.ErrorsName));
            if (!_restored && desired >= 0)
            {
                // AWS's device flow: initialise from get/accepted, once per boot.
                int applied = _desired.Apply(reader, desired);
                if (LogGate.IsOn(_log, LogLevel.Info))
                {
                    LogRestored(applied);
                }
            }

            _restored = true;
            _readSincePoll = true;
            if (delta < 0)
            {
                _desired.ClearErrors();
                ApplyLed();
            }
        }

        /// <summary>A delta (update/delta, or the delta of a get/accepted): applies it and drives the LED.</summary>
        public void OnDelta(JsonReader reader, int state)
        {
            int applied = _desired.Apply(reader, state);
            _readSincePoll = true;
            ApplyLed();
            if (LogGate.IsOn(_log, LogLevel.Info))
            {
                LogApplied(applied);
            }
        }

        /// <summary>
        /// Every step while connected, at <paramref name="now"/>: true when the shadow should be read again (GET)
        /// because an error has been outstanding for a report interval since the desired state was last seen (a
        /// get/accepted or a delta).
        /// </summary>
        public bool Poll(long now)
        {
            if (_readSincePoll)
            {
                _readSincePoll = false;
                _lastReadMs = now;
            }

            if (_desired.ErrorCount == 0 || now - _lastReadMs < _desired.Settings.ReportIntervalMs)
            {
                return false;
            }

            _lastReadMs = now;
            return true;
        }

        /// <inheritdoc />
        public bool HasPendingReport { get { return _desired.HasPendingReport; } }

        /// <inheritdoc />
        public void WriteReported(JsonWriter writer, bool full)
        {
            if (full)
            {
                _desired.WriteAll(writer);
            }
            else
            {
                _desired.WritePending(writer);
            }
        }

        /// <inheritdoc />
        public void OnReportAccepted()
        {
            _desired.OnReportAccepted();
        }

        /// <inheritdoc />
        public void OnReportRefused()
        {
            _desired.ClearErrors();
        }

        private void ApplyLed()
        {
            if (_led != null)
            {
                _led.Set(_desired.Settings.LedOn);
            }
        }

        // The log lines are built only past the level check, off the steady-state path (CoreSteadyState lists them).
        private void LogRestored(int applied)
        {
            _log.Write(LogLevel.Info, "desired state restored from the shadow: " + applied.ToString() + " key(s)");
        }

        private void LogApplied(int applied)
        {
            _log.Write(LogLevel.Info, "desired state: applied " + applied.ToString() + " key(s), " + _desired.ErrorCount.ToString() + " in error");
        }
    }
}
