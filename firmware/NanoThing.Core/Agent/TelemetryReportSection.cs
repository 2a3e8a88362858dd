using NanoThing.Core.Json;
using NanoThing.Core.Telemetry;

namespace NanoThing.Core.Agent
{
    /// <summary>
    /// Telemetry's part of the reports: <c>telemetryDropped</c>, the records dropped unsent because the buffer on
    /// flash was full (counted over the device's life, kept with the seq lease). Written in every full report and in
    /// any report while the shadow does not yet hold the current count; never asks for a report by itself (a count
    /// that grew rides on the next one).
    /// </summary>
    public sealed class TelemetryReportSection : IReportSection
    {
        /// <summary>The reported member (a static field: in nanoCLR every ldstr creates a string).</summary>
        public static readonly string DroppedName = "telemetryDropped";

        private readonly TelemetryFeature _telemetry;
        private long _accepted = -1;
        private long _written = -1;

        /// <summary>The section of <paramref name="telemetry"/>.</summary>
        public TelemetryReportSection(TelemetryFeature telemetry)
        {
            _telemetry = telemetry;
        }

        /// <inheritdoc />
        public bool HasPendingReport { get { return false; } }

        /// <inheritdoc />
        public void WriteReported(JsonWriter writer, bool full)
        {
            long dropped = _telemetry.Dropped;
            if (full || dropped != _accepted)
            {
                writer.Property(DroppedName, dropped);
                _written = dropped;
            }
            else
            {
                _written = -1;
            }
        }

        /// <inheritdoc />
        public void OnReportAccepted()
        {
            if (_written >= 0)
            {
                _accepted = _written;
            }
        }

        /// <inheritdoc />
        public void OnReportRefused()
        {
        }
    }
}
