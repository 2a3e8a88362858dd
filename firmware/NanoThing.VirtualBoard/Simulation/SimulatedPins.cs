using NanoThing.Core.Seams;

namespace NanoThing.VirtualBoard.Simulation;

/// <summary>A push button wired to ground with a pull-up: high when released, low while pressed.</summary>
public sealed class SimulatedButton : IDigitalInput
{
    private volatile IDigitalInputListener? _listener;
    private volatile bool _high = true;

    public bool Read() => _high;

    public void SetListener(IDigitalInputListener? listener) => _listener = listener;

    /// <summary>One press and release, with <paramref name="bounces"/> contact bounces on the press edge.</summary>
    public void Press(int bounces = 0)
    {
        for (int i = 0; i < bounces; i++)
        {
            Set(false);
            Set(true);
        }

        Set(false);
        Set(true);
    }

    /// <summary>
    /// Pushes the button down (with <paramref name="bounces"/> contact bounces on the edge) and keeps it down until
    /// <see cref="Release"/>. A debounced reader (Core's Button) counts the press once the pin stayed low for its
    /// debounce time; <see cref="Press"/> alone is shorter than any debounce time.
    /// </summary>
    public void PressAndHold(int bounces = 0)
    {
        for (int i = 0; i < bounces; i++)
        {
            Set(false);
            Set(true);
        }

        Set(false);
    }

    /// <summary>Lets the button go (the pull-up makes the pin high again).</summary>
    public void Release() => Set(true);

    private void Set(bool high)
    {
        _high = high;
        _listener?.OnEdge(high);
    }
}

/// <summary>An LED: remembers its level and tells who is watching when it changes.</summary>
public sealed class SimulatedLed : IDigitalOutput
{
    private volatile bool _on;

    public bool IsOn => _on;

    public event Action<bool>? Changed;

    public void Write(bool high)
    {
        bool changed = _on != high;
        _on = high;
        if (changed) Changed?.Invoke(high);
    }
}
