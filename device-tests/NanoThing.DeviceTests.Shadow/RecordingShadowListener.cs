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
        public void OnGetRejected(ShadowFailure failure, int code, string message)
        {
            _traffic.Add("GET-REJECTED " + Cause(failure, code) + " " + message);
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
        public void OnUpdateRejected(ShadowFailure failure, int code, string message)
        {
            _traffic.Add("UPDATE-REJECTED " + Cause(failure, code) + " " + message);
        }

        // AWS's code for the service's answers; the device's own outcomes by name, and a code beside them is a bug.
        // (Named here, not by Enum.ToString: nanoFramework's enums have no names at run time.)
        private static string Cause(ShadowFailure failure, int code)
        {
            if (failure == ShadowFailure.Rejected)
            {
                return code.ToString();
            }

            string name = failure == ShadowFailure.TimedOut ? "timedOut" : failure == ShadowFailure.PublishFailed ? "publishFailed"
                : failure == ShadowFailure.DocumentInvalid ? "documentInvalid" : failure == ShadowFailure.DocumentTooLarge ? "documentTooLarge" : "failure " + ((int)failure).ToString();
            return code == 0 ? name : name + " with code " + code.ToString();
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
