using System;
using System.Device.I2c;
using NanoThing.Core.Seams;

namespace NanoThing.Adapters
{
    /// <summary>
    /// <see cref="II2cBus"/> over System.Device.I2c: one I2cDevice per 7-bit address on one bus, opened on first
    /// use and kept. The caller's byte[] + offset/length become SpanByte slices (no copy, no allocation per
    /// transfer beyond the slices themselves, which are stack values). I2cTransferStatus is mapped to
    /// <see cref="I2cStatus"/>; transfer failures and driver exceptions are returned as a status, never thrown (each
    /// exception is logged with the bus, the address and the operation); an address
    /// outside 0..127 or a range outside the caller's arrays is a bug and throws ArgumentOutOfRangeException.
    /// On ESP32 the bus pins must be routed (Configuration.SetPinFunction) before the first transfer.
    /// Calls block for the transfer only. Not thread-safe: one owner (Core's sensor driver).
    /// </summary>
    public sealed class I2cBusAdapter : II2cBus, IDisposable
    {
        private const int AddressCount = 128;

        private readonly int _busId;
        private readonly I2cBusSpeed _speed;
        private readonly ILog _log;
        private readonly I2cDevice[] _devices = new I2cDevice[AddressCount];

        /// <summary>Creates the adapter for bus <paramref name="busId"/> (1 = the ESP32's first I2C controller) at <paramref name="speed"/>; failures go to <paramref name="log"/>.</summary>
        public I2cBusAdapter(int busId, I2cBusSpeed speed, ILog log)
        {
            _busId = busId;
            _speed = speed;
            _log = log;
        }

        /// <inheritdoc />
        public I2cStatus WriteRead(int address, byte[] write, int writeOffset, int writeLength, byte[] read, int readOffset, int readLength)
        {
            if (readLength == 0)
            {
                return Write(address, write, writeOffset, writeLength);
            }

            I2cDevice device = DeviceAt(address);
            if (device == null)
            {
                return I2cStatus.UnknownError;
            }

            // Built outside the try: a range outside the caller's arrays is a bug and throws.
            SpanByte writeSpan = new SpanByte(write, writeOffset, writeLength);
            SpanByte readSpan = new SpanByte(read, readOffset, readLength);
            try
            {
                I2cTransferResult result = device.WriteRead(writeSpan, readSpan);
                return Map(result.Status);
            }
            catch (Exception ex)
            {
                Failed("write-read", address, ex);
                return I2cStatus.UnknownError;
            }
        }

        /// <inheritdoc />
        public I2cStatus Write(int address, byte[] data, int offset, int length)
        {
            I2cDevice device = DeviceAt(address);
            if (device == null)
            {
                return I2cStatus.UnknownError;
            }

            SpanByte span = new SpanByte(data, offset, length);
            try
            {
                I2cTransferResult result = device.Write(span);
                return Map(result.Status);
            }
            catch (Exception ex)
            {
                Failed("write", address, ex);
                return I2cStatus.UnknownError;
            }
        }

        /// <summary>Releases every I2cDevice opened so far.</summary>
        public void Dispose()
        {
            for (int i = 0; i < AddressCount; i++)
            {
                if (_devices[i] != null)
                {
                    _devices[i].Dispose();
                    _devices[i] = null;
                }
            }
        }

        /// <summary>The outcome of a transfer as the seam reports it.</summary>
        public static I2cStatus Map(I2cTransferStatus status)
        {
            switch (status)
            {
                case I2cTransferStatus.FullTransfer:
                    return I2cStatus.Ok;
                case I2cTransferStatus.SlaveAddressNotAcknowledged:
                    return I2cStatus.AddressNotAcknowledged;
                case I2cTransferStatus.PartialTransfer:
                    return I2cStatus.PartialTransfer;
                case I2cTransferStatus.ClockStretchTimeout:
                    return I2cStatus.ClockStretchTimeout;
                default:
                    return I2cStatus.UnknownError;
            }
        }

        private I2cDevice DeviceAt(int address)
        {
            if (address < 0 || address >= AddressCount)
            {
                throw new ArgumentOutOfRangeException("address", "a 7-bit I2C address is 0..127");
            }

            I2cDevice device = _devices[address];
            if (device != null)
            {
                return device;
            }

            try
            {
                device = I2cDevice.Create(new I2cConnectionSettings(_busId, address, _speed));
            }
            catch (Exception ex)
            {
                // Bus not available (pins not routed, bus id wrong): reported as a failed transfer, tried again next call.
                Failed("opening the device", address, ex);
                return null;
            }

            _devices[address] = device;
            return device;
        }

        private void Failed(string operation, int address, Exception ex)
        {
            _log.Write(LogLevel.Warning, "i2c: " + operation + " at address 0x" + address.ToString("X2") + " on bus " + _busId.ToString() + " failed (" + ExceptionText.Describe(ex) + ")");
        }
    }
}
