using NanoThing.Core.Json;

namespace NanoThing.Core.Agent
{
    /// <summary>
    /// A feature's part of the shadow's reported state, written by the <see cref="ShadowReporter"/> after the
    /// sensor values into the same update. Called on the agent's thread only; must not throw, must not allocate on
    /// the steady state. One report is in flight at a time: whatever a section writes stays "sent" until
    /// <see cref="OnReportAccepted"/> (it becomes the shadow's) or the next write (a lost or rejected report is
    /// simply written again with the latest values).
    /// </summary>
    public interface IReportSection
    {
        /// <summary>True when the section has something to report: a report is sent as soon as the minimum interval allows.</summary>
        bool HasPendingReport { get; }

        /// <summary>
        /// Writes the section's members into the open reported object: everything when <paramref name="full"/> (the
        /// first report after a connect), otherwise what changed since the last accepted report.
        /// </summary>
        void WriteReported(JsonWriter writer, bool full);

        /// <summary>The report last written was accepted (update/accepted with its clientToken).</summary>
        void OnReportAccepted();

        /// <summary>The shadow refused the report for good (400, 413...): drop whatever of the cloud's the section wrote back.</summary>
        void OnReportRefused();
    }
}
