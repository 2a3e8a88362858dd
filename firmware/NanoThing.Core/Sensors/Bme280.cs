using NanoThing.Core.Seams;

namespace NanoThing.Core.Sensors
{
    /// <summary>Which part a <see cref="Bme280"/> found.</summary>
    public enum Bme280Model
    {
        /// <summary>Not detected (yet, or since the last fault).</summary>
        None = 0,
        /// <summary>BME280: temperature, pressure, humidity (chip id 0x60).</summary>
        Bme280 = 1,
        /// <summary>BMP280: temperature and pressure (chip id 0x58).</summary>
        Bmp280 = 2,
    }

    /// <summary>
    /// A BME280 or BMP280 over the <see cref="II2cBus"/> seam, in forced mode, without ever sleeping or blocking
    /// beyond one I2C transfer. The caller drives it with its clock:
    /// <see cref="Start"/> requests a measurement, then <see cref="TryComplete"/> is called on later ticks until it
    /// returns anything but <see cref="SensorStatus.Busy"/>.
    /// <para>
    /// The first <see cref="Start"/>, and the first after any fault, detects the part: it probes 0x76 then 0x77
    /// (or only the configured address), checks the chip id (0x60 BME280, 0x58 BMP280), writes a soft reset, then
    /// (in <see cref="TryComplete"/>) waits for the NVM copy to end, reads the calibration (0x88..0xA1, 0xE1..0xE7)
    /// and triggers the measurement: oversampling x1 for every quantity, filter off (Bosch's "weather monitoring"
    /// setting), about 10 ms per measurement. Every failure is a <see cref="SensorStatus"/> fault value, never an
    /// exception, a zero or a stale value.
    /// </para>
    /// Not thread-safe: call from one thread. Allocates only in the constructor.
    /// </summary>
    public sealed class Bme280
    {
        /// <summary>The address with SDO to GND.</summary>
        public const int PrimaryAddress = 0x76;

        /// <summary>The address with SDO to VDDIO.</summary>
        public const int SecondaryAddress = 0x77;

        /// <summary>Pass as address to probe <see cref="PrimaryAddress"/> then <see cref="SecondaryAddress"/>.</summary>
        public const int AutoAddress = 0;

        /// <summary>Chip id of a BME280.</summary>
        public const byte ChipIdBme280 = 0x60;

        /// <summary>Chip id of a BMP280 (mass production parts).</summary>
        public const byte ChipIdBmp280 = 0x58;

        /// <summary>Time from the forced-mode trigger to the first status poll: the datasheet's maximum measurement
        /// time at x1/x1/x1 (section 9.1: 1.25 + 2.3 + 2.875 + 2.875 = 9.3 ms), rounded up.</summary>
        public const int MeasurementTimeMs = 10;

        /// <summary>Bound on a measurement: beyond this the sensor is declared faulty (<see cref="SensorStatus.Timeout"/>).</summary>
        public const int MeasurementTimeoutMs = 100;

        /// <summary>Bound on the NVM copy after a soft reset (the datasheet's start-up time is 2 ms).</summary>
        public const int ResetTimeoutMs = 50;

        private const byte ResetCommand = 0xB6;
        private const byte StatusMeasuring = 0x08;
        private const byte StatusImUpdate = 0x01;
        // ctrl_hum: osrs_h = x1. ctrl_meas: osrs_t = x1 (bits 7..5), osrs_p = x1 (bits 4..2), mode = forced (01).
        private const byte CtrlHumX1 = 0x01;
        private const byte CtrlMeasForcedX1 = (1 << 5) | (1 << 2) | 0x01;
        private const int SkippedAdc20 = 0x80000;
        private const int SkippedAdc16 = 0x8000;

        private const int StateIdle = 0;
        private const int StateResetting = 1;
        private const int StateReady = 2;
        private const int StateMeasuring = 3;

        private readonly II2cBus _bus;
        private readonly int _configuredAddress;
        private readonly byte[] _write = new byte[2];
        private readonly byte[] _read = new byte[Bme280Calibration.TemperaturePressureBlockLength];
        private readonly byte[] _humidityCalibration = new byte[Bme280Calibration.HumidityBlockLength];
        private readonly Bme280Calibration _calibration = new Bme280Calibration();
        private int _state;
        private int _address;
        private Bme280Model _model;
        private long _stepStartMs;
        private SensorStatus _startFault = SensorStatus.Ok;

        /// <summary>A driver that probes both addresses.</summary>
        public Bme280(II2cBus bus) : this(bus, AutoAddress)
        {
        }

        /// <summary>A driver for <paramref name="address"/> (0x76 or 0x77), or <see cref="AutoAddress"/> to probe both.</summary>
        public Bme280(II2cBus bus, int address)
        {
            _bus = bus;
            _configuredAddress = address;
        }

        /// <summary>The address the part was found at; 0 while not detected.</summary>
        public int Address { get { return _address; } }

        /// <summary>The part found; <see cref="Bme280Model.None"/> while not detected.</summary>
        public Bme280Model Model { get { return _model; } }

        /// <summary>True while a reset or measurement is in progress (between <see cref="Start"/> and the end of <see cref="TryComplete"/>).</summary>
        public bool IsBusy { get { return _state == StateResetting || _state == StateMeasuring; } }

        /// <summary>
        /// Requests one measurement at <paramref name="nowMs"/> (the caller's monotonic clock). Returns
        /// <see cref="SensorStatus.Busy"/> when the measurement (or the detection before it) is under way, also when
        /// one already was; otherwise the fault that prevented it (<see cref="SensorStatus.NotFound"/>,
        /// <see cref="SensorStatus.WrongChipId"/>, <see cref="SensorStatus.BusError"/>). That fault is also what the
        /// next <see cref="TryComplete"/> returns, so a caller may look at <see cref="TryComplete"/> alone. After a
        /// fault the next call detects the part again.
        /// </summary>
        public SensorStatus Start(long nowMs)
        {
            if (IsBusy)
            {
                return SensorStatus.Busy;
            }

            SensorStatus status = StartCore(nowMs);
            _startFault = status == SensorStatus.Busy ? SensorStatus.Ok : status;
            return status;
        }

        /// <summary>Busy when a step is under way, else the fault.</summary>
        private SensorStatus StartCore(long nowMs)
        {
            if (_state == StateIdle)
            {
                SensorStatus detected = Detect();
                if (detected != SensorStatus.Busy)
                {
                    return detected;
                }

                if (WriteRegister(Bme280Register.RESET, ResetCommand) != I2cStatus.Ok)
                {
                    return Fail();
                }

                _state = StateResetting;
                _stepStartMs = nowMs;
                return SensorStatus.Busy;
            }

            return Trigger(nowMs);
        }

        /// <summary>
        /// Advances the measurement at <paramref name="nowMs"/> without waiting. Returns <see cref="SensorStatus.Busy"/>
        /// while it runs (call again on a later tick), <see cref="SensorStatus.Idle"/> when nothing was started,
        /// <see cref="SensorStatus.Ok"/> with the values in <paramref name="reading"/>, or a fault (also the fault of
        /// the last <see cref="Start"/>, once). On every status but Ok the reading holds the status and no values.
        /// </summary>
        public SensorStatus TryComplete(long nowMs, Bme280Reading reading)
        {
            SensorStatus status = Advance(nowMs, reading);
            if (status != SensorStatus.Ok)
            {
                reading.SetStatus(status);
            }

            return status;
        }

        private SensorStatus Advance(long nowMs, Bme280Reading reading)
        {
            if (_startFault != SensorStatus.Ok)
            {
                SensorStatus fault = _startFault;
                _startFault = SensorStatus.Ok;
                return fault;
            }

            if (_state == StateResetting)
            {
                return AdvanceReset(nowMs);
            }

            if (_state != StateMeasuring)
            {
                return SensorStatus.Idle;
            }

            long elapsed = nowMs - _stepStartMs;
            if (elapsed < MeasurementTimeMs)
            {
                return SensorStatus.Busy;
            }

            if (ReadRegisters(Bme280Register.STATUS, _read, 1) != I2cStatus.Ok)
            {
                return Fail();
            }

            if ((_read[0] & StatusMeasuring) != 0)
            {
                return elapsed > MeasurementTimeoutMs ? Fail(SensorStatus.Timeout) : SensorStatus.Busy;
            }

            bool hasHumidity = _model == Bme280Model.Bme280;
            if (ReadRegisters(Bme280Register.PRESS_MSB, _read, hasHumidity ? 8 : 6) != I2cStatus.Ok)
            {
                return Fail();
            }

            _state = StateReady;
            int adcP = (_read[0] << 12) | (_read[1] << 4) | (_read[2] >> 4);
            int adcT = (_read[3] << 12) | (_read[4] << 4) | (_read[5] >> 4);
            int adcH = hasHumidity ? (_read[6] << 8) | _read[7] : 0;
            if (adcT == SkippedAdc20 || adcP == SkippedAdc20 || (hasHumidity && adcH == SkippedAdc16))
            {
                return Fail(SensorStatus.NoData);
            }

            int tFine;
            int centiCelsius = _calibration.CompensateTemperature(adcT, out tFine);
            uint pressure = _calibration.CompensatePressure(adcP, tFine);
            if (pressure == Bme280Calibration.InvalidPressure)
            {
                return Fail(SensorStatus.InvalidCalibration);
            }

            uint humidity = _calibration.CompensateHumidity(adcH, tFine);
            reading.SetValues(centiCelsius, pressure, hasHumidity, humidity);
            return SensorStatus.Ok;
        }

        private SensorStatus AdvanceReset(long nowMs)
        {
            if (ReadRegisters(Bme280Register.STATUS, _read, 1) != I2cStatus.Ok)
            {
                return Fail();
            }

            if ((_read[0] & StatusImUpdate) != 0)
            {
                return nowMs - _stepStartMs > ResetTimeoutMs ? Fail(SensorStatus.Timeout) : SensorStatus.Busy;
            }

            if (ReadRegisters(Bme280Register.DIG_T1, _read, Bme280Calibration.TemperaturePressureBlockLength) != I2cStatus.Ok)
            {
                return Fail();
            }

            byte[] humidity = null;
            if (_model == Bme280Model.Bme280)
            {
                if (ReadRegisters(Bme280Register.DIG_H2, _humidityCalibration, Bme280Calibration.HumidityBlockLength) != I2cStatus.Ok)
                {
                    return Fail();
                }

                humidity = _humidityCalibration;
            }

            if (!_calibration.Load(_read, 0, humidity, 0))
            {
                return Fail(SensorStatus.InvalidCalibration);
            }

            _state = StateReady;
            return Trigger(nowMs);
        }

        private SensorStatus Trigger(long nowMs)
        {
            // ctrl_hum only takes effect with the following ctrl_meas write (datasheet section 5.4.3).
            if (_model == Bme280Model.Bme280 && WriteRegister(Bme280Register.CTRL_HUM, CtrlHumX1) != I2cStatus.Ok)
            {
                return Fail();
            }

            if (WriteRegister(Bme280Register.CTRL_MEAS, CtrlMeasForcedX1) != I2cStatus.Ok)
            {
                return Fail();
            }

            _state = StateMeasuring;
            _stepStartMs = nowMs;
            return SensorStatus.Busy;
        }

        /// <summary>Finds the part; Busy means found (address and model set), anything else is the fault.</summary>
        private SensorStatus Detect()
        {
            SensorStatus worst = SensorStatus.NotFound;
            for (int i = 0; i < 2; i++)
            {
                int address = _configuredAddress != AutoAddress ? _configuredAddress : (i == 0 ? PrimaryAddress : SecondaryAddress);
                _write[0] = (byte)Bme280Register.CHIP_ID;
                I2cStatus status = _bus.WriteRead(address, _write, 0, 1, _read, 0, 1);
                if (status == I2cStatus.Ok)
                {
                    if (_read[0] == ChipIdBme280 || _read[0] == ChipIdBmp280)
                    {
                        _address = address;
                        _model = _read[0] == ChipIdBme280 ? Bme280Model.Bme280 : Bme280Model.Bmp280;
                        return SensorStatus.Busy;
                    }

                    worst = SensorStatus.WrongChipId;
                }
                else if (status != I2cStatus.AddressNotAcknowledged && worst == SensorStatus.NotFound)
                {
                    worst = SensorStatus.BusError;
                }

                if (_configuredAddress != AutoAddress)
                {
                    break;
                }
            }

            return worst;
        }

        private SensorStatus Fail()
        {
            return Fail(SensorStatus.BusError);
        }

        /// <summary>Forgets the part so that the next <see cref="Start"/> detects (and resets) it again.</summary>
        private SensorStatus Fail(SensorStatus fault)
        {
            _state = StateIdle;
            _address = 0;
            _model = Bme280Model.None;
            return fault;
        }

        private I2cStatus WriteRegister(Bme280Register register, byte value)
        {
            _write[0] = (byte)register;
            _write[1] = value;
            return _bus.Write(_address, _write, 0, 2);
        }

        private I2cStatus ReadRegisters(Bme280Register first, byte[] into, int length)
        {
            _write[0] = (byte)first;
            return _bus.WriteRead(_address, _write, 0, 1, into, 0, length);
        }
    }
}
