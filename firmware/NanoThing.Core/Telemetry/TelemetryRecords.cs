namespace NanoThing.Core.Telemetry
{
    /// <summary>
    /// A batch of telemetry records {seq, ts, temperature, humidity, pressure} in preallocated parallel arrays (no
    /// object per record, nothing allocated after construction). One batch is one MQTT message and one block of the
    /// telemetry buffer.
    /// </summary>
    public sealed class TelemetryRecords
    {
        /// <summary>Set in <see cref="Flags"/>: <see cref="Timestamps"/> is UTC epoch ms (else: ms since boot, before SNTP).</summary>
        public const byte ClockValid = 1;

        /// <summary>Set in <see cref="Flags"/>: the humidity was measured (a BME280; never on a BMP280).</summary>
        public const byte HumidityValid = 2;

        /// <summary>Sequence numbers, increasing across reboots.</summary>
        public readonly long[] Seqs;

        /// <summary>UTC epoch ms, or ms since boot when <see cref="ClockValid"/> is not set.</summary>
        public readonly long[] Timestamps;

        /// <summary><see cref="ClockValid"/> and <see cref="HumidityValid"/>.</summary>
        public readonly byte[] Flags;

        /// <summary>Temperature in 0.01 degC.</summary>
        public readonly int[] CentiCelsius;

        /// <summary>Relative humidity in 0.01 %RH (0 when not measured).</summary>
        public readonly int[] CentiPercent;

        /// <summary>Pressure in 0.01 hPa.</summary>
        public readonly int[] CentiHectopascal;

        private int _count;

        /// <summary>A batch that holds up to <paramref name="capacity"/> records (at least 1).</summary>
        public TelemetryRecords(int capacity)
        {
            int n = capacity < 1 ? 1 : capacity;
            Seqs = new long[n];
            Timestamps = new long[n];
            Flags = new byte[n];
            CentiCelsius = new int[n];
            CentiPercent = new int[n];
            CentiHectopascal = new int[n];
        }

        /// <summary>Records held.</summary>
        public int Count => _count;

        /// <summary>The most records the batch holds.</summary>
        public int Capacity => Seqs.Length;

        /// <summary>True when no further record fits.</summary>
        public bool IsFull => _count == Seqs.Length;

        /// <summary>The sequence number of the first record (0 when empty).</summary>
        public long FirstSeq => _count == 0 ? 0 : Seqs[0];

        /// <summary>The sequence number of the last record (0 when empty).</summary>
        public long LastSeq => _count == 0 ? 0 : Seqs[_count - 1];

        /// <summary>Empties the batch.</summary>
        public void Clear()
        {
            _count = 0;
        }

        /// <summary>Appends one record; false (nothing changed) when full.</summary>
        public bool Add(long seq, long timestamp, byte flags, int centiCelsius, int centiPercent, int centiHectopascal)
        {
            if (_count == Seqs.Length)
            {
                return false;
            }

            Seqs[_count] = seq;
            Timestamps[_count] = timestamp;
            Flags[_count] = flags;
            CentiCelsius[_count] = centiCelsius;
            CentiPercent[_count] = centiPercent;
            CentiHectopascal[_count] = centiHectopascal;
            _count++;
            return true;
        }

        /// <summary>Replaces this batch's records with those of <paramref name="other"/> (as many as fit).</summary>
        public void CopyFrom(TelemetryRecords other)
        {
            _count = 0;
            for (int i = 0; i < other._count && _count < Seqs.Length; i++)
            {
                Add(other.Seqs[i], other.Timestamps[i], other.Flags[i], other.CentiCelsius[i], other.CentiPercent[i], other.CentiHectopascal[i]);
            }
        }
    }
}
