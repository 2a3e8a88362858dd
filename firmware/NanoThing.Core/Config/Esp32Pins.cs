namespace NanoThing.Core.Config
{
    /// <summary>
    /// Which ESP32 GPIOs the device config may name. Excluded everywhere: 1 and 3 (UART0, nanoFramework's debug
    /// and deployment link), 6 to 11 (wired to the SPI flash), and numbers with no GPIO (20, 24, 28 to 31, above 39).
    /// 34 to 39 are input only (no output driver, no internal pull-up): allowed for the button, not for I2C or the LED.
    /// </summary>
    public static class Esp32Pins
    {
        /// <summary>The value that means "not connected" for the button and the LED.</summary>
        public const int None = -1;

        /// <summary>The output-capable GPIOs in words, for error messages.</summary>
        public const string OutputList = "0, 2, 4, 5, 12-19, 21-23, 25-27, 32, 33";

        /// <summary>The input-capable GPIOs in words, for error messages.</summary>
        public const string InputList = OutputList + ", 34-39";

        /// <summary>True for a GPIO that can drive an output (and so also read an input).</summary>
        public static bool IsOutput(int pin)
        {
            return pin == 0 || pin == 2 || pin == 4 || pin == 5
                || (pin >= 12 && pin <= 19)
                || (pin >= 21 && pin <= 23)
                || (pin >= 25 && pin <= 27)
                || pin == 32 || pin == 33;
        }

        /// <summary>True for a GPIO that can read an input.</summary>
        public static bool IsInput(int pin)
        {
            return IsOutput(pin) || (pin >= 34 && pin <= 39);
        }
    }
}
