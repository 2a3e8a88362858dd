namespace NanoThing.Core.Telemetry
{
    /// <summary>Hears of each telemetry message as it is published (the demo prints a line per batch). Must return quickly and never throw.</summary>
    public interface ITelemetryListener
    {
        /// <summary>
        /// A message of <paramref name="records"/> (valid only during the call), <paramref name="bytes"/> long, was
        /// handed to the session; <paramref name="fromBacklog"/> when it came from the buffer on flash.
        /// </summary>
        void OnTelemetrySent(TelemetryRecords records, int bytes, bool fromBacklog);
    }
}
