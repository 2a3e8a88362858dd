using System.Threading;
using NanoThing.Core.Seams;

namespace NanoThing.Core.Io
{
    /// <summary>
    /// A push button on an <see cref="IDigitalInput"/>, debounced with the caller's clock. The pin driver's edge
    /// callbacks (any thread, with bounce) only count edges; the agent's loop calls <see cref="Poll"/>, which
    /// accepts a new level once the pin has been quiet and at that level for <see cref="DebounceMs"/>. A press
    /// is the debounced change to the pressed level: it is counted and <see cref="Poll"/> returns true once,
    /// which the agent turns into an immediate report request. Glitches shorter than the debounce time are
    /// ignored. Poll at least every DebounceMs / 2 so that a short press is seen (<see cref="NextPollMs"/> says when,
    /// for <see cref="SettlingMultiple"/> debounce times after the last edge). The button is the pin's one listener;
    /// whoever must hear of edges too (the agent's wake-up) is its <see cref="SetEdgeListener"/>. Allocates nothing
    /// after construction.
    /// </summary>
    public sealed class Button : IDigitalInputListener
    {
        /// <summary>The usual debounce time for a tactile switch.</summary>
        public const int DefaultDebounceMs = 50;

        /// <summary>After an edge the pin is polled closely for this many debounce times (bounces, then the new level).</summary>
        public const int SettlingMultiple = 4;

        private readonly IDigitalInput _input;
        private readonly bool _pressedLevel;
        private readonly int _debounceMs;
        private int _edges;
        private bool _lastRaw;
        private long _lastChangeMs;
        private bool _changeSeen;
        private bool _stable;
        private int _presses;
        private long _settlingUntilMs;
        private IDigitalInputListener _edgeListener;

        /// <summary>
        /// A button that reads <paramref name="pressedLevel"/> when pressed (false for the usual switch to GND with a
        /// pull-up). Starts with the pin's current level as the debounced level and attaches itself as the pin's listener.
        /// </summary>
        public Button(IDigitalInput input, bool pressedLevel, int debounceMs)
        {
            _input = input;
            _pressedLevel = pressedLevel;
            _debounceMs = debounceMs < 0 ? 0 : debounceMs;
            _stable = input.Read();
            _lastRaw = _stable;
            input.SetListener(this);
        }

        /// <summary>The debounce time in milliseconds.</summary>
        public int DebounceMs { get { return _debounceMs; } }

        /// <summary>The debounced state as of the last <see cref="Poll"/>.</summary>
        public bool IsPressed { get { return _stable == _pressedLevel; } }

        /// <summary>Debounced presses since construction (wraps at int.MaxValue to 0).</summary>
        public int PressCount { get { return _presses; } }

        /// <summary>Who else hears of every edge, after the button counted it (the agent's wake-up); null for nobody. Set before edges arrive.</summary>
        public void SetEdgeListener(IDigitalInputListener listener)
        {
            _edgeListener = listener;
        }

        /// <summary>Pin driver callback: counts the edge and passes it on to the edge listener. Never blocks, never throws.</summary>
        public void OnEdge(bool high)
        {
            Interlocked.Increment(ref _edges);
            IDigitalInputListener listener = _edgeListener;
            if (listener != null)
            {
                listener.OnEdge(high);
            }
        }

        /// <summary>
        /// When the next <see cref="Poll"/> is needed, seen from <paramref name="nowMs"/>: every half debounce time while
        /// the pin settles after an edge, otherwise <see cref="long.MaxValue"/> (no edge, nothing to debounce).
        /// </summary>
        public long NextPollMs(long nowMs)
        {
            if (nowMs >= _settlingUntilMs)
            {
                return long.MaxValue;
            }

            return nowMs + (_debounceMs / 2 < 1 ? 1 : _debounceMs / 2);
        }

        /// <summary>
        /// Samples the pin at <paramref name="nowMs"/> (monotonic). Returns true exactly once per debounced press,
        /// false otherwise (no change, still bouncing, or a release).
        /// </summary>
        public bool Poll(long nowMs)
        {
            bool edgesSeen = Interlocked.Exchange(ref _edges, 0) != 0;
            if (edgesSeen)
            {
                _settlingUntilMs = nowMs + SettlingMultiple * _debounceMs;
            }

            bool raw = _input.Read();
            if (edgesSeen || raw != _lastRaw)
            {
                _lastRaw = raw;
                _lastChangeMs = nowMs;
                _changeSeen = true;
                return false;
            }

            if (!_changeSeen || nowMs - _lastChangeMs < _debounceMs)
            {
                return false;
            }

            _changeSeen = false;
            if (raw == _stable)
            {
                return false;
            }

            _stable = raw;
            if (raw != _pressedLevel)
            {
                return false;
            }

            _presses = _presses == int.MaxValue ? 0 : _presses + 1;
            return true;
        }
    }
}
