using NanoThing.Core.Telemetry;
using NanoThing.DeviceTests.Support;
using nanoFramework.TestFramework;

namespace NanoThing.DeviceTests.Telemetry
{
    /// <summary>The block format of the buffer on flash: round trip, checksum, and a torn or altered block refused.</summary>
    [TestClass]
    public class TelemetryBlockTests
    {
        private static TelemetryRecords ThreeRecords()
        {
            TelemetryRecords records = new TelemetryRecords(4);
            records.Add(7, 1767225600000, TelemetryRecords.ClockValid | TelemetryRecords.HumidityValid, 2143, 4550, 101325);
            records.Add(8, 1767225660000, TelemetryRecords.ClockValid, -150, 0, 99990);
            records.Add(9, 61000, 0, 2144, 0, 101326);
            return records;
        }

        [TestMethod]
        public void Crc32_OfTheCheckString_IsTheStandardValue()
        {
            byte[] check = Text.Bytes("123456789");

            Assert.AreEqual(0xCBF43926u, Crc32.Compute(check, 0, check.Length));
        }

        [TestMethod]
        public void Encode_ThenCheckAndDecode_GivesTheSameRecords()
        {
            byte[] buffer = new byte[TelemetryBlock.LengthOf(4)];
            int length = TelemetryBlock.Encode(ThreeRecords(), 42, buffer);
            byte[] block = new byte[length];
            System.Array.Copy(buffer, block, length);

            uint number;
            int count;
            long lastSeq;
            bool torn;
            Assert.IsTrue(TelemetryBlock.Check(block, out number, out count, out lastSeq, out torn));
            TelemetryRecords back = new TelemetryRecords(4);
            TelemetryBlock.Decode(block, back);

            Assert.AreEqual(TelemetryBlock.LengthOf(3), length);
            Assert.AreEqual(42u, number);
            Assert.AreEqual(3, count);
            Assert.AreEqual(9L, lastSeq);
            Assert.AreEqual(3, back.Count);
            Assert.AreEqual(8L, back.Seqs[1]);
            Assert.AreEqual(1767225660000L, back.Timestamps[1]);
            Assert.AreEqual(TelemetryRecords.ClockValid, back.Flags[1]);
            Assert.AreEqual(-150, back.CentiCelsius[1]);
            Assert.AreEqual(4550, back.CentiPercent[0]);
            Assert.AreEqual(101326, back.CentiHectopascal[2]);
            Assert.AreEqual(61000L, back.Timestamps[2]);
        }

        /// <summary>A block cut after <paramref name="keep"/> bytes (a power loss during its write) is torn, never records.</summary>
        [TestMethod]
        [DataRow(1)]
        [DataRow(8)]
        [DataRow(40)]
        [DataRow(94)]
        public void Check_OfATruncatedBlock_ReportsTorn(int keep)
        {
            byte[] buffer = new byte[TelemetryBlock.LengthOf(3)];
            TelemetryBlock.Encode(ThreeRecords(), 1, buffer);
            byte[] cut = new byte[keep];
            System.Array.Copy(buffer, cut, keep);

            uint number;
            int count;
            long lastSeq;
            bool torn;
            Assert.IsFalse(TelemetryBlock.Check(cut, out number, out count, out lastSeq, out torn));
            Assert.IsTrue(torn);
        }

        /// <summary>One bit changed anywhere (header, a record, the checksum) fails the check.</summary>
        [TestMethod]
        [DataRow(3)]
        [DataRow(5)]
        [DataRow(30)]
        [DataRow(96)]
        public void Check_OfAnAlteredBlock_ReportsTorn(int index)
        {
            byte[] block = new byte[TelemetryBlock.LengthOf(3)];
            TelemetryBlock.Encode(ThreeRecords(), 1, block);
            block[index] = (byte)(block[index] ^ 0x10);

            uint number;
            int count;
            long lastSeq;
            bool torn;
            Assert.IsFalse(TelemetryBlock.Check(block, out number, out count, out lastSeq, out torn));
            Assert.IsTrue(torn);
        }

        [TestMethod]
        public void Check_OfAnEmptySlot_IsNotTorn()
        {
            uint number;
            int count;
            long lastSeq;
            bool torn;
            Assert.IsFalse(TelemetryBlock.Check(new byte[0], out number, out count, out lastSeq, out torn));
            Assert.IsFalse(torn);
        }
    }
}
