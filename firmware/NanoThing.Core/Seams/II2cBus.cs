namespace NanoThing.Core.Seams
{
    /// <summary>
    /// An I2C bus master. Device: System.Device.I2c.I2cDevice per address. PC: a simulated register map.
    /// Calls block for the duration of the transfer only. Failures are returned, never thrown.
    /// </summary>
    public interface II2cBus
    {
        /// <summary>
        /// Writes <paramref name="writeLength"/> bytes then (repeated start) reads <paramref name="readLength"/> bytes
        /// from the 7-bit <paramref name="address"/>. The caller owns both buffers; on any status other than
        /// <see cref="I2cStatus.Ok"/> the read buffer content is undefined.
        /// </summary>
        I2cStatus WriteRead(int address, byte[] write, int writeOffset, int writeLength, byte[] read, int readOffset, int readLength);

        /// <summary>Writes <paramref name="length"/> bytes to the 7-bit <paramref name="address"/>.</summary>
        I2cStatus Write(int address, byte[] data, int offset, int length);
    }

    /// <summary>The outcome of an I2C transfer (System.Device.I2c.I2cTransferStatus, mapped).</summary>
    public enum I2cStatus
    {
        /// <summary>Every byte was transferred.</summary>
        Ok = 0,
        /// <summary>No device acknowledged the address (absent, unpowered, wrong address).</summary>
        AddressNotAcknowledged = 1,
        /// <summary>Fewer bytes than requested were transferred.</summary>
        PartialTransfer = 2,
        /// <summary>The device held the clock too long.</summary>
        ClockStretchTimeout = 3,
        /// <summary>Any other bus error.</summary>
        UnknownError = 4,
    }
}
