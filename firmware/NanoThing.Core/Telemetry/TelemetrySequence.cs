using NanoThing.Core.Seams;

namespace NanoThing.Core.Telemetry
{
    /// <summary>
    /// Telemetry sequence numbers that increase across reboots, so the cloud can drop QoS 1 redeliveries by seq. The
    /// storage holds a lease (the first number not yet handed out, 8 bytes + CRC-32, blob "tlmseq.bin"): numbers are
    /// taken from memory up to the lease, and the lease is moved <see cref="LeaseSize"/> ahead before it is passed:
    /// one flash write per <see cref="LeaseSize"/> records. A reboot skips the unused rest of the lease (numbers stay
    /// increasing, not contiguous). When the lease cannot be read (first boot, torn), numbering resumes after the
    /// highest seq of the buffer, or at 1.
    /// </summary>
    public sealed class TelemetrySequence
    {
        /// <summary>Numbers reserved per lease write.</summary>
        public const int LeaseSize = 1000;

        /// <summary>The blob that holds the lease.</summary>
        public static readonly string BlobName = "tlmseq.bin";

        private readonly IStorage _storage;
        private readonly byte[] _buffer = new byte[12];
        private long _next;
        private long _lease;

        /// <summary>A sequence over <paramref name="storage"/>; call <see cref="Restore"/> once at boot.</summary>
        public TelemetrySequence(IStorage storage)
        {
            _storage = storage;
        }

        /// <summary>The number the next record gets.</summary>
        public long Next => _next;

        /// <summary>Flash writes of the lease since boot.</summary>
        public int Writes { get; private set; }

        /// <summary>At boot: continues after the stored lease and after <paramref name="highestSeen"/> (the buffer's highest seq). Writes nothing: the first <see cref="Take"/> writes the new lease (telemetry that is off never writes).</summary>
        public void Restore(long highestSeen)
        {
            long next = highestSeen + 1;
            byte[] blob = _storage.Read(BlobName);
            if (blob != null && blob.Length == 12 && (uint)TelemetryBlock.GetInt(blob, 8) == Crc32.Compute(blob, 0, 8))
            {
                long stored = TelemetryBlock.GetLong(blob, 0);
                if (stored > next)
                {
                    next = stored;
                }
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

        private void Extend()
        {
            long lease = _next + LeaseSize;
            TelemetryBlock.PutLong(_buffer, 0, lease);
            TelemetryBlock.PutInt(_buffer, 8, (int)Crc32.Compute(_buffer, 0, 8));
            Writes++;
            // a refused write is not retried: numbering goes on in memory, and a reboot resumes after the buffer's highest seq
            _storage.Write(BlobName, _buffer, 0, 12);
            _lease = lease;
        }
    }
}
