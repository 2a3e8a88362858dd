using NanoThing.Core.Telemetry;
using NanoThing.DeviceTests.Support;
using nanoFramework.TestFramework;

namespace NanoThing.DeviceTests.Telemetry
{
    /// <summary>The ring buffer on flash: blocks in order, the oldest dropped and counted when full, torn blocks skipped, seqs across reboots.</summary>
    [TestClass]
    public class TelemetryStoreTests
    {
        /// <summary>A batch of <paramref name="count"/> records with seqs from <paramref name="firstSeq"/>.</summary>
        private static TelemetryRecords Batch(long firstSeq, int count)
        {
            TelemetryRecords records = new TelemetryRecords(count);
            for (int i = 0; i < count; i++)
            {
                records.Add(firstSeq + i, 1767225600000 + (i * 60000), TelemetryRecords.ClockValid, 2000 + i, 0, 101300);
            }

            return records;
        }

        [TestMethod]
        public void FullRing_DropsTheOldestBlock_AndCountsItsRecords()
        {
            MemoryStorage flash = new MemoryStorage();
            TelemetryStore store = new TelemetryStore(flash, 3, 4);
            store.Load();
            for (int b = 0; b < 5; b++)
            {
                store.Append(Batch(1 + (b * 4), 4));
            }

            TelemetryRecords oldest = new TelemetryRecords(4);
            Assert.IsTrue(store.Read(store.OldestSlot(), oldest));

            Assert.AreEqual(3, store.UsedSlots);
            Assert.AreEqual(8L, store.DroppedRecords, "two blocks of 4 replaced");
            Assert.AreEqual(9L, oldest.FirstSeq, "blocks 1 and 2 (seqs 1-8) were the ones dropped");
            Assert.AreEqual(5, flash.Writes, "one write per block, none per record");
        }

        [TestMethod]
        public void TornBlock_IsSkippedAtBoot_AndTheOthersAreIntact()
        {
            MemoryStorage flash = new MemoryStorage();
            TelemetryStore store = new TelemetryStore(flash, 4, 4);
            store.Load();
            store.Append(Batch(1, 4));
            store.Append(Batch(5, 4));
            int last = store.Append(Batch(9, 4));
            flash.Tear(store.NameOf(last), 50);

            TelemetryStore rebooted = new TelemetryStore(flash, 4, 4);
            rebooted.Load();
            TelemetryRecords first = new TelemetryRecords(4);
            int slot = rebooted.OldestSlot();
            Assert.IsTrue(rebooted.Read(slot, first));
            rebooted.Release(slot, rebooted.BlockNumberOf(slot));
            TelemetryRecords second = new TelemetryRecords(4);
            Assert.IsTrue(rebooted.Read(rebooted.OldestSlot(), second));

            Assert.AreEqual(1, rebooted.TornBlocks);
            Assert.AreEqual(1, rebooted.UsedSlots, "the torn block is an empty slot");
            Assert.AreEqual(1L, first.FirstSeq);
            Assert.AreEqual(4L, first.LastSeq);
            Assert.AreEqual(5L, second.FirstSeq);
            Assert.AreEqual(8L, rebooted.LastSeq, "the torn block's seqs are not trusted");
        }

        [TestMethod]
        public void BitFlippedBlock_IsSkippedWhenRead()
        {
            MemoryStorage flash = new MemoryStorage();
            TelemetryStore store = new TelemetryStore(flash, 4, 4);
            store.Load();
            int slot = store.Append(Batch(1, 4));
            store.Append(Batch(5, 4));
            flash.Flip(store.NameOf(slot), 20);

            TelemetryRecords records = new TelemetryRecords(4);
            Assert.IsFalse(store.Read(slot, records));
            Assert.IsTrue(store.Read(store.OldestSlot(), records));

            Assert.AreEqual(1, store.TornBlocks);
            Assert.AreEqual(5L, records.FirstSeq);
        }

        [TestMethod]
        public void Release_EmptiesOnlyTheBlockItNames()
        {
            MemoryStorage flash = new MemoryStorage();
            TelemetryStore store = new TelemetryStore(flash, 2, 4);
            store.Load();
            int slot = store.Append(Batch(1, 4));
            uint block = store.BlockNumberOf(slot);
            store.Append(Batch(5, 4));
            store.Append(Batch(9, 4));

            store.Release(slot, block);
            int stillUsed = store.UsedSlots;
            store.Release(slot, store.BlockNumberOf(slot));

            Assert.AreEqual(2, stillUsed, "the slot was reused by a newer block: releasing the old one changes nothing");
            Assert.AreEqual(1, store.UsedSlots);
            Assert.AreEqual(0, flash.LengthOf(store.NameOf(slot)), "an emptied slot is a zero-length blob");
        }

        [TestMethod]
        public void Sequence_IncreasesAcrossReboots_WithOneWritePerLease()
        {
            MemoryStorage flash = new MemoryStorage();
            TelemetrySequence sequence = new TelemetrySequence(flash);
            sequence.Restore(0);
            long last = 0;
            for (int i = 0; i < 2500; i++)
            {
                last = sequence.Take();
            }

            TelemetrySequence rebooted = new TelemetrySequence(flash);
            rebooted.Restore(0);
            long afterReboot = rebooted.Take();

            Assert.AreEqual(2500L, last);
            Assert.IsTrue(afterReboot > last, "after reboot: " + afterReboot.ToString());
            Assert.AreEqual(3, sequence.Writes, "a lease at the first number (none at boot), then one per " + TelemetrySequence.LeaseSize.ToString() + " numbers");
        }

        [TestMethod]
        public void Sequence_KeepsTheDroppedCount_AndReadsTheLeaseOfEarlierFirmware()
        {
            MemoryStorage flash = new MemoryStorage();
            TelemetrySequence sequence = new TelemetrySequence(flash);
            sequence.Restore(0);
            sequence.NoteDropped(30);
            sequence.NoteDropped(30);
            int writes = sequence.Writes;
            TelemetrySequence rebooted = new TelemetrySequence(flash);
            rebooted.Restore(0);

            // earlier firmware's blob: the lease 5000 and its CRC-32, 12 bytes, no count
            byte[] old = new byte[12];
            old[0] = 0x88;
            old[1] = 0x13;
            uint crc = Core.Telemetry.Crc32.Compute(old, 0, 8);
            old[8] = (byte)crc;
            old[9] = (byte)(crc >> 8);
            old[10] = (byte)(crc >> 16);
            old[11] = (byte)(crc >> 24);
            flash.Write(TelemetrySequence.BlobName, old, 0, 12);
            TelemetrySequence upgraded = new TelemetrySequence(flash);
            upgraded.Restore(0);

            Assert.AreEqual(1, writes, "one write per growth of the count");
            Assert.AreEqual(30L, rebooted.Dropped);
            Assert.AreEqual(1L, rebooted.Take(), "no record was numbered before: numbering starts at 1");
            Assert.AreEqual(0L, upgraded.Dropped);
            Assert.AreEqual(5000L, upgraded.Take());
        }

        [TestMethod]
        public void Sequence_WithATornLease_ResumesAfterTheBuffer()
        {
            MemoryStorage flash = new MemoryStorage();
            TelemetrySequence sequence = new TelemetrySequence(flash);
            sequence.Restore(0);
            sequence.Take();
            flash.Tear(TelemetrySequence.BlobName, 5);

            TelemetrySequence rebooted = new TelemetrySequence(flash);
            rebooted.Restore(77);

            Assert.AreEqual(78L, rebooted.Take());
            Assert.AreEqual(0L, rebooted.Dropped, "a torn blob loses the count (the one cost of keeping it without a write per record)");
        }
    }
}
