using NanoThing.Core.Seams;

namespace NanoThing.DeviceTests.Support
{
    /// <summary>
    /// A BME280/BMP280 register map behind the <see cref="II2cBus"/> seam, following the datasheet: a read starts
    /// at the written register and auto-increments; a write is register/value pairs; 0xB6 to 0xE0 resets (the
    /// status im_update bit stays set for <see cref="ResetBusyPolls"/> status reads); writing forced mode to
    /// ctrl_meas starts a measurement (the measuring bit stays set for <see cref="MeasuringPolls"/> status reads,
    /// then the mode returns to sleep and the data registers hold the loaded raw values). Faults: an absent
    /// address NACKs; <see cref="FailFromTransfer"/> makes every transfer from that index on fail.
    /// </summary>
    public sealed class SimulatedBme280 : II2cBus
    {
        public readonly byte[] Registers = new byte[256];
        public int Address = 0x76;
        public int ResetBusyPolls = 1;
        public int MeasuringPolls = 1;
        public int Resets;
        public int Measurements;
        public int Transfers;
        public int FailFromTransfer = int.MaxValue;
        public I2cStatus FailureStatus = I2cStatus.UnknownError;
        /// <summary>When set, a measurement never ends (the measuring bit stays set).</summary>
        public bool StuckMeasuring;
        /// <summary>The register/value pairs written, in order ("F2=01 F4=25 "), while <see cref="LogWrites"/> is set.</summary>
        public string WriteLog = "";
        /// <summary>Set to false to keep the simulation allocation-free (allocation tests).</summary>
        public bool LogWrites = true;

        private int _resetPollsLeft;
        private int _measuringPollsLeft;
        private int _rawTemperature;
        private int _rawPressure;
        private int _rawHumidity;

        public SimulatedBme280(byte chipId)
        {
            Registers[0xD0] = chipId;
        }

        /// <summary>A BME280 at 0x76 loaded with the BMP280 datasheet's worked example (section 3.12) and a humidity calibration.</summary>
        public static SimulatedBme280 DatasheetExample()
        {
            SimulatedBme280 chip = new SimulatedBme280(0x60);
            chip.SetTemperaturePressureCalibration(27504, 26435, -1000, 36477, -10685, 3024, 2855, 140, -7, 15500, -14600, 6000);
            chip.SetHumidityCalibration(75, 362, 0, 313, 50, 30);
            chip.SetRaw(519888, 415148, 30000);
            return chip;
        }

        public void SetTemperaturePressureCalibration(int t1, int t2, int t3, int p1, int p2, int p3, int p4, int p5, int p6, int p7, int p8, int p9)
        {
            int[] values = new int[] { t1, t2, t3, p1, p2, p3, p4, p5, p6, p7, p8, p9 };
            for (int i = 0; i < values.Length; i++)
            {
                Registers[0x88 + 2 * i] = (byte)(values[i] & 0xFF);
                Registers[0x89 + 2 * i] = (byte)((values[i] >> 8) & 0xFF);
            }
        }

        public void SetHumidityCalibration(int h1, int h2, int h3, int h4, int h5, int h6)
        {
            Registers[0xA1] = (byte)h1;
            Registers[0xE1] = (byte)(h2 & 0xFF);
            Registers[0xE2] = (byte)((h2 >> 8) & 0xFF);
            Registers[0xE3] = (byte)h3;
            Registers[0xE4] = (byte)((h4 >> 4) & 0xFF);
            Registers[0xE5] = (byte)((h4 & 0x0F) | ((h5 & 0x0F) << 4));
            Registers[0xE6] = (byte)((h5 >> 4) & 0xFF);
            Registers[0xE7] = (byte)h6;
        }

        /// <summary>The raw ADC values the next measurement produces (20, 20 and 16 bits).</summary>
        public void SetRaw(int temperature, int pressure, int humidity)
        {
            _rawTemperature = temperature;
            _rawPressure = pressure;
            _rawHumidity = humidity;
        }

        public I2cStatus WriteRead(int address, byte[] write, int writeOffset, int writeLength, byte[] read, int readOffset, int readLength)
        {
            I2cStatus status = Begin(address);
            if (status != I2cStatus.Ok || writeLength != 1)
            {
                return status != I2cStatus.Ok ? status : I2cStatus.UnknownError;
            }

            int register = write[writeOffset];
            for (int i = 0; i < readLength; i++)
            {
                read[readOffset + i] = ReadRegister((register + i) & 0xFF);
            }

            return I2cStatus.Ok;
        }

        public I2cStatus Write(int address, byte[] data, int offset, int length)
        {
            I2cStatus status = Begin(address);
            if (status != I2cStatus.Ok)
            {
                return status;
            }

            for (int i = 0; i + 1 < length; i += 2)
            {
                WriteRegister(data[offset + i], data[offset + i + 1]);
            }

            return I2cStatus.Ok;
        }

        private I2cStatus Begin(int address)
        {
            int index = Transfers++;
            if (address != Address)
            {
                return I2cStatus.AddressNotAcknowledged;
            }

            return index >= FailFromTransfer ? FailureStatus : I2cStatus.Ok;
        }

        private byte ReadRegister(int register)
        {
            if (register != 0xF3)
            {
                return Registers[register];
            }

            byte status = 0;
            if (_resetPollsLeft > 0)
            {
                _resetPollsLeft--;
                status |= 0x01;
            }

            if (_measuringPollsLeft > 0 || StuckMeasuring)
            {
                _measuringPollsLeft--;
                status |= 0x08;
                if (_measuringPollsLeft == 0 && !StuckMeasuring)
                {
                    Complete();
                }
            }

            return status;
        }

        private void WriteRegister(int register, byte value)
        {
            if (LogWrites)
            {
                WriteLog += Hex(register) + "=" + Hex(value) + " ";
            }

            if (register == 0xE0 && value == 0xB6)
            {
                Resets++;
                _resetPollsLeft = ResetBusyPolls;
                Registers[0xF2] = 0;
                Registers[0xF4] = 0;
                for (int r = 0xF7; r <= 0xFC; r++)
                {
                    Registers[r] = r == 0xF7 || r == 0xFA ? (byte)0x80 : (byte)0;
                }

                Registers[0xFD] = 0x80;
                Registers[0xFE] = 0;
                return;
            }

            if (register == 0xF2 || register == 0xF4 || register == 0xF5)
            {
                Registers[register] = value;
            }

            if (register == 0xF4 && (value & 0x03) != 0)
            {
                Measurements++;
                _measuringPollsLeft = MeasuringPolls;
                if (MeasuringPolls == 0)
                {
                    Complete();
                }
            }
        }

        private void Complete()
        {
            Registers[0xF4] = (byte)(Registers[0xF4] & 0xFC);
            Put20(0xF7, _rawPressure);
            Put20(0xFA, _rawTemperature);
            Registers[0xFD] = (byte)((_rawHumidity >> 8) & 0xFF);
            Registers[0xFE] = (byte)(_rawHumidity & 0xFF);
        }

        private void Put20(int register, int value)
        {
            Registers[register] = (byte)((value >> 12) & 0xFF);
            Registers[register + 1] = (byte)((value >> 4) & 0xFF);
            Registers[register + 2] = (byte)((value & 0x0F) << 4);
        }

        private static string Hex(int value)
        {
            const string digits = "0123456789ABCDEF";
            return digits[(value >> 4) & 0xF].ToString() + digits[value & 0xF].ToString();
        }
    }
}
