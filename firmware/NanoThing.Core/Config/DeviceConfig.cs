using System.Collections;
using NanoThing.Core.Desired;
using NanoThing.Core.Seams;

namespace NanoThing.Core.Config
{
    /// <summary>
    /// The device config: one small JSON object in the blob <see cref="FileName"/> (I:\nanothing.json on the
    /// board, written by <c>nanothing bundle</c> and deployed with <c>nanothing flash</c>). Only thingName and
    /// endpoint are required; every other field has the default shown.
    /// <code>
    /// {
    ///   "thingName": "kitchen",                  // required: the AWS IoT thing name, also the MQTT client id; [a-zA-Z0-9:_-], 1..128
    ///   "endpoint": "abc123-ats.iot.eu-west-1.amazonaws.com",  // required: host name only (aws iot describe-endpoint --endpoint-type iot:Data-ATS)
    ///   "port": 8883,                            // 1..65535
    ///   "shadowName": "",                        // "" or absent: the classic shadow; else a named shadow [a-zA-Z0-9:_-$], 1..64
    ///   "i2cSdaPin": 21, "i2cSclPin": 22,        // output-capable GPIOs (see Esp32Pins)
    ///   "sensorAddress": "auto",                 // "auto" (probe 0x76 then 0x77), "0x76", "0x77", 118 or 119
    ///   "buttonPin": 0, "buttonActiveLow": true, // -1: no button; 34..39 allowed (input only, needs an external pull-up)
    ///   "ledPin": 2, "ledActiveHigh": true,      // -1: no LED
    ///   "sampleIntervalSeconds": 10,             // 1..3600
    ///   "minReportIntervalSeconds": 5,           // 1..3600
    ///   "reportIntervalSeconds": 300,            // 5..86400; the desired state may change it
    ///   "temperatureThreshold": 0.5,             // degC, 0..50, at most 2 decimals; the desired state may change it
    ///   "humidityThreshold": 2,                  // %RH, 0..100
    ///   "pressureThreshold": 1,                  // hPa, 0..1000
    ///   "telemetryIntervalSeconds": 0,           // 0: no telemetry; else a record at least this often (every Nth sample), 1..86400; the desired state may change it
    ///   "telemetryBatchSize": 10,                // records per message, 1..12 (a message is also sent 10 minutes after its first record); the desired state may change it
    ///   "telemetryTopic": "",                    // "" or absent: dt/nanothing/&lt;thingName&gt;/telemetry; "$aws/rules/&lt;rule&gt;/..." for Basic Ingest
    ///   "telemetryBufferBlocks": 64,             // batches kept on flash while offline, 2..999 (the oldest are dropped beyond)
    ///   "wifiSsid": "", "wifiPassword": ""       // optional: Wi-Fi to join when the stored network is not reached; the password is never logged
    /// }
    /// </code>
    /// (Comments are for this description only: the file is strict JSON.) Unknown fields are errors, so a typo
    /// never silently falls back to a default. Every error names the file, the field, the bad value and what is
    /// allowed; all errors are collected, not just the first.
    /// </summary>
    public sealed class DeviceConfig
    {
        /// <summary>The blob name of the config in <see cref="IStorage"/>.</summary>
        public const string FileName = "nanothing.json";

        /// <summary>The AWS IoT thing name; also the MQTT client id.</summary>
        public string ThingName;

        /// <summary>The MQTT broker's host name (the account's ATS data endpoint or the local stand-in).</summary>
        public string Endpoint;

        /// <summary>The MQTT/TLS port.</summary>
        public int Port = 8883;

        /// <summary>The named shadow, or null for the classic shadow.</summary>
        public string ShadowName;

        /// <summary>GPIO of I2C SDA.</summary>
        public int I2cSdaPin = 21;

        /// <summary>GPIO of I2C SCL.</summary>
        public int I2cSclPin = 22;

        /// <summary>The sensor's I2C address (0x76 or 0x77), or 0 to probe both.</summary>
        public int SensorAddress;

        /// <summary>GPIO of the button, or -1 for none.</summary>
        public int ButtonPin = 0;

        /// <summary>True when the button pulls the pin low when pressed (switch to GND with a pull-up).</summary>
        public bool ButtonActiveLow = true;

        /// <summary>GPIO of the LED, or -1 for none.</summary>
        public int LedPin = 2;

        /// <summary>True when the LED lights with the pin high.</summary>
        public bool LedActiveHigh = true;

        /// <summary>Wi-Fi SSID to join when the stored network is not reached, or null.</summary>
        public string WifiSsid;

        /// <summary>Password for <see cref="WifiSsid"/>, or null. Never logged or reported.</summary>
        public string WifiPassword;

        /// <summary>The telemetry topic, or null for the default (dt/nanothing/&lt;thingName&gt;/telemetry).</summary>
        public string TelemetryTopic;

        /// <summary>Batches of telemetry kept on flash while offline.</summary>
        public int TelemetryBufferBlocks = 64;

        /// <summary>Intervals, thresholds and telemetry's interval and batch size: the starting point of the settings that the desired state may change.</summary>
        public readonly DeviceSettings Settings = new DeviceSettings();

        /// <summary>
        /// Reads and validates <see cref="FileName"/> from <paramref name="storage"/>. Returns the config, or null
        /// with one message per problem added to <paramref name="errors"/> (strings). Never throws.
        /// </summary>
        public static DeviceConfig Load(IStorage storage, ArrayList errors)
        {
            byte[] file = storage.Read(FileName);
            if (file == null)
            {
                errors.Add(FileName + ": not found in the device storage (I:\\); create it with `nanothing bundle` and deploy it with `nanothing flash`");
                return null;
            }

            return Parse(file, 0, file.Length, errors);
        }

        /// <summary>Validates the config text in <paramref name="length"/> bytes of <paramref name="json"/> (see <see cref="Load"/>).</summary>
        public static DeviceConfig Parse(byte[] json, int offset, int length, ArrayList errors)
        {
            DeviceConfig config = new DeviceConfig();
            int before = errors.Count;
            DeviceConfigReader.Read(json, offset, length, config, errors);
            return errors.Count == before ? config : null;
        }
    }
}
