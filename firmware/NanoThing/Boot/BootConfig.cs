using NanoThing.Core.Json;
using NanoThing.Core.Seams;

namespace NanoThing.Boot
{
    /// <summary>
    /// What the boot sequence needs from the device config: identity and endpoint, pins, optional Wi-Fi
    /// credentials. Interim stand-in for Core's device config (issue 3, item 7), which parses and validates the
    /// whole file; <see cref="Load"/> is the single call to replace with Core's parser when it lands.
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

        /// <summary>
        /// The config read from <paramref name="storage"/>, or null (with the file and field named in the log) when it
        /// is missing or invalid. Reads the fields `nanothing bundle` writes: thingName, endpoint, port (optional,
        /// default 8883); the pins keep their defaults. Interim: Core's device config parser replaces this body.
        /// </summary>
        public static BootConfig Load(IStorage storage, ILog log)
        {
            byte[] file = storage.Read(BlobName);
            if (file == null)
            {
                log.Write(LogLevel.Error, "config: I:\\" + BlobName + " not found");
                return null;
            }

            JsonReader reader = new JsonReader();
            JsonStatus status = reader.Parse(file, 0, file.Length);
            if (status != JsonStatus.Ok || reader.TypeOf(reader.Root) != JsonType.Object)
            {
                log.Write(LogLevel.Error, "config: I:\\" + BlobName + " is not a JSON object (error " + ((int)status).ToString() + " at byte " + reader.ErrorOffset.ToString() + ")");
                return null;
            }

            BootConfig config = new BootConfig();
            if (!reader.TryGetString(reader.FindMember(reader.Root, "thingName"), out config.ThingName) || config.ThingName.Length == 0)
            {
                return Invalid(log, "thingName", "a non-empty string (the AWS IoT thing name)");
            }

            if (!reader.TryGetString(reader.FindMember(reader.Root, "endpoint"), out config.Endpoint) || config.Endpoint.Length == 0)
            {
                return Invalid(log, "endpoint", "a host name (the account's ATS data endpoint)");
            }

            int port = reader.FindMember(reader.Root, "port");
            if (port >= 0 && (!reader.TryGetInt(port, out config.Port) || config.Port < 1 || config.Port > 65535))
            {
                return Invalid(log, "port", "an integer 1..65535 (8883 for AWS IoT)");
            }

            return config;
        }

        private static BootConfig Invalid(ILog log, string field, string allowed)
        {
            log.Write(LogLevel.Error, "config: I:\\" + BlobName + " field '" + field + "' must be " + allowed);
            return null;
        }
    }
}
