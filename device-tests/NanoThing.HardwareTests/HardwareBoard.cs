using nanoFramework.Hardware.Esp32;
using nanoFramework.TestFramework;
using NanoThing.Adapters;
using NanoThing.Boot;
using NanoThing.Core.Seams;
using System.Device.I2c;

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
        private static BootConfig _config;
        private static I2cBusAdapter _i2c;
        private static int _network;

        /// <summary>The log the tests and the adapters under test write to (the board's debug output).</summary>
        public static ILog TestLog
        {
            get { return Log; }
        }

        /// <summary>The device config from I:\, or null (the reason is in the debug output). Read once.</summary>
        public static BootConfig ReadConfig()
        {
            if (!_configRead)
            {
                _config = BootConfig.Load(new FileStorage(FileStorage.InternalDrive), Log);
                _configRead = true;
            }

            return _config;
        }

        /// <summary>The device config; skips the test when the board has no valid one.</summary>
        public static BootConfig ConfigOrSkip()
        {
            BootConfig config = ReadConfig();
            if (config == null)
            {
                Assert.SkipTest("no valid I:\\" + BootConfig.BlobName + " on the board (ConfigHardwareTests says why); deploy it with nanothing flash");
            }

            return config;
        }

        /// <summary>The I2C bus on the config's pins (SDA 21 / SCL 22 when there is no config), routed once.</summary>
        public static I2cBusAdapter I2cBus()
        {
            if (_i2c == null)
            {
                Configuration.SetPinFunction(I2cDataPin(), DeviceFunction.I2C1_DATA);
                Configuration.SetPinFunction(I2cClockPin(), DeviceFunction.I2C1_CLOCK);
                _i2c = new I2cBusAdapter(BootSequence.I2cBusId, I2cBusSpeed.StandardMode);
            }

            return _i2c;
        }

        /// <summary>The GPIO used as SDA.</summary>
        public static int I2cDataPin()
        {
            BootConfig config = ReadConfig();
            return config == null ? 21 : config.I2cDataPin;
        }

        /// <summary>The GPIO used as SCL.</summary>
        public static int I2cClockPin()
        {
            BootConfig config = ReadConfig();
            return config == null ? 22 : config.I2cClockPin;
        }

        /// <summary>Skips the test unless Wi-Fi is up with a valid clock (tried once per test run).</summary>
        public static void NetworkOrSkip()
        {
            BootConfig config = ConfigOrSkip();
            if (_network == 0)
            {
                _network = WifiConnection.Connect(Log, config.WifiSsid, config.WifiPassword) ? 1 : -1;
            }

            if (_network < 0)
            {
                Assert.SkipTest("Wi-Fi did not come up with a valid clock within " + (WifiConnection.AttemptTimeoutMilliseconds / 1000).ToString() + " s (the debug output has the helper status); store the credentials with nanothing flash");
            }
        }
    }
}
