namespace NanoThing.Core.Telemetry
{
    /// <summary>The member names of a telemetry message, as static fields (a string literal allocates on every load in nanoCLR; a static field does not).</summary>
    internal static class TelemetryNames
    {
        public static readonly string Thing = "thing";
        public static readonly string Records = "records";
        public static readonly string Seq = "seq";
        public static readonly string Ts = "ts";
        public static readonly string ClockValid = "clockValid";
        public static readonly string Temperature = "temperature";
        public static readonly string Humidity = "humidity";
        public static readonly string Pressure = "pressure";
    }
}
