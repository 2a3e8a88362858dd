using NanoThing.Core.Json;

namespace NanoThing.Core.Telemetry
{
    /// <summary>
    /// Writes one batch as the payload of one telemetry message, into a buffer reused for every message:
    /// <c>{"thing":"kitchen","records":[{"seq":1,"ts":1767225600000,"temperature":21.43,"humidity":45.5,"pressure":1013.25},...]}</c>.
    /// <c>ts</c> is UTC epoch ms; a record taken before the clock was set (SNTP) has <c>"clockValid":false</c> and
    /// <c>ts</c> in ms since boot. <c>humidity</c> is left out when not measured (BMP280). Allocates nothing.
    /// </summary>
    public sealed class TelemetryMessage
    {
        /// <summary>
        /// The longest record: seq and ts at their longest, every member, temperature/humidity/pressure at their longest
        /// (-21474836.48), 148 bytes with its separating comma (TelemetryMessageTests); rounded up.
        /// </summary>
        public const int MaxRecordBytes = 176;

        /// <summary><c>{"thing":"","records":[]}</c> and the thing name's longest escaped form (AWS: 128 bytes, each up to 6 when escaped).</summary>
        public const int EnvelopeBytes = 26 + (128 * 6);

        private readonly string _thingName;
        private readonly byte[] _buffer;
        private readonly JsonWriter _writer;

        /// <summary>A writer for <paramref name="thingName"/>'s messages of up to <paramref name="maxRecords"/> records.</summary>
        public TelemetryMessage(string thingName, int maxRecords)
        {
            _thingName = thingName;
            _buffer = new byte[CapacityFor(maxRecords)];
            _writer = new JsonWriter(_buffer);
        }

        /// <summary>The buffer size for <paramref name="maxRecords"/> records.</summary>
        public static int CapacityFor(int maxRecords)
        {
            return EnvelopeBytes + ((maxRecords < 1 ? 1 : maxRecords) * MaxRecordBytes);
        }

        /// <summary>The payload written by the last <see cref="Write"/>.</summary>
        public byte[] Buffer => _buffer;

        /// <summary>Its length (0 when the last write failed).</summary>
        public int Length => _writer.IsComplete ? _writer.Length : 0;

        /// <summary>Writes <paramref name="records"/>; false when they did not fit (never for at most the constructor's maxRecords).</summary>
        public bool Write(TelemetryRecords records)
        {
            JsonWriter w = _writer;
            w.Reset();
            w.BeginObject();
            w.Property(TelemetryNames.Thing, _thingName);
            w.Name(TelemetryNames.Records);
            w.BeginArray();
            for (int i = 0; i < records.Count; i++)
            {
                w.BeginObject();
                w.Property(TelemetryNames.Seq, records.Seqs[i]);
                w.Property(TelemetryNames.Ts, records.Timestamps[i]);
                if ((records.Flags[i] & TelemetryRecords.ClockValid) == 0)
                {
                    w.Property(TelemetryNames.ClockValid, false);
                }

                CentiValue.WriteProperty(w, TelemetryNames.Temperature, records.CentiCelsius[i]);
                if ((records.Flags[i] & TelemetryRecords.HumidityValid) != 0)
                {
                    CentiValue.WriteProperty(w, TelemetryNames.Humidity, records.CentiPercent[i]);
                }

                CentiValue.WriteProperty(w, TelemetryNames.Pressure, records.CentiHectopascal[i]);
                w.EndObject();
            }

            w.EndArray();
            w.EndObject();
            return w.IsComplete;
        }
    }
}
