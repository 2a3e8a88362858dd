namespace NanoThing.Core.Sensors
{
    /// <summary>BME280/BMP280 register addresses (Bosch BME280 datasheet section 5.3, BMP280 datasheet section 4.3).</summary>
    internal enum Bme280Register : byte
    {
        /// <summary>First calibration byte: dig_T1 LSB. 0x88..0x9F hold dig_T1..dig_P9 (16 bit little endian).</summary>
        DIG_T1 = 0x88,
        /// <summary>dig_H1 (unsigned 8 bit), BME280 only.</summary>
        DIG_H1 = 0xA1,
        /// <summary>Chip id: 0x60 BME280, 0x58 BMP280.</summary>
        CHIP_ID = 0xD0,
        /// <summary>Soft reset: writing 0xB6 resets the device as at power on.</summary>
        RESET = 0xE0,
        /// <summary>Second calibration block 0xE1..0xE7: dig_H2..dig_H6, BME280 only.</summary>
        DIG_H2 = 0xE1,
        /// <summary>Humidity oversampling; takes effect at the next write to CTRL_MEAS. BME280 only.</summary>
        CTRL_HUM = 0xF2,
        /// <summary>Status: bit 3 measuring, bit 0 im_update (NVM copy running).</summary>
        STATUS = 0xF3,
        /// <summary>Temperature and pressure oversampling and the power mode.</summary>
        CTRL_MEAS = 0xF4,
        /// <summary>First data byte: press_msb. 0xF7..0xF9 pressure, 0xFA..0xFC temperature, 0xFD..0xFE humidity.</summary>
        PRESS_MSB = 0xF7,
    }
}
