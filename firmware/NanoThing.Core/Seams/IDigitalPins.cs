namespace NanoThing.Core.Seams
{
    /// <summary>A digital input (a button). Device: GpioPin with ValueChanged. PC: a simulated pin.</summary>
    public interface IDigitalInput
    {
        /// <summary>The current level: true = high. Does not block.</summary>
        bool Read();

        /// <summary>Sets the receiver of level changes (null to detach). Callbacks come on the pin driver's thread, possibly with bounce.</summary>
        void SetListener(IDigitalInputListener listener);
    }

    /// <summary>Receives edges from an <see cref="IDigitalInput"/>. Must return quickly and never throw.</summary>
    public interface IDigitalInputListener
    {
        /// <summary>The pin changed to <paramref name="high"/>. Raw: not debounced.</summary>
        void OnEdge(bool high);
    }

    /// <summary>A digital output (an LED). Device: GpioPin in Output mode. PC: a simulated pin.</summary>
    public interface IDigitalOutput
    {
        /// <summary>Drives the pin: true = high. Does not block; never throws.</summary>
        void Write(bool high);
    }
}
