using System;
using System.Device.Gpio;
using NanoThing.Core.Seams;

namespace NanoThing.Adapters
{
    /// <summary>
    /// <see cref="IDigitalOutput"/> over a System.Device.Gpio pin opened in Output mode (an LED). The pin starts at
    /// the level given to the constructor (the LED's "off" level, so an active-low LED does not flash at boot).
    /// <see cref="Write"/> sets the level (true = high) without blocking and never throws: a driver failure is logged
    /// and leaves the pin as it was.
    /// </summary>
    public sealed class GpioOutput : IDigitalOutput, IDisposable
    {
        private readonly GpioPin _pin;
        private readonly int _pinNumber;
        private readonly ILog _log;

        /// <summary>
        /// Opens <paramref name="pinNumber"/> on <paramref name="controller"/> as an output driven to
        /// <paramref name="initialHigh"/>. Throws (from the GPIO driver) when the pin does not exist or is already
        /// open: a configuration error found at boot. Write failures go to <paramref name="log"/>.
        /// </summary>
        public GpioOutput(GpioController controller, int pinNumber, bool initialHigh, ILog log)
        {
            _pinNumber = pinNumber;
            _log = log;
            _pin = controller.OpenPin(pinNumber, PinMode.Output);
            _pin.Write(initialHigh ? PinValue.High : PinValue.Low);
        }

        /// <inheritdoc />
        public void Write(bool high)
        {
            try
            {
                _pin.Write(high ? PinValue.High : PinValue.Low);
            }
            catch (Exception ex)
            {
                // The seam promises no exceptions; an LED that fails to change is not worth a crash.
                _log.Write(LogLevel.Warning, "gpio: setting output GPIO " + _pinNumber.ToString() + (high ? " high" : " low") + " failed (" + ExceptionText.Describe(ex) + ")");
            }
        }

        /// <summary>Closes the pin.</summary>
        public void Dispose()
        {
            _pin.Dispose();
        }
    }
}
