using System.Collections;
using NanoThing.Core.Agent;
using NanoThing.Core.Config;
using NanoThing.Core.Seams;
using NanoThing.DeviceTests.Support;
using nanoFramework.TestFramework;

namespace NanoThing.DeviceTests.Agent
{
    /// <summary>
    /// A <see cref="ThingAgent"/> for thing "kitchen" on fake seams: the recording broker (<see cref="Session"/>, which
    /// starts disconnected), a manual clock at 0, FixedRandom (tokens "nt-XXXXXXXX-N", backoff delays
    /// value % (window + 1)), the BME280 register map loaded with the datasheet example (25.08 degC, 1006.53 hPa),
    /// an active-low button (released = high) and an LED. The test plays the shadow service with <see cref="Reply"/>.
    /// </summary>
    public sealed class AgentRig
    {
        public const string Root = "$aws/things/kitchen/shadow";
        public const string DefaultConfig = "{\"thingName\":\"kitchen\",\"endpoint\":\"localhost\"}";
        public const string Subscribe = "SUB q1 " + Root + "/get/accepted " + Root + "/get/rejected " + Root + "/update/accepted " + Root + "/update/rejected " + Root + "/update/delta";

        public readonly TrafficLog Traffic;
        public readonly RecordingMqttSession Session;
        public readonly ManualClock Clock = new ManualClock();
        public readonly SimulatedBme280 Chip = SimulatedBme280.DatasheetExample();
        public readonly FakeDigitalInput Button = new FakeDigitalInput(true);
        public readonly FakeDigitalOutput Led = new FakeDigitalOutput();
        public readonly WakeCounter Wakes = new WakeCounter();
        public readonly DeviceConfig Config;
        public readonly ThingAgent Agent;
        public int Steps;

        /// <summary>The clock at every connect the agent started, in order (recorded by the run helpers).</summary>
        public readonly ArrayList ConnectTimes = new ArrayList();
        private string _tokenPrefix;

        /// <summary>A rig with the default config and <paramref name="randomValue"/> as every random draw.</summary>
        public AgentRig(int randomValue) : this(randomValue, DefaultConfig, null)
        {
        }

        /// <summary>A rig with the config <paramref name="configJson"/> and agent <paramref name="options"/> (null: firmware "1.0.0", reset reason "powerOn").</summary>
        public AgentRig(int randomValue, string configJson, ThingAgentOptions options) : this(new FixedRandom(randomValue), configJson, options)
        {
            char digit = "0123456789abcdef"[randomValue % 16];
            _tokenPrefix = "nt-" + new string(digit, 8) + "-";
        }

        /// <summary>A rig drawing from <paramref name="random"/> (then <see cref="Token"/> is unknown).</summary>
        public AgentRig(IRandom random, string configJson, ThingAgentOptions options) : this(random, configJson, options, new TrafficLog(), null)
        {
        }

        /// <summary>A rig on <paramref name="session"/> recording into <paramref name="traffic"/> (null: a new session on it), for options holding parts built on the session.</summary>
        public AgentRig(IRandom random, string configJson, ThingAgentOptions options, TrafficLog traffic, RecordingMqttSession session) : this(random, Parse(configJson), options, traffic, session)
        {
        }

        /// <summary>A rig with <paramref name="config"/> (for options holding parts built on its live settings, such as telemetry).</summary>
        public AgentRig(IRandom random, DeviceConfig config, ThingAgentOptions options, TrafficLog traffic, RecordingMqttSession session)
        {
            Traffic = traffic;
            Session = session == null ? new RecordingMqttSession(traffic) : session;
            Session.Connected = false;
            Config = config;
            if (options == null)
            {
                options = new ThingAgentOptions();
                options.FirmwareVersion = "1.0.0";
                options.ResetReason = "powerOn";
            }

            Agent = new ThingAgent(config, Session, Chip, Button, Led, Clock, random, Traffic, options);
            Agent.SetWakeSignal(Wakes);
        }

        /// <summary>The device config <paramref name="configJson"/>, asserted valid.</summary>
        public static DeviceConfig Parse(string configJson)
        {
            byte[] json = Text.Bytes(configJson);
            ArrayList errors = new ArrayList();
            DeviceConfig config = DeviceConfig.Parse(json, 0, json.Length, errors);
            Assert.AreEqual(0, errors.Count, errors.Count > 0 ? (string)errors[0] : "");
            return config;
        }

        /// <summary>The clientToken of the agent's <paramref name="n"/>th shadow request.</summary>
        public string Token(int n)
        {
            return _tokenPrefix + n.ToString();
        }

        /// <summary>Steps the agent as its loop would (at the times it asks for) up to and including <paramref name="untilMs"/>.</summary>
        public void RunUntil(long untilMs)
        {
            while (true)
            {
                int wait = StepOnce();
                Assert.IsTrue(wait >= 0 && wait <= ThingAgent.MaxWaitMs, "Step returned " + wait.ToString());
                long next = Clock.NowMs + (wait < 1 ? 1 : wait);
                if (next > untilMs)
                {
                    break;
                }

                Clock.NowMs = next;
            }

            if (Clock.NowMs < untilMs)
            {
                Clock.NowMs = untilMs;
                StepOnce();
            }
        }

        /// <summary>One step, recording the time of a connect it started.</summary>
        public int StepOnce()
        {
            int attempts = Agent.ConnectAttempts;
            int wait = Agent.Step();
            Steps++;
            if (Agent.ConnectAttempts != attempts)
            {
                ConnectTimes.Add(Clock.NowMs);
            }

            return wait;
        }

        /// <summary>The recorded connect times, space-separated.</summary>
        public string ConnectTimesText()
        {
            string text = "";
            for (int i = 0; i < ConnectTimes.Count; i++)
            {
                text += (i == 0 ? "" : " ") + ((long)ConnectTimes[i]).ToString();
            }

            return text;
        }

        /// <summary>Runs for <paramref name="ms"/> more.</summary>
        public void RunFor(long ms)
        {
            RunUntil(Clock.NowMs + ms);
        }

        /// <summary>The shadow service answers on <paramref name="suffix"/> (e.g. "/get/accepted") with <paramref name="json"/>, then the agent steps once.</summary>
        public void Reply(string suffix, string json)
        {
            Session.Deliver(Root + suffix, json);
            StepOnce();
        }

        /// <summary>Boots, connects, lets the first measurement end, and at 100 ms answers the GET (token 1) with an empty shadow at <paramref name="version"/>; the first report is then in flight as token 2.</summary>
        public void ConnectAndSync(long version)
        {
            RunUntil(100);
            Reply("/get/accepted", "{\"state\":{},\"version\":" + version.ToString() + ",\"clientToken\":\"" + Token(1) + "\"}");
        }

        /// <summary>Asserts the exact traffic since the last call.</summary>
        public void Expect(string[] lines)
        {
            Assert.AreEqual(TrafficLog.Lines(lines), Traffic.Take());
        }

        /// <summary>Asserts that nothing was sent since the last call.</summary>
        public void ExpectNothing()
        {
            Assert.AreEqual("", Traffic.Take());
        }
    }

    /// <summary>Counts wake-ups (the agent calls it from the session's and pin's threads).</summary>
    public sealed class WakeCounter : IWakeSignal
    {
        public int Count;

        public void Wake()
        {
            Count++;
        }
    }
}
