using System.Collections;
using System.Text;
using NanoThing.Core.Agent;
using NanoThing.Core.Config;
using NanoThing.Core.Seams;
using NanoThing.DeviceTests.Support;
using NanoThing.VirtualBoard.Simulation;

namespace NanoThing.Bench.Cycle;

/// <summary>
/// Core's <see cref="ThingAgent"/> for thing "bench" exactly as a board composes it, over in-memory seams: the
/// <see cref="ShadowLoopback"/> as broker and shadow service, the virtual board's simulated BME280 measuring a seeded
/// <see cref="DailyWeather"/> whose day runs on the same <see cref="ManualClock"/> as the agent, and a seeded random
/// source. No button, no LED. Time advances only in <see cref="RunUntil"/>, as fast as the CPU allows.
/// With <c>recordedSamples</c> &gt; 0 the chip's measurements (one per sample interval) are recorded first and
/// replayed (<see cref="RecordedBme280"/>), so nothing but Core allocates while the agent runs.
/// </summary>
public sealed class AgentHarness
{
    public const string ThingName = "bench";

    public AgentHarness(int seed, string settingsJson, int recordedSamples = 0, ILog? log = null)
    {
        Session = new ShadowLoopback(ThingName);
        byte[] json = Encoding.UTF8.GetBytes("{\"thingName\":\"" + ThingName + "\",\"endpoint\":\"localhost\",\"buttonPin\":-1,\"ledPin\":-1" + settingsJson + "}");
        var errors = new ArrayList();
        Config = DeviceConfig.Parse(json, 0, json.Length, errors)
            ?? throw new InvalidOperationException("bench device config refused: " + string.Join("; ", errors.Cast<string>()));
        Weather = new DailyWeather(seed, () => TimeSpan.FromMilliseconds(Clock.NowMs));
        Sensor = new SimulatedBme280(Weather);
        II2cBus bus = Sensor;
        if (recordedSamples > 0)
        {
            long interval = Config.Settings.SampleIntervalMs;
            bus = new RecordedBme280(Sensor, recordedSamples, () => Clock.NowMs += interval);
            Clock.NowMs = 0;
        }

        var options = new ThingAgentOptions { FirmwareVersion = "1.0.0", ResetReason = "powerOn" };
        var random = new SeededRandom((uint)seed);
        long before = GC.GetAllocatedBytesForCurrentThread();
        Agent = new ThingAgent(Config, Session, bus, null, null, Clock, random, log, options);
        AgentConstructionBytes = GC.GetAllocatedBytesForCurrentThread() - before;
    }

    public ManualClock Clock { get; } = new();

    public ShadowLoopback Session { get; }

    public DeviceConfig Config { get; }

    public DailyWeather Weather { get; }

    public SimulatedBme280 Sensor { get; }

    public ThingAgent Agent { get; }

    /// <summary>Bytes allocated by the ThingAgent constructor alone (its buffers and tables: what Core holds for good).</summary>
    public long AgentConstructionBytes { get; }

    /// <summary>
    /// Steps the agent at the times it asks for (delivering each reply the loopback holds before the next step, as
    /// the connection's thread would) up to <paramref name="untilMs"/> on the manual clock. Allocates nothing itself.
    /// </summary>
    public void RunUntil(long untilMs)
    {
        while (true)
        {
            int wait = Agent.Step();
            if (Session.DeliverPending())
            {
                continue;
            }

            long next = Clock.NowMs + Math.Max(1, wait);
            if (next > untilMs)
            {
                break;
            }

            Clock.NowMs = next;
        }

        if (Clock.NowMs < untilMs)
        {
            Clock.NowMs = untilMs;
            Agent.Step();
            Session.DeliverPending();
        }
    }
}
