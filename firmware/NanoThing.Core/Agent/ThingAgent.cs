using System.Threading;
using NanoThing.Core.Config;
using NanoThing.Core.Desired;
using NanoThing.Core.Io;
using NanoThing.Core.Json;
using NanoThing.Core.Reporting;
using NanoThing.Core.Seams;
using NanoThing.Core.Sensors;
using NanoThing.Core.Shadow;
using NanoThing.Core.Telemetry;

namespace NanoThing.Core.Agent
{
    /// <summary>
    /// The thing's whole behaviour, composed from Core's parts over the seams, and driven by its owner: every
    /// <see cref="Step"/> does all the work due at <see cref="IClock.MonotonicMilliseconds"/> and returns how long
    /// the owner may wait before the next one. No threads, no sleeps; the only blocking calls are the seams' own
    /// bounded ones (connect, subscribe, publish, I2C transfers). <see cref="AgentLoop"/> is the usual owner.
    /// <list type="bullet">
    /// <item>Connection: <see cref="ConnectionSupervisor"/> connects with the thing name as client id, with backoff;
    /// after every accepted connect the <see cref="ShadowClient"/> subscribes to its reply topics and GETs the shadow;
    /// a refused subscription disconnects and backs off.</item>
    /// <item>Incoming messages arrive on the session's thread (<see cref="IMqttListener"/>): they are copied into a
    /// bounded <see cref="MessageInbox"/> (dropped and counted when full, never blocking that thread) and processed
    /// by the next step. After a drop the shadow is read again (GET), so a lost delta is never lost for good.</item>
    /// <item>Desired state: deltas (update/delta, and the delta of every get/accepted) go to <see cref="DesiredState"/>;
    /// the LED follows <c>led</c>; applied values and the <c>errors</c> object are reported back so the delta clears.</item>
    /// <item>Reporting: the BME280 is sampled on the <see cref="ReportingPolicy"/>'s interval (a fault is reported as
    /// a fault); a button press is reported at once with its count; the first report after each connect carries
    /// everything (values, settings, firmware version, uptime counted from the agent's construction, reset reason). One update in flight at a time; a report
    /// counts only on update/accepted, so whatever a disconnect or a rejection loses is sent again with the latest
    /// values. A report refused for good (400/413: bad or too large) drops the cloud-supplied error names it carried
    /// and waits for the report interval, so it never loops.</item>
    /// </list>
    /// <see cref="Step"/> must be called from one thread; only the <see cref="IMqttListener"/> and pin callbacks come
    /// from others. Nothing here throws for network, protocol, sensor or input failures.
    /// </summary>
    public sealed class ThingAgent
    {
        /// <summary>The longest time <see cref="Step"/> asks to wait: the shadow client's time-outs and the report intervals are checked at least this often.</summary>
        public const int MaxWaitMs = 1000;

        /// <summary>How often a measurement in progress is polled.</summary>
        public const int MeasurementPollMs = 5;

        /// <summary>Least time between two GETs sent because the inbox dropped messages (a lost delta is recovered; a flood is not fed).</summary>
        public const int DropRegetSpacingMs = 10000;

        /// <summary>Pause of reports after the shadow client gave up on one for a passing reason (time-outs, 409, 429, 5xx after its retries).</summary>
        public const int TransientFailureHoldMs = 30000;

        /// <summary>The reported member counting telemetry records dropped unsent because the buffer on flash was full.</summary>
        private static readonly string TelemetryDroppedName = "telemetryDropped";

        private readonly string _thingName;
        private readonly IClock _clock;
        private readonly ILog _log;
        private readonly DeviceSettings _settings;
        private readonly ConnectionSupervisor _connection;
        private readonly ShadowClient _shadow;
        private readonly DesiredState _desired;
        private readonly ReportingPolicy _policy;
        private readonly Bme280 _sensor;
        private readonly Bme280Reading _reading = new Bme280Reading();
        private readonly Button _button;
        private readonly Led _led;
        private readonly MessageInbox _inbox;
        private readonly Callbacks _callbacks;
        private readonly JsonReader _nothing = new JsonReader(1, 0);
        private readonly IMemoryGauge _memory;
        private readonly TelemetryFeature _telemetry;
        private IWakeSignal _wake;
        private bool _desiredRestored;

        private int _droppedSignal;
        private int _oversizeSignal;
        private bool _regetPending;
        private bool _everRegot;
        private long _lastRegetMs;
        private int _edgeSignal;
        private int _dropped;
        private bool _measuring;
        private long _sampleStartMs;
        private long _buttonSettlingUntilMs;
        private bool _settingsFullPending = true;
        private bool _sentSettingsFull;
        private long _lastReportMs;
        private bool _reportHeld;
        private long _reportHeldUntilMs;
        private int _reportsAccepted;
        private int _reportsRejected;

        /// <summary>
        /// An agent for the thing described by <paramref name="config"/> (its <see cref="DeviceConfig.Settings"/> become
        /// the live settings that the desired state changes). <paramref name="button"/> and <paramref name="led"/> may be
        /// null (none fitted); <paramref name="log"/> may be null. Sets itself as the session's and the button pin's
        /// listener and drives the LED off. Connects on the first <see cref="Step"/>.
        /// </summary>
        public ThingAgent(DeviceConfig config, IMqttSession session, II2cBus i2c, IDigitalInput button, IDigitalOutput led, IClock clock, IRandom random, ILog log, ThingAgentOptions options)
        {
            ThingAgentOptions o = options == null ? new ThingAgentOptions() : options;
            _thingName = config.ThingName;
            _clock = clock;
            _log = log;
            _settings = config.Settings;
            _connection = new ConnectionSupervisor(session, clock, random, log, _thingName, o.KeepAliveSeconds);
            _callbacks = new Callbacks(this);
            ShadowClientOptions shadowOptions = o.Shadow == null ? new ShadowClientOptions() : o.Shadow;
            shadowOptions.ShadowName = config.ShadowName;
            _shadow = new ShadowClient(session, clock, random, log, _callbacks, _thingName, shadowOptions);
            _desired = new DesiredState(_settings);
            _policy = new ReportingPolicy(_settings, o.FirmwareVersion, clock.MonotonicMilliseconds());
            _policy.ResetReason = o.ResetReason;
            _memory = o.MemoryGauge;
            _telemetry = o.Telemetry;
            if (_telemetry != null)
            {
                _telemetry.Restore();
            }
            _sensor = new Bme280(i2c, config.SensorAddress);
            _inbox = new MessageInbox(o.InboxCapacityBytes, o.InboxMaxMessages);
            if (button != null)
            {
                _button = new Button(button, !config.ButtonActiveLow, Button.DefaultDebounceMs);
                button.SetListener(_callbacks);
            }

            if (led != null)
            {
                _led = new Led(led, config.LedActiveHigh);
            }

            session.SetListener(_callbacks);
        }

        /// <summary>Who to wake when a message, a lost connection or a button edge arrives (null for nobody: the owner then relies on the returned wait).</summary>
        public void SetWakeSignal(IWakeSignal wake)
        {
            _wake = wake;
        }

        /// <summary>True while the agent holds an accepted MQTT connection.</summary>
        public bool IsConnected { get { return _connection.IsConnected; } }

        /// <summary>Connects started since construction.</summary>
        public int ConnectAttempts { get { return _connection.Attempts; } }

        /// <summary>Connects accepted by the broker (with the shadow topics subscribed) since construction.</summary>
        public int Connects { get { return _connection.Connects; } }

        /// <summary>Incoming messages dropped because the inbox was full (then the shadow is read again, at most every <see cref="DropRegetSpacingMs"/>) or because one was larger than the inbox (logged as an error).</summary>
        public int DroppedMessages { get { return _dropped; } }

        /// <summary>Reports accepted by the shadow service (update/accepted with their clientToken).</summary>
        public int ReportsAccepted { get { return _reportsAccepted; } }

        /// <summary>Reports refused for good (any code after the shadow client's own retries).</summary>
        public int ReportsRejected { get { return _reportsRejected; } }

        /// <summary>The button's debounced press count (0 without a button).</summary>
        public int ButtonPresses { get { return _button == null ? 0 : _button.PressCount; } }

        /// <summary>The desired-state table (for diagnostics: its errors and settings).</summary>
        public DesiredState Desired { get { return _desired; } }

        /// <summary>Telemetry, or null when the options gave none.</summary>
        public TelemetryFeature Telemetry { get { return _telemetry; } }

        /// <summary>Before an orderly restart (an update, a command): writes what telemetry holds in memory to its buffer, so no record is lost.</summary>
        public void PrepareForRestart()
        {
            if (_telemetry != null)
            {
                _telemetry.Flush();
            }
        }

        /// <summary>The inbox between the session's thread and <see cref="Step"/> (its size is the agent's whole buffer for incoming messages).</summary>
        public MessageInbox Inbox { get { return _inbox; } }

        /// <summary>
        /// Does everything due now: processes received messages, supervises the connection (may connect, which blocks
        /// for the session's bounded connect), debounces the button, advances the measurement, queues a report when
        /// due and lets the shadow client send. Returns the milliseconds until the next step is needed (0 to
        /// <see cref="MaxWaitMs"/>); the owner may call earlier, e.g. when woken.
        /// </summary>
        public int Step()
        {
            long now = _clock.MonotonicMilliseconds();
            ProcessInbox(now);
            Supervise(now);
            now = _clock.MonotonicMilliseconds();
            PollButton(now);
            Measure(now);
            if (_connection.IsConnected)
            {
                QueueReport(now);
                _shadow.Poll();
            }

            if (_telemetry != null)
            {
                // Telemetry publishes only after the full report of this link was accepted and while no shadow request
                // waits: the shadow's traffic is never held behind a backlog.
                bool connected = _connection.IsConnected;
                _telemetry.Step(now, connected, connected && !_settingsFullPending && _shadow.IsReady && !_shadow.IsUpdatePending);
            }

            return NextWait(_clock.MonotonicMilliseconds());
        }

        private void ProcessInbox(long now)
        {
            int budget = _inbox.MaxMessages;
            string topic;
            int offset;
            int length;
            while (budget-- > 0 && _inbox.TryPeek(out topic, out offset, out length))
            {
                if (!_shadow.OnMessage(topic, _inbox.Buffer, offset, length))
                {
                    IgnoreForeignTopic(topic);
                }

                _inbox.RemoveFirst();
            }

            int oversize = Interlocked.Exchange(ref _oversizeSignal, 0);
            if (oversize > 0)
            {
                DropOversize(oversize);
            }

            int dropped = Interlocked.Exchange(ref _droppedSignal, 0);
            if (dropped > 0)
            {
                DropOverflow(dropped);
            }

            if (_regetPending && _connection.IsConnected && (!_everRegot || now - _lastRegetMs >= DropRegetSpacingMs))
            {
                _regetPending = false;
                _everRegot = true;
                _lastRegetMs = now;
                _shadow.Get();
            }
        }

        // The methods from here to Supervise are off the steady-state path (tests/NanoThing.Surface.Tests
        // CoreSteadyState lists them): a foreign topic, a drop, a new link. They build log lines; that path does not.
        private void IgnoreForeignTopic(string topic)
        {
            Log(LogLevel.Debug, "ignored a message on " + topic + ": not a shadow reply topic of thing '" + _thingName + "'");
        }

        private void DropOversize(int oversize)
        {
            // Reading the shadow again would bring the same oversized document: say what to change instead.
            _dropped += oversize;
            Log(LogLevel.Error, "dropped " + oversize.ToString() + " incoming message(s) larger than the inbox (" + _inbox.CapacityBytes.ToString() + " bytes); keep the shadow document smaller or raise ThingAgentOptions.InboxCapacityBytes");
        }

        private void DropOverflow(int dropped)
        {
            _dropped += dropped;
            _regetPending = true;
            Log(LogLevel.Warning, "dropped " + dropped.ToString() + " incoming message(s): the inbox (" + _inbox.MaxMessages.ToString() + " messages, " + _inbox.CapacityBytes.ToString() + " bytes) was full; reading the shadow again");
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

        private void OnLinkUp()
        {
            _policy.OnConnected();
            _settingsFullPending = true;
            _reportHeld = false;
            if (!_shadow.OnConnected())
            {
                _connection.Abandon("the shadow topics of thing '" + _thingName + "' could not be subscribed");
            }
        }

        private void PollButton(long now)
        {
            if (_button == null)
            {
                return;
            }

            if (Interlocked.Exchange(ref _edgeSignal, 0) != 0)
            {
                _buttonSettlingUntilMs = now + 4 * _button.DebounceMs;
            }

            if (_button.Poll(now))
            {
                _policy.OnButtonPressed(_button.PressCount);
            }
        }

        private void Measure(long now)
        {
            if (!_measuring && _policy.IsSampleDue(now))
            {
                _policy.OnSampleStarted(now);
                _sampleStartMs = now;
                _sensor.Start(now);
                _measuring = true;
            }

            if (!_measuring)
            {
                return;
            }

            SensorStatus status = _sensor.TryComplete(now, _reading);
            if (status == SensorStatus.Busy)
            {
                return;
            }

            _measuring = false;
            if (SensorStatusNames.IsFault(status))
            {
                LogSensorFault(status);
            }

            _policy.OnSample(_reading);
            if (_telemetry != null)
            {
                _telemetry.Sample(_reading, now);
            }
        }

        private void LogSensorFault(SensorStatus status)
        {
            Log(LogLevel.Warning, "sensor bme280 (I2C address " + (_sensor.Address == 0 ? "auto" : _sensor.Address.ToString()) + "): " + SensorStatusNames.Of(status) + "; reported as a fault");
        }

        private void QueueReport(long now)
        {
            if (_reportHeld && now - _reportHeldUntilMs < 0)
            {
                return;
            }

            _reportHeld = false;
            // A measurement in progress ends within Bme280.MeasurementTimeoutMs: wait for it, so the report carries it.
            if (_measuring || !_shadow.IsReady || _shadow.IsUpdatePending || !IsReportWanted(now))
            {
                return;
            }

            _shadow.Update(_callbacks);
        }

        private bool IsReportWanted(long now)
        {
            return _policy.IsReportDue(now) || (_policy.MayReport(now) && (_desired.HasPendingReport || _settingsFullPending));
        }

        private int NextWait(long now)
        {
            long next = now + MaxWaitMs;
            if (!_connection.IsConnected && _connection.NextAttemptMs < next)
            {
                next = _connection.NextAttemptMs;
            }

            long sampleAt = _measuring ? now + MeasurementPollMs : _sampleStartMs + _settings.SampleIntervalMs;
            if (sampleAt < next)
            {
                next = sampleAt;
            }

            if (_button != null && now < _buttonSettlingUntilMs)
            {
                long poll = now + (_button.DebounceMs / 2 < 1 ? 1 : _button.DebounceMs / 2);
                if (poll < next)
                {
                    next = poll;
                }
            }

            if (_connection.IsConnected && _shadow.IsReady && !_shadow.IsUpdatePending)
            {
                // A report held back by the minimum interval (or a hold) is due when that ends: wake for it then.
                long reportAt = _lastReportMs + _settings.MinReportIntervalMs;
                if (_reportHeld && _reportHeldUntilMs > reportAt)
                {
                    reportAt = _reportHeldUntilMs;
                }

                if (reportAt > now && reportAt < next && IsReportWanted(reportAt))
                {
                    next = reportAt;
                }
            }

            long wait = next - now;
            return wait < 0 ? 0 : (int)wait;
        }

        private void WriteReported(JsonWriter writer)
        {
            long now = _clock.MonotonicMilliseconds();
            if (_memory != null && _policy.IsEverythingDue(now))
            {
                _policy.FreeMemoryBytes = _memory.FreeManagedBytes();
            }

            _policy.WriteReport(now, writer);
            if (_telemetry != null)
            {
                writer.Property(TelemetryDroppedName, _telemetry.Dropped);
            }

            _sentSettingsFull = _settingsFullPending;
            if (_sentSettingsFull)
            {
                _desired.WriteAll(writer);
            }
            else
            {
                _desired.WritePending(writer);
            }

            _lastReportMs = now;
        }

        private void OnGetAccepted(JsonReader reader, int desired, int reported, int delta)
        {
            _desired.NoteReportedErrors(reader, reader.FindMember(reported, DesiredState.ErrorsName));
            if (!_desiredRestored && desired >= 0)
            {
                // Settings live in RAM only: after a restart the shadow's desired state is the cloud's intent even
                // where the (pre-restart) reported state already matches it and AWS sends no delta. Take it whole
                // once per boot (AWS's device flow: initialise from get/accepted); later GETs apply only the delta.
                LogDesiredRestored(_desired.Apply(reader, desired));
            }

            _desiredRestored = true;
            if (delta < 0)
            {
                // Desired and reported agree: no key is in error any more.
                _desired.Apply(_nothing, -1);
                ApplyLed();
            }
        }

        private void LogDesiredRestored(int applied)
        {
            Log(LogLevel.Info, "desired state restored from the shadow: " + applied.ToString() + " key(s)");
        }

        private void OnDelta(JsonReader reader, int state)
        {
            int applied = _desired.Apply(reader, state);
            ApplyLed();
            LogDesiredApplied(applied);
        }

        // The one line a desired change logs (a person's action, not the periodic cycle): built off the delta path.
        private void LogDesiredApplied(int applied)
        {
            if (_log == null)
            {
                return; // no log, no line built: the delta then allocates nothing at all
            }

            Log(LogLevel.Info, "desired state: applied " + applied.ToString() + " key(s), " + _desired.ErrorCount.ToString() + " in error");
        }

        private void OnUpdateAccepted()
        {
            _reportsAccepted++;
            _policy.OnReportAccepted();
            _desired.OnReportAccepted();
            if (_sentSettingsFull)
            {
                _settingsFullPending = false;
            }
        }

        private void OnUpdateRejected(int code, string message)
        {
            _reportsRejected++;
            long now = _clock.MonotonicMilliseconds();
            _reportHeld = true;
            if (code == ShadowClient.CodeTimedOut || code == 409 || code == 429 || code >= 500)
            {
                _reportHeldUntilMs = now + TransientFailureHoldMs;
                Log(LogLevel.Warning, "report failed (" + code.ToString() + " " + message + "); sending the latest state again in " + (TransientFailureHoldMs / 1000).ToString() + " s");
                return;
            }

            // Refused for good (400 bad document, 413 too large, 401/403 not allowed...): never loop. The only
            // cloud-supplied text a report carries is the names of unknown desired keys in errors: drop them.
            _desired.Apply(_nothing, -1);
            _reportHeldUntilMs = now + _settings.ReportIntervalMs;
            Log(LogLevel.Warning, "report refused (" + code.ToString() + " " + message + "); dropped the reported errors, next report in " + (_settings.ReportIntervalMs / 1000).ToString() + " s");
        }

        private void ApplyLed()
        {
            if (_led != null)
            {
                _led.Set(_settings.LedOn);
            }
        }

        private void OnIncoming(string topic, byte[] payload, int offset, int length)
        {
            bool kept = _inbox.TryAdd(topic, payload, offset, length);
            if (!kept && length > _inbox.CapacityBytes)
            {
                Interlocked.Increment(ref _oversizeSignal);
            }
            else if (!kept)
            {
                Interlocked.Increment(ref _droppedSignal);
            }

            Wake();
        }

        private void OnLost()
        {
            _connection.SignalLost();
            Wake();
        }

        private void OnPinEdge(bool high)
        {
            if (_button != null)
            {
                _button.OnEdge(high);
            }

            Interlocked.Exchange(ref _edgeSignal, 1);
            Wake();
        }

        private void Wake()
        {
            IWakeSignal wake = _wake;
            if (wake != null)
            {
                wake.Wake();
            }
        }

        private void Log(LogLevel level, string message)
        {
            if (_log != null)
            {
                _log.Write(level, message);
            }
        }

        // The agent's listeners, kept off its public surface: MQTT and pin callbacks (other threads) only queue and
        // wake; shadow callbacks and the report writer run inside Step.
        private sealed class Callbacks : IMqttListener, IDigitalInputListener, IShadowListener, IReportedStateWriter
        {
            private readonly ThingAgent _agent;

            public Callbacks(ThingAgent agent)
            {
                _agent = agent;
            }

            public void OnMessage(string topic, byte[] payload, int offset, int length)
            {
                _agent.OnIncoming(topic, payload, offset, length);
            }

            public void OnConnectionLost()
            {
                _agent.OnLost();
            }

            public void OnEdge(bool high)
            {
                _agent.OnPinEdge(high);
            }

            public void OnGetAccepted(JsonReader reader, int desired, int reported, int delta, long version)
            {
                _agent.OnGetAccepted(reader, desired, reported, delta);
            }

            public void OnGetRejected(int code, string message)
            {
                // 404: no shadow yet; the first report (queued at connect) creates it. Other codes: the shadow client
                // has logged them; the report goes out regardless and the next connect reads the shadow again.
            }

            public void OnDelta(JsonReader reader, int state, long version)
            {
                _agent.OnDelta(reader, state);
            }

            public void OnUpdateAccepted(long version)
            {
                _agent.OnUpdateAccepted();
            }

            public void OnUpdateRejected(int code, string message)
            {
                _agent.OnUpdateRejected(code, message);
            }

            public void WriteReported(JsonWriter writer)
            {
                _agent.WriteReported(writer);
            }
        }
    }
}
