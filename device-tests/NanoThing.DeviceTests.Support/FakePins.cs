using NanoThing.Core.Seams;

namespace NanoThing.DeviceTests.Support
{
    /// <summary>A digital input whose level the test sets; every change calls the listener, as a GPIO edge would.</summary>
    public sealed class FakeDigitalInput : IDigitalInput
    {
        public bool Level;
        public IDigitalInputListener Listener;

        public FakeDigitalInput(bool level)
        {
            Level = level;
        }

        public bool Read()
        {
            return Level;
        }

        public void SetListener(IDigitalInputListener listener)
        {
            Listener = listener;
        }

        /// <summary>Drives the pin to <paramref name="level"/>, raising an edge when it changes.</summary>
        public void Set(bool level)
        {
            if (level != Level)
            {
                Level = level;
                if (Listener != null)
                {
                    Listener.OnEdge(level);
                }
            }
        }
    }

    /// <summary>A digital output that records what was written.</summary>
    public sealed class FakeDigitalOutput : IDigitalOutput
    {
        public bool Level;
        public int Writes;

        public void Write(bool high)
        {
            Level = high;
            Writes++;
        }
    }
}
