using System;
using System.Device.Gpio;
using NanoThing.Core.Seams;

namespace NanoThing.Adapters
{
    /// <summary>
    /// <see cref="IDigitalInput"/> over a System.Device.Gpio pin opened as an input (with the internal pull-up
    /// for a button to ground, or floating). <see cref="Read"/> samples the pin and does not block. Edges come
    /// from GpioPin.ValueChanged on the GPIO driver's event thread and are passed on raw (Core debounces); the
    /// listener must return quickly. An exception from the listener is logged and not rethrown, so that it cannot stop
    /// the driver's event dispatch.
    /// </summary>
    public sealed class GpioInput : IDigitalInput, IDisposable
    {
        private readonly GpioPin _pin;
        private readonly int _pinNumber;
        private readonly ILog _log;
        private IDigitalInputListener _listener;

        /// <summary>
        /// Opens <paramref name="pinNumber"/> on <paramref name="controller"/> as an input, with the internal
        /// pull-up when <paramref name="pullUp"/> is true. Throws (from the GPIO driver) when the pin does not
        /// exist or is already open: a configuration error found at boot. Listener failures go to <paramref name="log"/>.
        /// </summary>
        public GpioInput(GpioController controller, int pinNumber, bool pullUp, ILog log)
        {
            _pinNumber = pinNumber;
            _log = log;
            _pin = controller.OpenPin(pinNumber, pullUp ? PinMode.InputPullUp : PinMode.Input);
            _pin.ValueChanged += OnValueChanged;
        }

        /// <inheritdoc />
        public bool Read()
        {
            return _pin.Read() == PinValue.High;
        }

        /// <inheritdoc />
        public void SetListener(IDigitalInputListener listener)
        {
            _listener = listener;
        }

        /// <summary>Detaches the event handler and closes the pin.</summary>
        public void Dispose()
        {
            _listener = null;
            _pin.ValueChanged -= OnValueChanged;
            _pin.Dispose();
        }

        private void OnValueChanged(object sender, PinValueChangedEventArgs e)
        {
            IDigitalInputListener listener = _listener;
            if (listener == null)
            {
                return;
            }

            try
            {
                listener.OnEdge(e.ChangeType == PinEventTypes.Rising);
            }
            catch (Exception ex)
            {
                // The seam forbids listeners to throw; if one does, losing this edge beats losing the driver thread.
                _log.Write(LogLevel.Error, "gpio: the listener of input GPIO " + _pinNumber.ToString() + " threw (" + ExceptionText.Describe(ex) + "); edge dropped");
            }
        }
    }
}
