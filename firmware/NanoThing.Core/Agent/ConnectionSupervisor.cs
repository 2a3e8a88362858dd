using System.Threading;
using NanoThing.Core.Connection;
using NanoThing.Core.Seams;

namespace NanoThing.Core.Agent
{
    /// <summary>What <see cref="ConnectionSupervisor.Poll"/> did.</summary>
    public enum ConnectionChange
    {
        /// <summary>Nothing changed: still connected, or still waiting for the backoff, or a connect was refused.</summary>
        None = 0,
        /// <summary>A connect was accepted now: the owner subscribes and reads the shadow (or calls <see cref="ConnectionSupervisor.Abandon"/>).</summary>
        Connected = 1,
        /// <summary>The connection was found lost now: the owner resets what depended on it.</summary>
        Lost = 2,
    }

    /// <summary>
    /// Keeps one MQTT connection up with the thing name as client id: connects when <see cref="ReconnectBackoff"/>
    /// allows (full jitter, 1 s base, 120 s cap, reset after 30 s connected, never two connects within 1 s), notices
    /// a lost connection (<see cref="SignalLost"/> from the session's thread, or the session no longer connected),
    /// and backs off after every failure. Driven by its owner's <see cref="Poll"/>; the only blocking call is the
    /// session's own bounded connect. Logs every failure with what to check. Not thread-safe except
    /// <see cref="SignalLost"/>.
    /// </summary>
    public sealed class ConnectionSupervisor
    {
        private readonly IMqttSession _session;
        private readonly IClock _clock;
        private readonly ILog _log;
        private readonly string _clientId;
        private readonly int _keepAliveSeconds;
        private readonly ReconnectBackoff _backoff;
        private int _lostSignal;
        private bool _connected;
        private int _attempts;
        private int _connects;

        /// <summary>A supervisor connecting <paramref name="session"/> as <paramref name="clientId"/> with <paramref name="keepAliveSeconds"/>; <paramref name="log"/> may be null.</summary>
        public ConnectionSupervisor(IMqttSession session, IClock clock, IRandom random, ILog log, string clientId, int keepAliveSeconds)
        {
            _session = session;
            _clock = clock;
            _log = log;
            _clientId = clientId;
            _keepAliveSeconds = keepAliveSeconds;
            _backoff = new ReconnectBackoff(random);
        }

        /// <summary>True from an accepted connect until it is found lost or abandoned.</summary>
        public bool IsConnected { get { return _connected; } }

        /// <summary>Connects started.</summary>
        public int Attempts { get { return _attempts; } }

        /// <summary>Connects accepted and not abandoned.</summary>
        public int Connects { get { return _connects; } }

        /// <summary>When the next connect may start (monotonic ms); meaningful while not connected.</summary>
        public long NextAttemptMs { get { return _backoff.NextAttemptMs; } }

        /// <summary>The session reported the connection lost. Any thread; never blocks.</summary>
        public void SignalLost()
        {
            Interlocked.Exchange(ref _lostSignal, 1);
        }

        /// <summary>
        /// At <paramref name="nowMs"/>: notices a lost connection, or connects when the backoff allows (blocking for
        /// the session's bounded connect). Returns what changed.
        /// </summary>
        public ConnectionChange Poll(long nowMs)
        {
            bool lost = Interlocked.Exchange(ref _lostSignal, 0) != 0;
            if (_connected)
            {
                if (!lost && _session.IsConnected)
                {
                    _backoff.OnConnectedTick(nowMs);
                    return ConnectionChange.None;
                }

                return Lose(nowMs);
            }

            return _backoff.MayConnect(nowMs) ? Connect(nowMs) : ConnectionChange.None;
        }

        // Off the steady-state path (tests/NanoThing.Surface.Tests CoreSteadyState lists them): a lost link and a
        // connect attempt log what happened; a connected tick loads no literal and allocates nothing.
        private ConnectionChange Lose(long nowMs)
        {
            _connected = false;
            int drawn = _backoff.OnDisconnected(nowMs);
            if (LogGate.IsOn(_log, LogLevel.Warning))
            {
                _log.Write(LogLevel.Warning, "connection to the broker lost; reconnecting in " + DelayText(nowMs, drawn));
            }
            return ConnectionChange.Lost;
        }

        private ConnectionChange Connect(long nowMs)
        {
            _attempts++;
            _backoff.OnConnecting(nowMs);
            MqttConnectResult result = _session.Connect(_clientId, _keepAliveSeconds);
            long now = _clock.MonotonicMilliseconds();
            if (result != MqttConnectResult.Accepted)
            {
                int drawn = _backoff.OnDisconnected(now);
                bool needsUser = result == MqttConnectResult.RefusedNotAuthorized || result == MqttConnectResult.TlsError || result == MqttConnectResult.RefusedBadCredentials;
                LogLevel level = needsUser ? LogLevel.Error : LogLevel.Warning;
                if (LogGate.IsOn(_log, level))
                {
                    _log.Write(level, "connect as '" + _clientId + "' failed: " + Problem(result) + "; retrying in " + DelayText(now, drawn));
                }
                return ConnectionChange.None;
            }

            // A loss signalled before this connect belongs to the previous connection.
            Interlocked.Exchange(ref _lostSignal, 0);
            _backoff.OnConnected(now);
            _connected = true;
            _connects++;
            if (LogGate.IsOn(_log, LogLevel.Info))
            {
                _log.Write(LogLevel.Info, "connected as '" + _clientId + "' (attempt " + _attempts.ToString() + ")");
            }
            return ConnectionChange.Connected;
        }

        /// <summary>The owner could not use the new connection (<paramref name="why"/>): disconnects and backs off.</summary>
        public void Abandon(string why)
        {
            if (!_connected)
            {
                return;
            }

            long now = _clock.MonotonicMilliseconds();
            _connected = false;
            _connects--;
            _session.Disconnect();
            int drawn = _backoff.OnDisconnected(now);
            if (LogGate.IsOn(_log, LogLevel.Warning))
            {
                _log.Write(LogLevel.Warning, "disconnected: " + why + "; retrying in " + DelayText(now, drawn));
            }
        }

        private string DelayText(long nowMs, int drawn)
        {
            return (_backoff.NextAttemptMs - nowMs).ToString() + " ms (backoff drew " + drawn.ToString() + " ms)";
        }

        private static string Problem(MqttConnectResult result)
        {
            switch (result)
            {
                case MqttConnectResult.RefusedProtocolVersion: return "the broker refused MQTT 3.1.1 (CONNACK 1)";
                case MqttConnectResult.RefusedIdentifier: return "the broker refused the client id (CONNACK 2); check thingName in the device config";
                case MqttConnectResult.RefusedServerUnavailable: return "the broker is unavailable (CONNACK 3)";
                case MqttConnectResult.RefusedBadCredentials: return "bad credentials (CONNACK 4)";
                case MqttConnectResult.RefusedNotAuthorized: return "not authorised (CONNACK 5); check that the policy attached to the certificate allows iot:Connect for this client id (nanothing policy, nanothing check)";
                case MqttConnectResult.NetworkError: return "the endpoint could not be resolved or reached; check endpoint and port in the device config and the network";
                case MqttConnectResult.TlsError: return "the TLS handshake failed; check the device certificate and the root CA in flash (nanothing check)";
                case MqttConnectResult.Timeout: return "no CONNACK within the connect timeout";
                default: return "error " + ((int)result).ToString();
            }
        }
    }
}
