using NanoThing.Core.Config;
using NanoThing.Core.Desired;
using NanoThing.Core.Io;
using NanoThing.Core.Reporting;
using NanoThing.Core.Seams;
using NanoThing.Core.Sensors;
using NanoThing.Core.Shadow;
using NanoThing.Core.Telemetry;

namespace NanoThing.Core.Agent
{
    /// <summary>
    /// The thing's behaviour: Core's composition root and a scheduler over features that each own their state and are
    /// tested alone. Every <see cref="Step"/> does the work due at <see cref="IClock.MonotonicMilliseconds"/> and
    /// returns how long the owner may wait before the next one (<see cref="AgentLoop"/> is the usual owner). No
    /// threads, no sleeps; the only blocking calls are the seams' own bounded ones.
    /// <list type="bullet">
    /// <item><see cref="ConnectionSupervisor"/>: connects with the thing name as client id, with backoff; after every
    /// accepted connect the <see cref="ShadowClient"/> subscribes and GETs the shadow (a refused subscription disconnects).</item>
    /// <item><see cref="SessionBridge"/>: the session's and the button's callbacks (other threads), the inbox, the wake-up.</item>
    /// <item><see cref="DesiredStateHandler"/>: the desired state applied, the LED, errors reported back.</item>
    /// <item><see cref="SensorSampler"/> and the <see cref="Button"/>: measurements and presses for the
    /// <see cref="ReportingPolicy"/>; <see cref="ShadowReporter"/>: the report transaction.</item>
    /// <item><see cref="TelemetryFeature"/> (optional): a record per sample; it publishes only while the reporter is quiet.</item>
    /// </list>
    /// <see cref="Step"/> must be called from one thread. Nothing here throws for network, protocol, sensor or input failures.
    /// </summary>
    public sealed class ThingAgent
    {
        /// <summary>The longest time <see cref="Step"/> asks to wait: the shadow client's time-outs and the report intervals are checked at least this often.</summary>
        public const int MaxWaitMs = 1000;

        private readonly string _thingName;
        private readonly IClock _clock;
        private readonly ConnectionSupervisor _connection;
        private readonly ShadowClient _shadow;
        private readonly ReportingPolicy _policy;
        private readonly DesiredStateHandler _desired;
        private readonly ShadowReporter _reporter;
        private readonly SensorSampler _sampler;
        private readonly Button _button;
        private readonly SessionBridge _bridge;
        private readonly TelemetryFeature _telemetry;

        /// <summary>
        /// An agent for the thing described by <paramref name="config"/> (its <see cref="DeviceConfig.Settings"/> become
        /// the live settings that the desired state changes). <paramref name="button"/> and <paramref name="led"/> may be
        /// null (none fitted); <paramref name="log"/> may be null. Becomes the session's listener and the button's edge
        /// listener, drives the LED off and restores telemetry's buffer. Connects on the first <see cref="Step"/>.
        /// </summary>
        public ThingAgent(DeviceConfig config, IMqttSession session, II2cBus i2c, IDigitalInput button, IDigitalOutput led, IClock clock, IRandom random, ILog log, ThingAgentOptions options)
        {
            ThingAgentOptions o = options == null ? new ThingAgentOptions() : options;
            DeviceSettings settings = config.Settings;
            _thingName = config.ThingName;
            _clock = clock;
            _connection = new ConnectionSupervisor(session, clock, random, log, _thingName, o.KeepAliveSeconds);
            ShadowClientOptions shadowOptions = o.Shadow == null ? new ShadowClientOptions() : o.Shadow;
            shadowOptions.ShadowName = config.ShadowName;
            ShadowRouter router = new ShadowRouter();
            _shadow = new ShadowClient(session, clock, random, log, router, _thingName, shadowOptions);
            _policy = new ReportingPolicy(settings, o.FirmwareVersion, clock.MonotonicMilliseconds());
            _policy.ResetReason = o.ResetReason;
            _telemetry = o.Telemetry;
            if (_telemetry != null)
            {
                _telemetry.Restore();
            }

            _sampler = new SensorSampler(new Bme280(i2c, config.SensorAddress), _policy, log);
            _bridge = new SessionBridge(_shadow, _connection, log, _thingName, o.InboxCapacityBytes, o.InboxMaxMessages);
            if (button != null)
            {
                _button = new Button(button, !config.ButtonActiveLow, Button.DefaultDebounceMs);
                _button.SetEdgeListener(_bridge);
            }

            _desired = new DesiredStateHandler(new DesiredState(settings), led == null ? null : new Led(led, config.LedActiveHigh), log);
            _reporter = new ShadowReporter(_shadow, _policy, settings, o.MemoryGauge, Sections(_telemetry, _desired), clock, log);
            router.Route(_desired, _reporter);
            session.SetListener(_bridge);
        }

        /// <summary>Who to wake when a message, a lost connection or a button edge arrives (null for nobody: the owner then relies on the returned wait).</summary>
        public void SetWakeSignal(IWakeSignal wake)
        {
            _bridge.SetWakeSignal(wake);
        }

        /// <summary>True while the agent holds an accepted MQTT connection.</summary>
        public bool IsConnected { get { return _connection.IsConnected; } }

        /// <summary>Connects started since construction.</summary>
        public int ConnectAttempts { get { return _connection.Attempts; } }

        /// <summary>Connects accepted by the broker (with the shadow topics subscribed) since construction.</summary>
        public int Connects { get { return _connection.Connects; } }

        /// <summary>Incoming messages dropped (<see cref="SessionBridge.DroppedMessages"/>).</summary>
        public int DroppedMessages { get { return _bridge.DroppedMessages; } }

        /// <summary>Reports accepted by the shadow service (update/accepted with their clientToken).</summary>
        public int ReportsAccepted { get { return _reporter.Accepted; } }

        /// <summary>Reports refused for good or failed after the shadow client's own retries.</summary>
        public int ReportsRejected { get { return _reporter.Rejected; } }

        /// <summary>The button's debounced press count (0 without a button).</summary>
        public int ButtonPresses { get { return _button == null ? 0 : _button.PressCount; } }

        /// <summary>The desired-state table (for diagnostics: its errors and settings).</summary>
        public DesiredState Desired { get { return _desired.State; } }

        /// <summary>Telemetry, or null when the options gave none.</summary>
        public TelemetryFeature Telemetry { get { return _telemetry; } }

        /// <summary>The inbox between the session's thread and <see cref="Step"/>.</summary>
        public MessageInbox Inbox { get { return _bridge.Inbox; } }

        /// <summary>Before an orderly restart (an update, a command): writes what telemetry holds in memory to its buffer, so no record is lost.</summary>
        public void PrepareForRestart()
        {
            if (_telemetry != null)
            {
                _telemetry.Flush();
            }
        }

        /// <summary>
        /// Does everything due now, in this order: received messages, the connection (may connect, which blocks for the
        /// session's bounded connect), the button, the measurement, the report, the shadow client's sends and time-outs,
        /// telemetry. Returns the milliseconds until the next step is needed (0 to <see cref="MaxWaitMs"/>); the owner
        /// may call earlier, e.g. when woken.
        /// </summary>
        public int Step()
        {
            long now = _clock.MonotonicMilliseconds();
            _bridge.Process(now);
            Supervise(now);
            now = _clock.MonotonicMilliseconds();
            if (_button != null && _button.Poll(now))
            {
                _policy.OnButtonPressed(_button.PressCount);
            }

            if (_sampler.Poll(now))
            {
                _policy.OnSample(_sampler.Reading);
                if (_telemetry != null)
                {
                    _telemetry.Sample(_sampler.Reading, now);
                }
            }

            bool connected = _connection.IsConnected;
            if (connected)
            {
                if (_desired.Poll(now))
                {
                    _shadow.Get();
                }

                _reporter.Poll(now, _sampler.IsMeasuring);
                _shadow.Poll();
            }

            if (_telemetry != null)
            {
                _telemetry.Step(now, connected, connected && _reporter.IsQuiet);
            }

            return NextWait(_clock.MonotonicMilliseconds());
        }

        private void Supervise(long now)
        {
            ConnectionChange change = _connection.Poll(now);
            if (change == ConnectionChange.Lost)
            {
                _shadow.OnConnectionLost();
            }
            else if (change == ConnectionChange.Connected)
            {
                OnLinkUp();
            }
        }

        // Off the steady-state path (CoreSteadyState lists it): once per accepted connect.
        private void OnLinkUp()
        {
            _reporter.OnConnected();
            if (!_shadow.OnConnected())
            {
                _connection.Abandon("the shadow topics of thing '" + _thingName + "' could not be subscribed");
            }
        }

        private int NextWait(long now)
        {
            long next = now + MaxWaitMs;
            bool connected = _connection.IsConnected;
            next = Earlier(next, connected ? long.MaxValue : _connection.NextAttemptMs);
            next = Earlier(next, _sampler.NextPollMs(now));
            next = Earlier(next, _button == null ? long.MaxValue : _button.NextPollMs(now));
            next = Earlier(next, connected ? _reporter.NextReportMs(now) : long.MaxValue);
            long wait = next - now;
            return wait < 0 ? 0 : (int)wait;
        }

        private static long Earlier(long a, long b)
        {
            return b < a ? b : a;
        }

        private static IReportSection[] Sections(TelemetryFeature telemetry, DesiredStateHandler desired)
        {
            if (telemetry == null)
            {
                return new IReportSection[] { desired };
            }

            return new IReportSection[] { new TelemetryReportSection(telemetry), desired };
        }
    }
}
