using System.Diagnostics;
using NanoThing.Core.Agent;
using NanoThing.Core.Config;
using NanoThing.Core.Seams;
using NanoThing.Mqtt;
using NanoThing.VirtualBoard.Adapters;
using NanoThing.VirtualBoard.Simulation;

namespace NanoThing.VirtualBoard.Board;

/// <summary>
/// The composition root of the PC build, the counterpart of the ESP32 app's BootSequence: Core's
/// <see cref="ThingAgent"/> over the PC seams — the tools' MQTT client with the thing's certificate (real TLS), a
/// simulated BME280 measuring a seedable <see cref="DailyWeather"/>, a simulated button and LED, the thing's bundle
/// folder as flash, the system clock, random source and memory gauge — in an <see cref="AgentLoop"/> on a thread of its own.
/// Several boards run side by side in one process, each its own thing and its own connection.
/// <see cref="Start"/> once; <see cref="Stop"/> (or Dispose) ends the loop within a bound and disconnects.
/// Tests and `nanothing board` watch it through <see cref="LogWritten"/>, <see cref="Published"/>,
/// <see cref="Received"/> and <see cref="Led"/>, and act on it through <see cref="Sensor"/> and <see cref="Button"/>.
/// </summary>
public sealed class VirtualBoard : IDisposable
{
    /// <summary>The firmware version the virtual board reports.</summary>
    public const string FirmwareVersion = "0.1.0-virtual";

    private readonly ObservedSession _session;
    private readonly AgentLoop _loop;
    private int _state; // 0 new, 1 running, 2 stopped

    private VirtualBoard(DeviceConfig config, ObservedSession session, SimulatedBme280 sensor, ConsoleLog log, ThingAgent agent)
    {
        Config = config;
        _session = session;
        Sensor = sensor;
        Agent = agent;
        log.Written += (level, line) => LogWritten?.Invoke(level, line);
        session.Published += (topic, text) => Published?.Invoke(topic, text);
        session.Received += (topic, text) => Received?.Invoke(topic, text);
        _loop = new AgentLoop(agent);
    }

    /// <summary>The device config the board runs with (from its flash folder, endpoint possibly overridden).</summary>
    public DeviceConfig Config { get; }

    public string ThingName => Config.ThingName;

    /// <summary>The BME280 on the board's I2C bus: set its weather or make it fail.</summary>
    public SimulatedBme280 Sensor { get; }

    public SimulatedButton Button { get; private init; } = new();

    public SimulatedLed Led { get; private init; } = new();

    /// <summary>Core's agent (its counters: connects, reports accepted, desired-state errors).</summary>
    public ThingAgent Agent { get; }

    /// <summary>Every line Core logs (any thread).</summary>
    public event Action<LogLevel, string>? LogWritten;

    /// <summary>Every message the agent published (topic, payload), on the agent's thread.</summary>
    public event Action<string, string>? Published;

    /// <summary>Every message the board received (topic, payload), on the connection's thread.</summary>
    public event Action<string, string>? Received;

    /// <summary>Composes a board for <see cref="VirtualBoardOptions.Thing"/>; false with a sentence naming the file and the fix.</summary>
    public static bool TryCreate(VirtualBoardOptions options, out VirtualBoard? board, out string error)
    {
        board = null;
        var folder = new ThingFolder(options.Directory);
        if (!folder.TryLoadConfig(options.Thing, options.Endpoint, out DeviceConfig? config, out error)
            || !folder.TryLoadTls(options.Thing, out TlsSettings? tls, out error))
        {
            return false;
        }

        if (options.Endpoint is not null)
        {
            config!.Endpoint = options.Endpoint.Host;
            config.Port = options.Endpoint.Port;
        }

        var log = new ConsoleLog(options.Output ?? TextWriter.Null, options.Thing, options.LogLevel);
        var session = new ObservedSession(new MqttClientSession(config!.Endpoint, config.Port, tls!, log) { ConnectTimeout = options.ConnectTimeout });
        var clock = new SystemClock();
        var day = Stopwatch.StartNew();
        double speed = options.WeatherSpeed;
        var sensor = new SimulatedBme280(new DailyWeather(options.Seed, () => day.Elapsed * speed), config.SensorAddress == 0 ? 0x76 : config.SensorAddress);
        ThingAgentOptions agentOptions = options.Agent ?? new ThingAgentOptions();
        agentOptions.FirmwareVersion = FirmwareVersion;
        agentOptions.ResetReason = options.ResetReason;
        agentOptions.MemoryGauge ??= new ProcessMemoryGauge();
        agentOptions.Telemetry ??= TelemetrySetup.Create(config, new FolderStorage(folder.Flash), session, clock, log); // always: the desired state may turn it on (telemetryIntervalSeconds); its buffer is the flash folder
        var button = new SimulatedButton();
        var led = new SimulatedLed();
        var agent = new ThingAgent(config, session, sensor,
            config.ButtonPin == Esp32Pins.None ? null : button,
            config.LedPin == Esp32Pins.None ? null : led,
            clock, new SystemRandom(options.Seed), log, agentOptions);
        board = new VirtualBoard(config, session, sensor, log, agent) { Button = button, Led = led };
        log.Write(LogLevel.Info, $"virtual board: thing '{config.ThingName}' at {config.Endpoint}:{config.Port}, flash {folder.Flash}, weather seed {options.Seed}");
        return true;
    }

    /// <summary>Starts the agent's loop on its own thread (connects on its first step). Once.</summary>
    public void Start()
    {
        if (Interlocked.CompareExchange(ref _state, 1, 0) != 0)
        {
            throw new InvalidOperationException("a virtual board starts once");
        }

        _loop.Start();
    }

    /// <summary>
    /// Ends the loop after the step in progress (a connect in progress ends within the connect timeout) and
    /// disconnects. True when the loop's thread ended within <paramref name="timeout"/>.
    /// </summary>
    public bool Stop(TimeSpan timeout)
    {
        int was = Interlocked.Exchange(ref _state, 2);
        bool ended = was != 1 || _loop.Stop((int)timeout.TotalMilliseconds);
        _session.Disconnect();
        return ended;
    }

    public void Dispose() => Stop(TimeSpan.FromSeconds(15));
}
