namespace NanoThing.Core.Telemetry
{
    /// <summary>
    /// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320, initial and final XOR 0xFFFFFFFF: the checksum of zlib
    /// and PNG; "123456789" gives 0xCBF43926). Bitwise, without a table: a telemetry block is a few hundred bytes,
    /// checked once per boot and once per write.
    /// </summary>
    public static class Crc32
    {
        /// <summary>The CRC-32 of <paramref name="length"/> bytes of <paramref name="data"/> from <paramref name="offset"/>.</summary>
        public static uint Compute(byte[] data, int offset, int length)
        {
            uint crc = 0xFFFFFFFFu;
            for (int i = offset; i < offset + length; i++)
            {
                crc ^= data[i];
                for (int bit = 0; bit < 8; bit++)
                {
                    crc = (crc & 1u) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
                }
            }

            return crc ^ 0xFFFFFFFFu;
        }
    }
}
