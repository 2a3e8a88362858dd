using System;
using System.Collections;
using System.Device.Gpio;
using System.Device.I2c;
using System.Threading;
using nanoFramework.Hardware.Esp32;
using NanoThing.Adapters;
using NanoThing.Core.Agent;
using NanoThing.Core.Config;
using NanoThing.Core.Seams;

namespace NanoThing.Boot
{
    /// <summary>
    /// The device's start-up, in the order the hardware needs it:
    /// 1. the reason of the previous restart (<see cref="RebootRecord"/>);
    /// 2. the device config from <c>I:\</c>, parsed and validated by Core (<see cref="DeviceConfig"/>); every problem is
    ///    logged and the file re-read every <see cref="ConfigRetryMilliseconds"/> until a valid one is deployed
    ///    (rebooting would not make a missing file appear);
    /// 3. I2C pin routing (Configuration.SetPinFunction) before the bus is opened, then the GPIO pins;
    /// 4. Wi-Fi with a valid clock (<see cref="WifiConnection"/>), retried with backoff for as long as it takes
    ///    (<see cref="NetworkWait"/>): no reboot, no flash write while the access point is away;
    /// 5. the TLS identity from I:\ (<see cref="TlsIdentity"/>: which one is used is logged), then the MQTT session
    ///    (its MqttClient resolves the endpoint when it connects);
    /// 6. Core's agent (ThingAgent in an AgentLoop) on its own thread under <see cref="AgentSupervisor"/>, for the life
    ///    of the device; an exception escaping it is logged and recorded, and the device reboots.
    /// </summary>
    public static class BootSequence
    {
        /// <summary>How often a missing or invalid config file is read again.</summary>
        public const int ConfigRetryMilliseconds = 30000;

        /// <summary>The ESP32's first I2C controller (System.Device.I2c bus id).</summary>
        public const int I2cBusId = 1;

        private const int FirstInputOnlyPin = 34;

        /// <summary>The firmware version reported in the shadow (the app assembly's version).</summary>
        public const string FirmwareVersion = "0.1.0";

        /// <summary>Runs the boot sequence and then the agent. Does not return: every way out ends in a reboot.</summary>
        public static void Run(DebugLog log, FileStorage storage, RebootRecord reboots)
        {
            DeviceDiagnostics diagnostics = new DeviceDiagnostics(reboots.TakeLastReason((int)Sleep.GetWakeupCause()));
            log.Write(LogLevel.Info, "NanoThing booting; last restart: " + diagnostics.ResetReason + "; free managed memory " + diagnostics.CollectAndMeasureFreeMemory().ToString() + " bytes");

            DeviceConfig config = WaitForConfig(storage, log);

            Configuration.SetPinFunction(config.I2cSdaPin, DeviceFunction.I2C1_DATA);
            Configuration.SetPinFunction(config.I2cSclPin, DeviceFunction.I2C1_CLOCK);
            I2cBusAdapter i2c = new I2cBusAdapter(I2cBusId, I2cBusSpeed.StandardMode, log);

            GpioController gpio = new GpioController();
            GpioInput button = config.ButtonPin == Esp32Pins.None ? null : new GpioInput(gpio, config.ButtonPin, UsesInternalPullUp(config), log);
            GpioOutput led = config.LedPin == Esp32Pins.None ? null : new GpioOutput(gpio, config.LedPin, !config.LedActiveHigh, log);

            DeviceClock clock = new DeviceClock();
            DeviceRandom random = new DeviceRandom();
            new NetworkWait(new WifiConnection(log, config.WifiSsid, config.WifiPassword), random, clock, new ThreadDelay(), log).UntilConnected();

            TlsIdentity identity = new TlsIdentity(new IdentityFiles(storage), log);
            identity.LogWhichIdentity();
            M2MqttSession mqtt = new M2MqttSession(config.Endpoint, config.Port, identity, log);

            // ===================== AGENT CALL SITE (the one place the app hands over to Core) =====================
            ThingAgentOptions options = new ThingAgentOptions();
            options.FirmwareVersion = FirmwareVersion;
            options.ResetReason = diagnostics.ResetReason;
            options.MemoryGauge = diagnostics;
            options.Telemetry = TelemetrySetup.Create(config, storage, mqtt, clock, log); // always: the desired state may turn it on (telemetryIntervalSeconds); its buffer is on I:\
            ThingAgent agent = new ThingAgent(config, mqtt, i2c, button, led, clock, random, log, options);
            AgentLoop loop = new AgentLoop(agent);
            Exception failure = new AgentSupervisor(log, diagnostics).Run(loop.Run);
            // ========================================================================================================

            if (failure == null)
            {
                DeviceRestart.After(log, reboots, "agentReturned", "the agent loop returned");
                return;
            }

            log.Write(LogLevel.Error, "agent failed: " + failure.GetType().FullName + ": " + failure.Message);
            DeviceRestart.After(log, reboots, "agentFailed:" + failure.GetType().FullName, "an exception escaped Core's agent (a bug: please report the line above)");
        }

        /// <summary>
        /// The button needs the internal pull-up when it pulls the pin low; GPIO 34..39 have none (the config requires
        /// an external one there).
        /// </summary>
        public static bool UsesInternalPullUp(DeviceConfig config)
        {
            return config.ButtonActiveLow && config.ButtonPin < FirstInputOnlyPin;
        }

        private static DeviceConfig WaitForConfig(FileStorage storage, DebugLog log)
        {
            ArrayList errors = new ArrayList();
            while (true)
            {
                DeviceConfig config = DeviceConfig.Load(storage, errors);
                if (config != null)
                {
                    log.Write(LogLevel.Info, "config: thing '" + config.ThingName + "' at " + config.Endpoint + ":" + config.Port.ToString());
                    return config;
                }

                for (int i = 0; i < errors.Count; i++)
                {
                    log.Write(LogLevel.Error, "config: " + (string)errors[i]);
                }

                errors.Clear();
                log.Write(LogLevel.Error, "config: reading I:\\" + DeviceConfig.FileName + " again in " + (ConfigRetryMilliseconds / 1000).ToString() + " s");
                Thread.Sleep(ConfigRetryMilliseconds);
            }
        }
    }
}
