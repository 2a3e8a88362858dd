using NanoThing.Core.Seams;
using NanoThing.VirtualBoard.Simulation;

namespace NanoThing.Bench.Cycle;

/// <summary>
/// The virtual board's simulated BME280 with its measurements recorded ahead of time: construction takes
/// <paramref name="samples"/> forced-mode measurements of the weather from <see cref="SimulatedBme280"/> and keeps the
/// raw data registers (0xF7-0xFE) of each; afterwards every forced-mode write to ctrl_meas moves to the next
/// recording (cycling) and reads of the data registers return it, while every other register (chip id,
/// calibration, status, control) is the simulated chip's own. The bytes Core reads are the simulation's, but the
/// simulation's float solver (which allocates closures) runs before the measurement, so the allocation figure is
/// Core's alone.
/// </summary>
public sealed class RecordedBme280 : II2cBus
{
    private const int DataRegister = 0xF7, DataLength = 8, CtrlMeas = 0xF4;
    private readonly SimulatedBme280 _chip;
    private readonly byte[] _recordings;
    private readonly int _count;
    private int _current;

    public RecordedBme280(SimulatedBme280 chip, int samples, Action beforeEachSample)
    {
        _chip = chip;
        _count = samples;
        _recordings = new byte[samples * DataLength];
        byte[] forced = [CtrlMeas, 0x25 | 0x01];
        byte[] data = [DataRegister];
        for (int i = 0; i < samples; i++)
        {
            beforeEachSample();
            chip.Write(chip.Address, forced, 0, 2);
            chip.WriteRead(chip.Address, data, 0, 1, _recordings, i * DataLength, DataLength);
        }

        _current = samples - 1;
    }

    public int Address => _chip.Address;

    public I2cStatus Write(int address, byte[] data, int offset, int length)
    {
        bool forcedMeasurement = false;
        for (int i = 0; i + 1 < length; i += 2)
        {
            forcedMeasurement |= data[offset + i] == CtrlMeas && (data[offset + i + 1] & 0x03) is 0x01 or 0x02;
        }

        if (!forcedMeasurement)
        {
            return _chip.Write(address, data, offset, length);
        }

        if (address != _chip.Address) return I2cStatus.AddressNotAcknowledged;
        _current = _current + 1 == _count ? 0 : _current + 1;
        return I2cStatus.Ok;
    }

    public I2cStatus WriteRead(int address, byte[] write, int writeOffset, int writeLength, byte[] read, int readOffset, int readLength)
    {
        I2cStatus status = _chip.WriteRead(address, write, writeOffset, writeLength, read, readOffset, readLength);
        if (status != I2cStatus.Ok) return status;
        int register = write[writeOffset];
        for (int i = 0; i < readLength; i++)
        {
            int at = register + i - DataRegister;
            if (at >= 0 && at < DataLength) read[readOffset + i] = _recordings[_current * DataLength + at];
        }

        return I2cStatus.Ok;
    }
}
