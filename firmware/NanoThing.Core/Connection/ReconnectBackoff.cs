using NanoThing.Core.Seams;

namespace NanoThing.Core.Connection
{
    /// <summary>
    /// When the next MQTT connect may start: exponential backoff with full jitter, with AWS's own defaults
    /// (AWS CRT MQTT5 client: 1 s minimum, 120 s maximum, back to the minimum after 30 s of stable connection;
    /// FreeRTOS backoffAlgorithm "full jitter": the delay is uniform in [0, window], the window doubles per
    /// failed attempt up to the cap). Independently of the backoff, two connects with one client id never start
    /// within <see cref="MinConnectSpacingMs"/> (AWS IoT allows one CONNECT per second per client id).
    /// <para>
    /// Usage by the connection supervisor, every tick: when not connected and <see cref="MayConnect"/>, call
    /// <see cref="OnConnecting"/>, connect, then <see cref="OnConnected"/> or <see cref="OnDisconnected"/>; on a
    /// lost connection call <see cref="OnDisconnected"/>. Pure logic over the caller's monotonic milliseconds and
    /// the <see cref="IRandom"/> seam; no allocation, no waiting. Not thread-safe.
    /// </para>
    /// </summary>
    public sealed class ReconnectBackoff
    {
        /// <summary>The first window (attempt 0): 1 s.</summary>
        public const int DefaultBaseMs = 1000;

        /// <summary>The largest window: 120 s.</summary>
        public const int DefaultCapMs = 120000;

        /// <summary>A connection that lasted this long resets the attempt count: 30 s.</summary>
        public const int DefaultStableMs = 30000;

        /// <summary>Least time between the starts of two connects (one per second per client id).</summary>
        public const int MinConnectSpacingMs = 1000;

        private readonly IRandom _random;
        private readonly int _baseMs;
        private readonly int _capMs;
        private readonly int _stableMs;
        private int _attempt;
        private bool _connected;
        private long _connectedAtMs;
        private bool _everConnecting;
        private long _lastConnectStartMs;
        private long _nextAttemptMs;
        private int _lastDelayMs;

        /// <summary>A backoff with AWS's defaults (1 s, 120 s, 30 s).</summary>
        public ReconnectBackoff(IRandom random) : this(random, DefaultBaseMs, DefaultCapMs, DefaultStableMs)
        {
        }

        /// <summary>A backoff with the given base window, cap and stable time (all in ms; base at least 1, cap at least base).</summary>
        public ReconnectBackoff(IRandom random, int baseMs, int capMs, int stableMs)
        {
            _random = random;
            _baseMs = baseMs < 1 ? 1 : baseMs;
            _capMs = capMs < _baseMs ? _baseMs : capMs;
            _stableMs = stableMs;
        }

        /// <summary>Consecutive failed or short-lived connections since the last reset (0 at the start).</summary>
        public int Attempt { get { return _attempt; } }

        /// <summary>The earliest monotonic time at which the next connect may start.</summary>
        public long NextAttemptMs { get { return _nextAttemptMs; } }

        /// <summary>The jittered delay chosen by the last <see cref="OnDisconnected"/>, in ms.</summary>
        public int LastDelayMs { get { return _lastDelayMs; } }

        /// <summary>The jitter window of the current attempt: min(cap, base * 2^attempt), in ms.</summary>
        public int WindowMs
        {
            get
            {
                int window = _baseMs;
                for (int i = 0; i < _attempt && window < _capMs; i++)
                {
                    window = window > _capMs / 2 ? _capMs : window * 2;
                }

                return window < _capMs ? window : _capMs;
            }
        }

        /// <summary>True when a connect may start at <paramref name="nowMs"/>: not connected, the backoff delay has passed and the last connect started at least 1 s ago.</summary>
        public bool MayConnect(long nowMs)
        {
            return !_connected && nowMs >= _nextAttemptMs;
        }

        /// <summary>A connect starts at <paramref name="nowMs"/>: no other may start within <see cref="MinConnectSpacingMs"/>.</summary>
        public void OnConnecting(long nowMs)
        {
            _everConnecting = true;
            _lastConnectStartMs = nowMs;
            long spaced = nowMs + MinConnectSpacingMs;
            if (_nextAttemptMs < spaced)
            {
                _nextAttemptMs = spaced;
            }
        }

        /// <summary>The broker accepted the connection at <paramref name="nowMs"/>. The attempt count is kept until the connection has been stable for the stable time.</summary>
        public void OnConnected(long nowMs)
        {
            _connected = true;
            _connectedAtMs = nowMs;
        }

        /// <summary>
        /// Call when the connection is up, at least once per stable time (e.g. every tick): resets the attempt count
        /// once the connection has lasted the stable time. Returns true when it did so now.
        /// </summary>
        public bool OnConnectedTick(long nowMs)
        {
            if (_connected && _attempt != 0 && nowMs - _connectedAtMs >= _stableMs)
            {
                _attempt = 0;
                return true;
            }

            return false;
        }

        /// <summary>
        /// A connect failed, or the connection was lost, at <paramref name="nowMs"/>. Resets the attempt count when the
        /// connection had lasted the stable time, draws the delay uniformly in [0, <see cref="WindowMs"/>], sets
        /// <see cref="NextAttemptMs"/> (never less than 1 s after the last connect started), then counts the attempt.
        /// Returns the delay drawn, in ms.
        /// </summary>
        public int OnDisconnected(long nowMs)
        {
            OnConnectedTick(nowMs);
            _connected = false;
            int window = WindowMs;
            int delay = _random.Next(window + 1);
            if (delay < 0 || delay > window)
            {
                delay = window;
            }

            _lastDelayMs = delay;
            _nextAttemptMs = nowMs + delay;
            long spaced = _lastConnectStartMs + MinConnectSpacingMs;
            if (_everConnecting && _nextAttemptMs < spaced)
            {
                _nextAttemptMs = spaced;
            }

            if (_attempt < 30)
            {
                _attempt++;
            }

            return delay;
        }
    }
}
