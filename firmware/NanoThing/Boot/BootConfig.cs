using NanoThing.Core.Seams;

namespace NanoThing.Boot
{
    /// <summary>
    /// What the boot sequence needs from the device config: identity and endpoint, pins, optional Wi-Fi
    /// credentials. Placeholder for Core's device config (issue 3, item 7), which parses and validates the file;
    /// <see cref="Load"/> is the single call to replace with Core's parser when it lands.
    /// </summary>
    public sealed class BootConfig
    {
        /// <summary>The config file's name on I:\.</summary>
        public const string BlobName = "nanothing.json";

        /// <summary>The AWS IoT thing name, used as the MQTT client id.</summary>
        public string ThingName;

        /// <summary>The ATS data endpoint (xxxx-ats.iot.region.amazonaws.com) or the local stand-in's host.</summary>
        public string Endpoint;

        /// <summary>The MQTT/TLS port (8883).</summary>
        public int Port = 8883;

        /// <summary>GPIO routed to I2C1 SDA.</summary>
        public int I2cDataPin = 21;

        /// <summary>GPIO routed to I2C1 SCL.</summary>
        public int I2cClockPin = 22;

        /// <summary>Button GPIO (to ground, internal pull-up), or -1 for none.</summary>
        public int ButtonPin = 0;

        /// <summary>LED GPIO (active high), or -1 for none.</summary>
        public int LedPin = 2;

        /// <summary>Wi-Fi SSID to join when the stored network is not reached; null to rely on the stored credentials.</summary>
        public string WifiSsid;

        /// <summary>Wi-Fi password for <see cref="WifiSsid"/>; never logged.</summary>
        public string WifiPassword;

        /// <summary>The config read from <paramref name="storage"/>, or null (with the reason logged) when it is missing or invalid.</summary>
        public static BootConfig Load(IStorage storage, ILog log)
        {
            byte[] file = storage.Read(BlobName);
            if (file == null)
            {
                log.Write(LogLevel.Error, "config: I:\\" + BlobName + " not found");
                return null;
            }

            log.Write(LogLevel.Error, "config: Core's device config parser is not wired into the app yet");
            return null;
        }
    }
}
