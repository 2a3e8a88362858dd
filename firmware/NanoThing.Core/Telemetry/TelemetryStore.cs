using NanoThing.Core.Seams;

namespace NanoThing.Core.Telemetry
{
    /// <summary>
    /// The telemetry buffer on flash (device: I:\; virtual board: its flash folder): a bounded ring of
    /// <see cref="Slots"/> blobs, one per batch (<see cref="TelemetryBlock"/>), written whole: a record costs a flash
    /// write only as part of its block. A block written while the power fails fails its checksum at the next boot and is
    /// skipped (counted in <see cref="TornBlocks"/>); the other blobs are separate and untouched. When every slot holds a
    /// block, the next block replaces the oldest and its records are counted in <see cref="DroppedRecords"/>.
    /// A slot is emptied (a zero-length blob) only after the records of its block were acknowledged.
    /// <para>Allocates when it reads a block (<see cref="IStorage.Read"/> returns a new array): at boot and once per
    /// block of backlog sent, never per record.</para>
    /// </summary>
    public sealed class TelemetryStore
    {
        private readonly IStorage _storage;
        private readonly string[] _names;
        private readonly uint[] _blockNumbers;
        private readonly int[] _counts;
        private readonly byte[] _buffer;
        private uint _nextBlockNumber;
        private long _lastSeq;
        private int _used;

        /// <summary>A ring of <paramref name="slots"/> blocks (2..999) of up to <paramref name="recordsPerBlock"/> records in <paramref name="storage"/>.</summary>
        public TelemetryStore(IStorage storage, int slots, int recordsPerBlock)
        {
            _storage = storage;
            int n = slots < 2 ? 2 : (slots > 999 ? 999 : slots);
            _names = Runtime.StringArray.Create(n);
            for (int i = 0; i < n; i++)
            {
                _names[i] = "tlm" + (i < 10 ? "00" : (i < 100 ? "0" : string.Empty)) + i.ToString() + ".blk";
            }

            _blockNumbers = new uint[n];
            _counts = new int[n];
            _buffer = new byte[TelemetryBlock.LengthOf(recordsPerBlock < 1 ? 1 : recordsPerBlock)];
        }

        /// <summary>The number of slots (blocks) of the ring.</summary>
        public int Slots => _names.Length;

        /// <summary>Slots that hold a block not yet acknowledged.</summary>
        public int UsedSlots => _used;

        /// <summary>Records replaced, unsent, by newer ones because the ring was full (since boot).</summary>
        public long DroppedRecords { get; private set; }

        /// <summary>Blocks found torn (failed their checksum) by <see cref="Load"/>.</summary>
        public int TornBlocks { get; private set; }

        /// <summary>Bytes handed to the storage since boot (blocks and emptied slots): the flash wear.</summary>
        public long BytesWritten { get; private set; }

        /// <summary>Blob writes since boot.</summary>
        public int Writes { get; private set; }

        /// <summary>The highest sequence number in any intact block found by <see cref="Load"/> or written since (0 when none).</summary>
        public long LastSeq => _lastSeq;

        /// <summary>The name of the blob of slot <paramref name="slot"/> (for tests and diagnostics).</summary>
        public string NameOf(int slot)
        {
            return _names[slot];
        }

        /// <summary>Reads every slot once (at boot): builds the index of intact blocks; torn ones are counted and treated as empty.</summary>
        public void Load()
        {
            _used = 0;
            TornBlocks = 0;
            _nextBlockNumber = 1;
            for (int i = 0; i < _names.Length; i++)
            {
                uint number;
                int count;
                long lastSeq;
                bool torn;
                _counts[i] = 0;
                _blockNumbers[i] = 0;
                if (TelemetryBlock.Check(_storage.Read(_names[i]), out number, out count, out lastSeq, out torn))
                {
                    _counts[i] = count;
                    _blockNumbers[i] = number;
                    _used++;
                    if (number >= _nextBlockNumber)
                    {
                        _nextBlockNumber = number + 1;
                    }

                    if (lastSeq > _lastSeq)
                    {
                        _lastSeq = lastSeq;
                    }
                }
                else if (torn)
                {
                    TornBlocks++;
                }
            }
        }

        /// <summary>
        /// Writes <paramref name="records"/> as the newest block; when the ring is full the oldest block is replaced and
        /// its records counted as dropped. Returns the slot written, or -1 when the storage refused the write.
        /// </summary>
        public int Append(TelemetryRecords records)
        {
            int slot = FreeSlot();
            if (slot < 0)
            {
                slot = OldestSlot();
                DroppedRecords += _counts[slot];
                _counts[slot] = 0;
                _used--;
            }

            int length = TelemetryBlock.Encode(records, _nextBlockNumber, _buffer);
            if (length == 0 || !Write(_names[slot], _buffer, length))
            {
                return -1;
            }

            _blockNumbers[slot] = _nextBlockNumber++;
            _counts[slot] = records.Count;
            _used++;
            if (records.LastSeq > _lastSeq)
            {
                _lastSeq = records.LastSeq;
            }

            return slot;
        }

        /// <summary>The slot of the oldest unacknowledged block, or -1 when the ring is empty.</summary>
        public int OldestSlot()
        {
            int oldest = -1;
            for (int i = 0; i < _names.Length; i++)
            {
                if (_counts[i] > 0 && (oldest < 0 || _blockNumbers[i] < _blockNumbers[oldest]))
                {
                    oldest = i;
                }
            }

            return oldest;
        }

        /// <summary>The block number of <paramref name="slot"/> (0 when empty): what <see cref="Release"/> checks.</summary>
        public uint BlockNumberOf(int slot)
        {
            return _counts[slot] > 0 ? _blockNumbers[slot] : 0;
        }

        /// <summary>
        /// Reads the block in <paramref name="slot"/> into <paramref name="into"/>. False when the slot is empty or its
        /// blob no longer passes its checksum (then the slot is emptied and the block counted torn).
        /// </summary>
        public bool Read(int slot, TelemetryRecords into)
        {
            if (slot < 0 || _counts[slot] == 0)
            {
                return false;
            }

            byte[] block = _storage.Read(_names[slot]);
            uint number;
            int count;
            long lastSeq;
            bool torn;
            if (!TelemetryBlock.Check(block, out number, out count, out lastSeq, out torn) || number != _blockNumbers[slot])
            {
                TornBlocks++;
                Release(slot, _blockNumbers[slot]);
                return false;
            }

            TelemetryBlock.Decode(block, into);
            return true;
        }

        /// <summary>
        /// Empties <paramref name="slot"/> when it still holds block <paramref name="blockNumber"/> (its records were
        /// acknowledged); a slot since reused by a newer block is left alone.
        /// </summary>
        public void Release(int slot, uint blockNumber)
        {
            if (slot < 0 || _counts[slot] == 0 || _blockNumbers[slot] != blockNumber)
            {
                return;
            }

            _counts[slot] = 0;
            _used--;
            Write(_names[slot], _buffer, 0);
        }

        private bool Write(string name, byte[] data, int length)
        {
            Writes++;
            BytesWritten += length;
            return _storage.Write(name, data, 0, length);
        }

        private int FreeSlot()
        {
            if (_used == _names.Length)
            {
                return -1;
            }

            // the slot after the newest block: the ring is written in order, so the oldest block is the next one replaced
            int newest = -1;
            for (int i = 0; i < _names.Length; i++)
            {
                if (_counts[i] > 0 && (newest < 0 || _blockNumbers[i] > _blockNumbers[newest]))
                {
                    newest = i;
                }
            }

            for (int k = 1; k <= _names.Length; k++)
            {
                int candidate = (newest + k) % _names.Length;
                if (candidate >= 0 && _counts[candidate] == 0)
                {
                    return candidate;
                }
            }

            return -1;
        }
    }
}
