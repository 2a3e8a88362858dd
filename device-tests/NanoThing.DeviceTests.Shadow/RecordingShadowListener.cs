using NanoThing.Core.Json;
using NanoThing.Core.Shadow;
using NanoThing.DeviceTests.Support;

namespace NanoThing.DeviceTests.Shadow
{
    /// <summary>Writes every <see cref="IShadowListener"/> event as a line into the test's <see cref="TrafficLog"/>, with object bytes as text.</summary>
    public sealed class RecordingShadowListener : IShadowListener
    {
        private readonly TrafficLog _traffic;

        /// <summary>Records into <paramref name="traffic"/>.</summary>
        public RecordingShadowListener(TrafficLog traffic)
        {
            _traffic = traffic;
        }

        /// <inheritdoc />
        public void OnGetAccepted(JsonReader reader, int desired, int reported, int delta, long version)
        {
            _traffic.Add("GET-ACCEPTED v=" + version.ToString() + " desired=" + Of(reader, desired) + " reported=" + Of(reader, reported) + " delta=" + Of(reader, delta));
        }

        /// <inheritdoc />
        public void OnGetRejected(int code, string message)
        {
            _traffic.Add("GET-REJECTED " + code.ToString() + " " + message);
        }

        /// <inheritdoc />
        public void OnDelta(JsonReader reader, int state, long version)
        {
            _traffic.Add("DELTA v=" + version.ToString() + " " + Of(reader, state));
        }

        /// <inheritdoc />
        public void OnUpdateAccepted(long version)
        {
            _traffic.Add("UPDATE-ACCEPTED v=" + version.ToString());
        }

        /// <inheritdoc />
        public void OnUpdateRejected(int code, string message)
        {
            _traffic.Add("UPDATE-REJECTED " + code.ToString() + " " + message);
        }

        private static string Of(JsonReader reader, int value)
        {
            return value < 0 ? "-" : Text.Of(reader.Buffer, value, reader.ValueLength(value));
        }
    }

    /// <summary>Reported content for tests: {"t":Temperature} plus an optional large blob.</summary>
    public sealed class TemperatureReport : IReportedStateWriter
    {
        /// <summary>The value written.</summary>
        public int Temperature = 21;

        /// <summary>When set, also written as "blob" (to exceed the size limit).</summary>
        public string Blob;

        /// <inheritdoc />
        public void WriteReported(JsonWriter writer)
        {
            writer.Property("t", Temperature);
            if (Blob != null)
            {
                writer.Property("blob", Blob);
            }
        }
    }
}
