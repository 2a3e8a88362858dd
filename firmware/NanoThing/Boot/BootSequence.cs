using System.Collections;
using System.Device.Gpio;
using System.Device.I2c;
using System.Threading;
using nanoFramework.Hardware.Esp32;
using NanoThing.Adapters;
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
    /// 4. Wi-Fi with a valid clock (<see cref="WifiConnection"/>); failure reboots after a bounded delay;
    /// 5. only then the MQTT session (its MqttClient resolves the endpoint when it connects);
    /// 6. Core's agent, which runs for the life of the device.
    /// </summary>
    public static class BootSequence
    {
        /// <summary>How often a missing or invalid config file is read again.</summary>
        public const int ConfigRetryMilliseconds = 30000;

        /// <summary>The ESP32's first I2C controller (System.Device.I2c bus id).</summary>
        public const int I2cBusId = 1;

        private const int FirstInputOnlyPin = 34;

        /// <summary>Runs the boot sequence and then the agent. Returns only if the agent returns.</summary>
        public static void Run(DebugLog log, FileStorage storage, RebootRecord reboots)
        {
            DeviceDiagnostics diagnostics = new DeviceDiagnostics(reboots.TakeLastReason());
            log.Write(LogLevel.Info, "NanoThing booting; last restart: " + diagnostics.ResetReason + "; free managed memory " + diagnostics.CollectAndMeasureFreeMemory().ToString() + " bytes");

            DeviceConfig config = WaitForConfig(storage, log);

            Configuration.SetPinFunction(config.I2cSdaPin, DeviceFunction.I2C1_DATA);
            Configuration.SetPinFunction(config.I2cSclPin, DeviceFunction.I2C1_CLOCK);
            I2cBusAdapter i2c = new I2cBusAdapter(I2cBusId, I2cBusSpeed.StandardMode);

            GpioController gpio = new GpioController();
            GpioInput button = config.ButtonPin == Esp32Pins.None ? null : new GpioInput(gpio, config.ButtonPin, UsesInternalPullUp(config));
            GpioOutput led = config.LedPin == Esp32Pins.None ? null : new GpioOutput(gpio, config.LedPin, !config.LedActiveHigh);

            if (!WifiConnection.Connect(log, config.WifiSsid, config.WifiPassword))
            {
                DeviceRestart.After(log, reboots, "Wi-Fi not connected at boot");
                return;
            }

            M2MqttSession mqtt = new M2MqttSession(config.Endpoint, config.Port, log);

            // ===================== AGENT CALL SITE (the one place the app hands over to Core) =====================
            RunAgent(config, mqtt, i2c, button, led, new DeviceClock(), new DeviceRandom(), storage, log, diagnostics);
            // ========================================================================================================
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

        private static void RunAgent(DeviceConfig config, IMqttSession mqtt, II2cBus i2c, IDigitalInput button, IDigitalOutput led, IClock clock, IRandom random, IStorage storage, ILog log, DeviceDiagnostics diagnostics)
        {
            // Core's agent is not in the tree yet: until it is, the device proves its identity once (TLS with the
            // stored certificate, CONNACK) and then idles, so that a board can be checked end to end.
            MqttConnectResult result = mqtt.Connect(config.ThingName, 60);
            log.Write(result == MqttConnectResult.Accepted ? LogLevel.Info : LogLevel.Error, "mqtt: connect as '" + config.ThingName + "' to " + config.Endpoint + " -> " + ((int)result).ToString());
            mqtt.Disconnect();
            Thread.Sleep(Timeout.Infinite);
        }
    }
}
