using NanoThing.Core.Json;
using NanoThing.Core.Telemetry;

namespace NanoThing.Core.Agent
{
    /// <summary>
    /// Telemetry's part of every report: <c>telemetryDropped</c>, the records dropped unsent because the buffer on
    /// flash was full (since boot). Written with every report; never asks for one by itself.
    /// </summary>
    public sealed class TelemetryReportSection : IReportSection
    {
        /// <summary>The reported member (a static field: in nanoCLR every ldstr creates a string).</summary>
        public static readonly string DroppedName = "telemetryDropped";

        private readonly TelemetryFeature _telemetry;

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
            writer.Property(DroppedName, _telemetry.Dropped);
        }

        /// <inheritdoc />
        public void OnReportAccepted()
        {
        }

        /// <inheritdoc />
        public void OnReportRefused()
        {
        }
    }
}
