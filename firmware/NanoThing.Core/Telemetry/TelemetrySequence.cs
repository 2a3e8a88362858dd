using NanoThing.Core.Seams;

namespace NanoThing.Core.Telemetry
{
    /// <summary>
    /// Telemetry's counters that survive a reboot: sequence numbers that increase across reboots, so the cloud can drop
    /// QoS 1 redeliveries by seq, and the count of records dropped unsent (<see cref="Dropped"/>), so telemetryDropped
    /// is monotonic over the device's life, as a counter in the cloud is expected to be.
    /// <para>
    /// The storage holds one blob, "tlmseq.bin": the lease (the first number not yet handed out, int64), the dropped
    /// count (int64) and a CRC-32 of both (20 bytes; the 12-byte blob of earlier firmware, lease + CRC-32, is read with a
    /// count of 0). Numbers are taken from memory up to the lease, and the lease is moved <see cref="LeaseSize"/> ahead
    /// before it is passed: one flash write per <see cref="LeaseSize"/> records, the first by the first record after
    /// boot. The blob is also written when the dropped count grows, which happens only when the buffer is full and a
    /// block replaces the oldest: at most one small write per dropped block, never one per record. A reboot skips the
    /// unused rest of the lease (numbers stay increasing, not contiguous). When the blob cannot be read (first boot,
    /// torn), numbering resumes after the highest seq of the buffer, or at 1, and the dropped count at 0.
    /// </para>
    /// </summary>
    public sealed class TelemetrySequence
    {
        /// <summary>Numbers reserved per lease write.</summary>
        public const int LeaseSize = 1000;

        /// <summary>The blob that holds the lease.</summary>
        public static readonly string BlobName = "tlmseq.bin";

        private readonly IStorage _storage;
        /// <summary>Bytes of the blob: lease, dropped count, CRC-32.</summary>
        public const int BlobBytes = 20;

        /// <summary>Bytes of the blob written by earlier firmware: lease, CRC-32.</summary>
        private const int LeaseOnlyBlobBytes = 12;

        private readonly byte[] _buffer = new byte[BlobBytes];
        private long _next;
        private long _lease;
        private long _dropped;

        /// <summary>A sequence over <paramref name="storage"/>; call <see cref="Restore"/> once at boot.</summary>
        public TelemetrySequence(IStorage storage)
        {
            _storage = storage;
        }

        /// <summary>The number the next record gets.</summary>
        public long Next => _next;

        /// <summary>Flash writes of the blob since boot.</summary>
        public int Writes { get; private set; }

        /// <summary>Bytes written to flash since boot (<see cref="BlobBytes"/> a write).</summary>
        public long BytesWritten => Writes * (long)BlobBytes;

        /// <summary>Records dropped unsent over the device's life, as stored (see <see cref="NoteDropped"/>).</summary>
        public long Dropped => _dropped;

        /// <summary>
        /// At boot: continues after the stored lease and after <paramref name="highestSeen"/> (the buffer's highest
        /// seq), and from the stored dropped count. Writes nothing: the first <see cref="Take"/> writes the new lease
        /// (telemetry that is off never writes).
        /// </summary>
        public void Restore(long highestSeen)
        {
            long next = highestSeen + 1;
            _dropped = 0;
            byte[] blob = _storage.Read(BlobName);
            int length = blob == null ? 0 : blob.Length;
            if ((length == LeaseOnlyBlobBytes || length == BlobBytes) && (uint)TelemetryBlock.GetInt(blob, length - 4) == Crc32.Compute(blob, 0, length - 4))
            {
                long stored = TelemetryBlock.GetLong(blob, 0);
                if (stored > next)
                {
                    next = stored;
                }

                _dropped = length == BlobBytes ? TelemetryBlock.GetLong(blob, 8) : 0;
            }

            _next = next < 1 ? 1 : next;
            _lease = _next;
        }

        /// <summary>Hands out the next number (moving the lease on flash when it is used up).</summary>
        public long Take()
        {
            if (_next >= _lease)
            {
                Extend();
            }

            return _next++;
        }

        /// <summary>
        /// The dropped count grew to <paramref name="dropped"/> (the buffer replaced a block unsent): stores it with the
        /// lease, so a reboot keeps it. No write when it did not grow.
        /// </summary>
        public void NoteDropped(long dropped)
        {
            if (dropped <= _dropped)
            {
                return;
            }

            _dropped = dropped;
            Save(_lease);
        }

        private void Extend()
        {
            Save(_next + LeaseSize);
        }

        private void Save(long lease)
        {
            TelemetryBlock.PutLong(_buffer, 0, lease);
            TelemetryBlock.PutLong(_buffer, 8, _dropped);
            TelemetryBlock.PutInt(_buffer, 16, (int)Crc32.Compute(_buffer, 0, 16));
            Writes++;
            // a refused write is not retried: numbering goes on in memory, and a reboot resumes after the buffer's highest seq
            _storage.Write(BlobName, _buffer, 0, BlobBytes);
            _lease = lease;
        }
    }
}
