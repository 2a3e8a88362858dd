using System.Collections;
using System.Text;
using NanoThing.Core.Desired;
using NanoThing.Core.Json;
using NanoThing.Core.Runtime;
using NanoThing.Core.Sensors;
using NanoThing.Core.Shadow;
using NanoThing.Core.Telemetry;

namespace NanoThing.Core.Config
{
    /// <summary>Reads and validates the fields of <see cref="DeviceConfig"/> (the format is described there). Never throws.</summary>
    internal static class DeviceConfigReader
    {
        /// <summary>Largest config file accepted.</summary>
        public const int MaxLength = 4096;

        private const int MaxShownValue = 80;

        private static readonly string[] OwnFields = NewOwnFields();

        public static void Read(byte[] json, int offset, int length, DeviceConfig config, ArrayList errors)
        {
            JsonReader reader = new JsonReader(8, MaxLength);
            JsonStatus status = reader.Parse(json, offset, length);
            if (status == JsonStatus.TooLong)
            {
                errors.Add(DeviceConfig.FileName + ": " + length.ToString() + " bytes is too large; the config must be at most " + MaxLength.ToString() + " bytes");
                return;
            }

            if (status != JsonStatus.Ok)
            {
                errors.Add(DeviceConfig.FileName + ": not valid JSON (error " + ((int)status).ToString() + " at byte " + (reader.ErrorOffset - offset).ToString() + "); the file must be one JSON object such as {\"thingName\":\"kitchen\",\"endpoint\":\"...\"}");
                return;
            }

            int root = reader.Root;
            if (reader.TypeOf(root) != JsonType.Object)
            {
                errors.Add(DeviceConfig.FileName + ": must be one JSON object such as {\"thingName\":\"kitchen\",\"endpoint\":\"...\"}, not " + Shown(reader, root));
                return;
            }

            ReportUnknownFields(reader, root, errors);
            ReadIdentity(reader, root, config, errors);
            ReadPins(reader, root, config, errors);
            ReadTelemetry(reader, root, config, errors);
            for (int key = DeviceSettings.FirstConfigKey; key < DeviceSettings.Count; key++)
            {
                ReadSetting(reader, root, key, config.Settings, errors);
            }
        }

        private static void ReadIdentity(JsonReader reader, int root, DeviceConfig config, ArrayList errors)
        {
            int value = reader.FindMember(root, "thingName");
            string text;
            if (value < 0)
            {
                Missing(errors, "thingName", "the AWS IoT thing name, e.g. \"kitchen\"");
            }
            else if (!reader.TryGetString(value, out text) || ShadowTopics.ValidateThingName(text) != ShadowTopicStatus.Ok)
            {
                Invalid(errors, "thingName", Shown(reader, value), "use the AWS IoT thing name: 1 to 128 characters from a-z A-Z 0-9 : _ -");
            }
            else
            {
                config.ThingName = text;
            }

            value = reader.FindMember(root, "endpoint");
            if (value < 0)
            {
                Missing(errors, "endpoint", "the host name of the AWS IoT data endpoint (aws iot describe-endpoint --endpoint-type iot:Data-ATS)");
            }
            else if (!reader.TryGetString(value, out text) || !IsHostName(text))
            {
                Invalid(errors, "endpoint", Shown(reader, value), "use a host name only (no scheme, port or path), e.g. \"abc123-ats.iot.eu-west-1.amazonaws.com\"");
            }
            else
            {
                config.Endpoint = text;
            }

            config.Port = ReadInt(reader, root, "port", 1, 65535, config.Port, "use an integer from 1 to 65535 (8883 for AWS IoT)", errors);

            value = reader.FindMember(root, "shadowName");
            if (value >= 0)
            {
                if (!reader.TryGetString(value, out text) || ShadowTopics.ValidateShadowName(text) != ShadowTopicStatus.Ok)
                {
                    Invalid(errors, "shadowName", Shown(reader, value), "use \"\" for the classic shadow or a name of 1 to 64 characters from a-z A-Z 0-9 : _ - $");
                }
                else
                {
                    config.ShadowName = text.Length == 0 ? null : text;
                }
            }

            value = reader.FindMember(root, "wifiSsid");
            if (value >= 0)
            {
                if (!reader.TryGetString(value, out text) || Encoding.UTF8.GetBytes(text).Length > 32)
                {
                    Invalid(errors, "wifiSsid", Shown(reader, value), "use a string of at most 32 bytes, or \"\" to use the stored network only");
                }
                else
                {
                    config.WifiSsid = text.Length == 0 ? null : text;
                }
            }

            value = reader.FindMember(root, "wifiPassword");
            if (value >= 0)
            {
                // The value is never repeated: it is a secret.
                if (!reader.TryGetString(value, out text) || (text.Length != 0 && (text.Length < 8 || text.Length > 63)))
                {
                    Invalid(errors, "wifiPassword", "the value (not shown)", "use a string of 8 to 63 characters, or \"\" for an open network");
                }
                else
                {
                    config.WifiPassword = text.Length == 0 ? null : text;
                }
            }
        }

        private static void ReadTelemetry(JsonReader reader, int root, DeviceConfig config, ArrayList errors)
        {
            config.TelemetryBufferBlocks = ReadInt(reader, root, "telemetryBufferBlocks", 2, 999, config.TelemetryBufferBlocks, "use an integer from 2 to 999", errors);
            int value = reader.FindMember(root, "telemetryTopic");
            string text;
            if (value < 0)
            {
                return;
            }

            if (!reader.TryGetString(value, out text) || (text.Length != 0 && TelemetryOptions.CheckTopic(text) != null))
            {
                Invalid(errors, "telemetryTopic", Shown(reader, value), text == null ? "use a topic string, or \"\" for the default" : TelemetryOptions.CheckTopic(text));
            }
            else
            {
                config.TelemetryTopic = text.Length == 0 ? null : text;
            }
        }

        private static string[] NewOwnFields()
        {
            string[] fields = StringArray.Create(15);
            fields[0] = "thingName";
            fields[1] = "endpoint";
            fields[2] = "port";
            fields[3] = "shadowName";
            fields[4] = "i2cSdaPin";
            fields[5] = "i2cSclPin";
            fields[6] = "sensorAddress";
            fields[7] = "buttonPin";
            fields[8] = "buttonActiveLow";
            fields[9] = "ledPin";
            fields[10] = "ledActiveHigh";
            fields[11] = "wifiSsid";
            fields[12] = "wifiPassword";
            fields[13] = "telemetryTopic";
            fields[14] = "telemetryBufferBlocks";
            return fields;
        }

        private static void ReadPins(JsonReader reader, int root, DeviceConfig config, ArrayList errors)
        {
            config.I2cSdaPin = ReadPin(reader, root, "i2cSdaPin", config.I2cSdaPin, false, false, errors);
            config.I2cSclPin = ReadPin(reader, root, "i2cSclPin", config.I2cSclPin, false, false, errors);
            config.ButtonPin = ReadPin(reader, root, "buttonPin", config.ButtonPin, true, true, errors);
            config.LedPin = ReadPin(reader, root, "ledPin", config.LedPin, true, false, errors);
            config.ButtonActiveLow = ReadBool(reader, root, "buttonActiveLow", config.ButtonActiveLow, errors);
            config.LedActiveHigh = ReadBool(reader, root, "ledActiveHigh", config.LedActiveHigh, errors);

            int[] pins = new int[] { config.I2cSdaPin, config.I2cSclPin, config.ButtonPin, config.LedPin };
            string[] names = StringArray.Create(4);
            names[0] = "i2cSdaPin";
            names[1] = "i2cSclPin";
            names[2] = "buttonPin";
            names[3] = "ledPin";
            for (int i = 0; i < pins.Length; i++)
            {
                for (int j = i + 1; j < pins.Length; j++)
                {
                    if (pins[i] != Esp32Pins.None && pins[i] == pins[j])
                    {
                        errors.Add(DeviceConfig.FileName + ": " + names[i] + " and " + names[j] + " are both GPIO " + pins[i].ToString() + "; give each its own pin");
                    }
                }
            }

            int value = reader.FindMember(root, "sensorAddress");
            if (value < 0)
            {
                return;
            }

            int address;
            string text;
            if (reader.TryGetInt(value, out address) && (address == Bme280.PrimaryAddress || address == Bme280.SecondaryAddress))
            {
                config.SensorAddress = address;
            }
            else if (reader.TryGetString(value, out text) && (text == "auto" || text == "0x76" || text == "0x77"))
            {
                config.SensorAddress = text == "auto" ? Bme280.AutoAddress : (text == "0x76" ? Bme280.PrimaryAddress : Bme280.SecondaryAddress);
            }
            else
            {
                Invalid(errors, "sensorAddress", Shown(reader, value), "use \"auto\", \"0x76\", \"0x77\", 118 or 119");
            }
        }

        private static int ReadPin(JsonReader reader, int root, string field, int current, bool optional, bool inputOnly, ArrayList errors)
        {
            int value = reader.FindMember(root, field);
            if (value < 0)
            {
                return current;
            }

            int pin;
            bool ok = reader.TryGetInt(value, out pin) && ((optional && pin == Esp32Pins.None) || (inputOnly ? Esp32Pins.IsInput(pin) : Esp32Pins.IsOutput(pin)));
            if (ok)
            {
                return pin;
            }

            Invalid(errors, field, Shown(reader, value), "use " + (optional ? "-1 (none) or " : "") + "one of the ESP32 GPIOs " + (inputOnly ? Esp32Pins.InputList : Esp32Pins.OutputList));
            return current;
        }

        private static void ReadSetting(JsonReader reader, int root, int key, DeviceSettings settings, ArrayList errors)
        {
            SettingSpec spec = DeviceSettings.Specs[key];
            int value = reader.FindMember(root, spec.Name);
            int stored;
            if (value < 0)
            {
                return;
            }

            if (!spec.TryRead(reader, value, out stored) || !settings.TrySet(key, stored))
            {
                Invalid(errors, spec.Name, Shown(reader, value), spec.Rule);
            }
        }

        private static int ReadInt(JsonReader reader, int root, string field, int min, int max, int current, string allowed, ArrayList errors)
        {
            int value = reader.FindMember(root, field);
            int result;
            if (value < 0)
            {
                return current;
            }

            if (reader.TryGetInt(value, out result) && result >= min && result <= max)
            {
                return result;
            }

            Invalid(errors, field, Shown(reader, value), allowed);
            return current;
        }

        private static bool ReadBool(JsonReader reader, int root, string field, bool current, ArrayList errors)
        {
            int value = reader.FindMember(root, field);
            bool result;
            if (value < 0)
            {
                return current;
            }

            if (reader.TryGetBool(value, out result))
            {
                return result;
            }

            Invalid(errors, field, Shown(reader, value), "use true or false");
            return current;
        }

        private static void ReportUnknownFields(JsonReader reader, int root, ArrayList errors)
        {
            for (int m = reader.FirstMember(root); m >= 0; m = reader.NextMember(m))
            {
                if (IsKnown(reader, m))
                {
                    continue;
                }

                string known = "";
                for (int i = 0; i < OwnFields.Length; i++)
                {
                    known += OwnFields[i] + ", ";
                }

                for (int key = DeviceSettings.FirstConfigKey; key < DeviceSettings.Count; key++)
                {
                    known += DeviceSettings.Specs[key].Name + (key + 1 < DeviceSettings.Count ? ", " : "");
                }

                errors.Add(DeviceConfig.FileName + ": " + Shown(reader, m) + " is not a known field (check the spelling); known fields: " + known);
            }
        }

        private static bool IsKnown(JsonReader reader, int member)
        {
            for (int i = 0; i < OwnFields.Length; i++)
            {
                if (reader.NameEquals(member, OwnFields[i]))
                {
                    return true;
                }
            }

            for (int key = DeviceSettings.FirstConfigKey; key < DeviceSettings.Count; key++)
            {
                if (reader.NameEquals(member, DeviceSettings.Specs[key].Name))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>True for a DNS host name or dotted IPv4 address: labels of 1 to 63 letters, digits and '-' (not at either end), 253 characters at most.</summary>
        internal static bool IsHostName(string text)
        {
            if (text == null || text.Length == 0 || text.Length > 253)
            {
                return false;
            }

            int labelLength = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c == '.')
                {
                    if (labelLength == 0 || text[i - 1] == '-')
                    {
                        return false;
                    }

                    labelLength = 0;
                    continue;
                }

                bool letterOrDigit = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
                if (!letterOrDigit && (c != '-' || labelLength == 0))
                {
                    return false;
                }

                labelLength++;
                if (labelLength > 63)
                {
                    return false;
                }
            }

            return labelLength > 0 && text[text.Length - 1] != '-';
        }

        private static void Missing(ArrayList errors, string field, string what)
        {
            errors.Add(DeviceConfig.FileName + ": " + field + " is missing; add \"" + field + "\": " + what);
        }

        private static void Invalid(ArrayList errors, string field, string shown, string allowed)
        {
            errors.Add(DeviceConfig.FileName + ": " + field + ": " + shown + " is not allowed; " + allowed);
        }

        /// <summary>The value's JSON text as written in the file, cut to about 80 bytes (never inside a UTF-8 sequence).</summary>
        private static string Shown(JsonReader reader, int value)
        {
            byte[] buffer = reader.Buffer;
            int length = reader.ValueLength(value);
            if (length <= MaxShownValue)
            {
                return Encoding.UTF8.GetString(buffer, value, length);
            }

            int cut = MaxShownValue;
            while (cut > 0 && (buffer[value + cut] & 0xC0) == 0x80)
            {
                cut--;
            }

            return Encoding.UTF8.GetString(buffer, value, cut) + "...";
        }
    }
}
