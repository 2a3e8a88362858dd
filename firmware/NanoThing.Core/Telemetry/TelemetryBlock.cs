namespace NanoThing.Core.Telemetry
{
    /// <summary>
    /// The bytes of one block of the telemetry buffer on flash: one batch of records, checksummed, so a block torn by
    /// a power loss while it was written is recognised and skipped instead of read as records.
    /// <para>
    /// Layout, little-endian: 'N' 'T' (magic), version 1, record count (1..255), block number (uint32, increasing with
    /// every block written: the order of the ring), then per record seq (int64), ts (int64), flags (byte),
    /// temperature, humidity, pressure (int32 each, in hundredths), then the CRC-32 of everything before it.
    /// A zero-length blob is an empty slot.
    /// </para>
    /// </summary>
    public static class TelemetryBlock
    {
        /// <summary>Bytes before the first record.</summary>
        public const int HeaderBytes = 8;

        /// <summary>Bytes of one record.</summary>
        public const int RecordBytes = 29;

        /// <summary>Bytes of the checksum that ends the block.</summary>
        public const int ChecksumBytes = 4;

        /// <summary>The most records a block holds (its count is one byte).</summary>
        public const int MaxRecords = 255;

        private const byte Magic0 = (byte)'N';
        private const byte Magic1 = (byte)'T';
        private const byte Version = 1;

        /// <summary>The length of a block of <paramref name="records"/> records.</summary>
        public static int LengthOf(int records)
        {
            return HeaderBytes + (records * RecordBytes) + ChecksumBytes;
        }

        /// <summary>
        /// Writes <paramref name="records"/> (1..<see cref="MaxRecords"/> of them) as block <paramref name="blockNumber"/>
        /// into <paramref name="buffer"/> (at least <see cref="LengthOf"/> bytes); returns the length written, 0 when the
        /// batch is empty, too large or the buffer too short.
        /// </summary>
        public static int Encode(TelemetryRecords records, uint blockNumber, byte[] buffer)
        {
            int count = records.Count;
            int length = LengthOf(count);
            if (count < 1 || count > MaxRecords || buffer.Length < length)
            {
                return 0;
            }

            buffer[0] = Magic0;
            buffer[1] = Magic1;
            buffer[2] = Version;
            buffer[3] = (byte)count;
            PutInt(buffer, 4, (int)blockNumber);
            int at = HeaderBytes;
            for (int i = 0; i < count; i++)
            {
                PutLong(buffer, at, records.Seqs[i]);
                PutLong(buffer, at + 8, records.Timestamps[i]);
                buffer[at + 16] = records.Flags[i];
                PutInt(buffer, at + 17, records.CentiCelsius[i]);
                PutInt(buffer, at + 21, records.CentiPercent[i]);
                PutInt(buffer, at + 25, records.CentiHectopascal[i]);
                at += RecordBytes;
            }

            PutInt(buffer, at, (int)Crc32.Compute(buffer, 0, at));
            return length;
        }

        /// <summary>
        /// True when <paramref name="block"/> is a whole, intact block (magic, version, length and checksum agree): its
        /// block number, first and last sequence numbers and record count are returned. False for an empty slot
        /// (null or zero length: <paramref name="torn"/> false) and for anything else (<paramref name="torn"/> true).
        /// </summary>
        public static bool Check(byte[] block, out uint blockNumber, out int count, out long lastSeq, out bool torn)
        {
            blockNumber = 0;
            count = 0;
            lastSeq = 0;
            torn = false;
            if (block == null || block.Length == 0)
            {
                return false;
            }

            torn = true;
            if (block.Length < LengthOf(1) || block[0] != Magic0 || block[1] != Magic1 || block[2] != Version
                || block.Length != LengthOf(block[3]))
            {
                return false;
            }

            int end = block.Length - ChecksumBytes;
            if ((uint)GetInt(block, end) != Crc32.Compute(block, 0, end))
            {
                return false;
            }

            torn = false;
            count = block[3];
            blockNumber = (uint)GetInt(block, 4);
            lastSeq = GetLong(block, HeaderBytes + ((count - 1) * RecordBytes));
            return true;
        }

        /// <summary>Reads the records of a block that passed <see cref="Check"/> into <paramref name="into"/> (replacing its records; as many as fit).</summary>
        public static void Decode(byte[] block, TelemetryRecords into)
        {
            into.Clear();
            int count = block[3];
            int at = HeaderBytes;
            for (int i = 0; i < count; i++)
            {
                into.Add(GetLong(block, at), GetLong(block, at + 8), block[at + 16], GetInt(block, at + 17), GetInt(block, at + 21), GetInt(block, at + 25));
                at += RecordBytes;
            }
        }

        /// <summary>Writes <paramref name="v"/> little-endian at <paramref name="at"/>.</summary>
        internal static void PutInt(byte[] b, int at, int v)
        {
            b[at] = (byte)v;
            b[at + 1] = (byte)(v >> 8);
            b[at + 2] = (byte)(v >> 16);
            b[at + 3] = (byte)(v >> 24);
        }

        /// <summary>Writes <paramref name="v"/> little-endian at <paramref name="at"/>.</summary>
        internal static void PutLong(byte[] b, int at, long v)
        {
            PutInt(b, at, (int)v);
            PutInt(b, at + 4, (int)(v >> 32));
        }

        /// <summary>Reads a little-endian int at <paramref name="at"/>.</summary>
        internal static int GetInt(byte[] b, int at)
        {
            return b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24);
        }

        /// <summary>Reads a little-endian long at <paramref name="at"/>.</summary>
        internal static long GetLong(byte[] b, int at)
        {
            return (uint)GetInt(b, at) | ((long)GetInt(b, at + 4) << 32);
        }
    }
}
