using NanoThing.Core.Seams;

namespace NanoThing.Core.Io
{
    /// <summary>
    /// An LED on an <see cref="IDigitalOutput"/>, driven by the desired state (<c>led</c>). Remembers what it was
    /// told, so the reported state says what the pin shows. Starts off. Allocates nothing.
    /// </summary>
    public sealed class Led
    {
        private readonly IDigitalOutput _output;
        private readonly bool _onLevel;
        private bool _on;

        /// <summary>An LED that lights when the pin is at <paramref name="onLevel"/> (true: wired to GND through a resistor). Drives it off now.</summary>
        public Led(IDigitalOutput output, bool onLevel)
        {
            _output = output;
            _onLevel = onLevel;
            _output.Write(!_onLevel);
        }

        /// <summary>True when the LED was last switched on.</summary>
        public bool IsOn { get { return _on; } }

        /// <summary>Switches the LED; writes the pin every time (cheap, and repairs a pin changed behind our back).</summary>
        public void Set(bool on)
        {
            _on = on;
            _output.Write(on ? _onLevel : !_onLevel);
        }
    }
}
