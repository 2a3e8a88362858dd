using NanoThing.Core.Seams;

namespace NanoThing.VirtualBoard.Simulation;

/// <summary>
/// A BME280 as seen over I2C: the chip's register map (chip id 0xD0, reset 0xE0, ctrl_hum 0xF2, status 0xF3,
/// ctrl_meas 0xF4, config 0xF5, data 0xF7-0xFE, calibration 0x88-0xA1 and 0xE1-0xE7) with auto-incrementing
/// reads. A forced-mode write to ctrl_meas takes a measurement of <see cref="Weather"/> and latches the raw
/// values into the data registers, as the chip does. Tests and the demo can set the weather or make the
/// chip fail (<see cref="Fault"/>) from outside. Thread-safe.
/// </summary>
public sealed class SimulatedBme280 : II2cBus
{
    public const byte ChipIdBme280 = 0x60;

    private readonly object _gate = new();
    private readonly byte[] _registers = new byte[256];
    private readonly Bme280Calibration _calibration;
    private I2cStatus _fault = I2cStatus.Ok;

    public SimulatedBme280(IWeather weather, int address = 0x76, Bme280Calibration? calibration = null)
    {
        Weather = weather;
        Address = address;
        _calibration = calibration ?? Bme280Calibration.Typical;
        _registers[0xD0] = ChipIdBme280;
        _calibration.Block1().CopyTo(_registers, 0x88);
        _calibration.Block2().CopyTo(_registers, 0xE1);
        // Before the first measurement the data registers hold the chip's reset values.
        _registers[0xF7] = 0x80; _registers[0xFA] = 0x80; _registers[0xFD] = 0x80;
    }

    /// <summary>The 7-bit address the chip answers on (0x76 with SDO low, 0x77 with SDO high).</summary>
    public int Address { get; }

    /// <summary>What the next measurement reads.</summary>
    public IWeather Weather { get; set; }

    /// <summary>Number of forced-mode measurements taken.</summary>
    public int Measurements { get; private set; }

    /// <summary>Makes every following transfer fail with <paramref name="status"/> (Ok heals the chip).</summary>
    public void Fault(I2cStatus status)
    {
        lock (_gate) _fault = status;
    }

    public I2cStatus WriteRead(int address, byte[] write, int writeOffset, int writeLength, byte[] read, int readOffset, int readLength)
    {
        lock (_gate)
        {
            I2cStatus status = Check(address);
            if (status != I2cStatus.Ok) return status;
            if (writeLength < 1) return I2cStatus.UnknownError;
            int register = write[writeOffset];
            for (int i = 0; i < readLength; i++)
            {
                read[readOffset + i] = _registers[(register + i) & 0xFF];
            }

            return I2cStatus.Ok;
        }
    }

    public I2cStatus Write(int address, byte[] data, int offset, int length)
    {
        lock (_gate)
        {
            I2cStatus status = Check(address);
            if (status != I2cStatus.Ok) return status;
            // Writes are (register, value) pairs; the chip does not auto-increment on writes.
            for (int i = 0; i + 1 < length; i += 2)
            {
                WriteRegister(data[offset + i], data[offset + i + 1]);
            }

            return I2cStatus.Ok;
        }
    }

    private I2cStatus Check(int address) =>
        address != Address ? I2cStatus.AddressNotAcknowledged : _fault;

    private void WriteRegister(int register, byte value)
    {
        switch (register)
        {
            case 0xE0 when value == 0xB6:
                _registers[0xF2] = _registers[0xF4] = _registers[0xF5] = 0;
                break;
            case 0xF2:
            case 0xF5:
                _registers[register] = value;
                break;
            case 0xF4:
                _registers[0xF4] = value;
                if ((value & 0x03) == 0x01 || (value & 0x03) == 0x02) Measure();
                _registers[0xF4] = (byte)(value & 0xFC); // forced mode returns to sleep after the measurement
                break;
        }
    }

    private void Measure()
    {
        WeatherReading w = Weather.Now();
        var (adcT, adcP, adcH) = Bme280Physics.Encode(_calibration, w.Celsius, w.Pascal, w.RelativeHumidity);
        Put20(0xF7, adcP);
        Put20(0xFA, adcT);
        _registers[0xFD] = (byte)(adcH >> 8);
        _registers[0xFE] = (byte)(adcH & 0xFF);
        Measurements++;
    }

    private void Put20(int register, int value)
    {
        _registers[register] = (byte)(value >> 12);
        _registers[register + 1] = (byte)((value >> 4) & 0xFF);
        _registers[register + 2] = (byte)((value & 0x0F) << 4);
    }
}
