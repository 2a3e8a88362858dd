using System.Collections;
using System.Device.I2c;
using nanoFramework.Hardware.Esp32;
using nanoFramework.TestFramework;
using NanoThing.Adapters;
using NanoThing.Boot;
using NanoThing.Core.Config;
using NanoThing.Core.Seams;

namespace NanoThing.HardwareTests
{
    /// <summary>
    /// The board under test, shared by the test classes (the launcher calls test methods without an instance,
    /// so everything here is static and done once): the device config read from I:\, the I2C pins routed, Wi-Fi
    /// brought up with a valid clock. Each "OrSkip" accessor skips the calling test (Assert.SkipTest) with the
    /// missing prerequisite and what to do about it. Messages avoid commas: the test adapter splits result lines on them.
    /// </summary>
    internal static class HardwareBoard
    {
        private static readonly DebugLog Log = new DebugLog(LogLevel.Info);

        private static bool _configRead;
        private static DeviceConfig _config;
        private static string _configProblems;
        private static I2cBusAdapter _i2c;
        private static int _network;

        /// <summary>The log the tests and the adapters under test write to (the board's debug output).</summary>
        public static ILog TestLog
        {
            get { return Log; }
        }

        /// <summary>The board's I:\ drive through the app's storage adapter (failures logged to the test log).</summary>
        public static FileStorage Storage()
        {
            return new FileStorage(FileStorage.InternalDrive, Log);
        }

        /// <summary>The identity files on I:\ (the app's reader).</summary>
        public static IdentityFiles Identity()
        {
            return new IdentityFiles(Storage());
        }

        /// <summary>The device config from I:\ parsed by Core, or null (see <see cref="ConfigProblems"/>). Read once.</summary>
        public static DeviceConfig ReadConfig()
        {
            if (!_configRead)
            {
                ArrayList errors = new ArrayList();
                _config = DeviceConfig.Load(Storage(), errors);
                _configProblems = "";
                for (int i = 0; i < errors.Count; i++)
                {
                    _configProblems += (i == 0 ? "" : " / ") + Sentence((string)errors[i]);
                }

                _configRead = true;
            }

            return _config;
        }

        /// <summary>What is wrong with the config file (Core's messages, one per problem), or "" when it is valid.</summary>
        public static string ConfigProblems()
        {
            ReadConfig();
            return _configProblems;
        }

        /// <summary>
        /// <paramref name="text"/> made safe for an assertion or skip message: the test adapter splits each result
        /// line on commas, so they become semicolons.
        /// </summary>
        public static string Sentence(string text)
        {
            string safe = "";
            int start = 0;
            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] == ',')
                {
                    safe += text.Substring(start, i - start) + ";";
                    start = i + 1;
                }
            }

            return safe + text.Substring(start);
        }

        /// <summary>The device config; skips the test when the board has no valid one.</summary>
        public static DeviceConfig ConfigOrSkip()
        {
            DeviceConfig config = ReadConfig();
            if (config == null)
            {
                Assert.SkipTest("no valid I:\\" + DeviceConfig.FileName + " on the board (ConfigHardwareTests says why); deploy it with nanothing flash");
            }

            return config;
        }

        /// <summary>The I2C bus on the config's pins (the defaults SDA 21 / SCL 22 when there is no valid config), routed once.</summary>
        public static I2cBusAdapter I2cBus()
        {
            if (_i2c == null)
            {
                Configuration.SetPinFunction(I2cDataPin(), DeviceFunction.I2C1_DATA);
                Configuration.SetPinFunction(I2cClockPin(), DeviceFunction.I2C1_CLOCK);
                _i2c = new I2cBusAdapter(BootSequence.I2cBusId, I2cBusSpeed.StandardMode, Log);
            }

            return _i2c;
        }

        /// <summary>The GPIO used as SDA.</summary>
        public static int I2cDataPin()
        {
            DeviceConfig config = ReadConfig();
            return config == null ? new DeviceConfig().I2cSdaPin : config.I2cSdaPin;
        }

        /// <summary>The GPIO used as SCL.</summary>
        public static int I2cClockPin()
        {
            DeviceConfig config = ReadConfig();
            return config == null ? new DeviceConfig().I2cSclPin : config.I2cSclPin;
        }

        /// <summary>The sensor address from the config (0 = probe 0x76 then 0x77, also when there is no valid config).</summary>
        public static int SensorAddress()
        {
            DeviceConfig config = ReadConfig();
            return config == null ? 0 : config.SensorAddress;
        }

        /// <summary>Skips the test unless Wi-Fi is up with a valid clock (tried once per test run).</summary>
        public static void NetworkOrSkip()
        {
            DeviceConfig config = ConfigOrSkip();
            if (_network == 0)
            {
                _network = new WifiConnection(Log, config.WifiSsid, config.WifiPassword).TryConnect() ? 1 : -1;
            }

            if (_network < 0)
            {
                Assert.SkipTest("Wi-Fi did not come up with a valid clock within " + (WifiConnection.AttemptTimeoutMilliseconds / 1000).ToString() + " s (the debug output has the helper status); store the credentials with nanothing flash");
            }
        }
    }
}
