using System;
using System.Collections;
using NanoThing.Core.Config;
using NanoThing.Core.Desired;
using NanoThing.Core.Seams;
using NanoThing.DeviceTests.Support;
using nanoFramework.TestFramework;

namespace NanoThing.DeviceTests.Board
{
    /// <summary>The device config file: a golden example, defaults, one exact message per invalid field, and arbitrary input.</summary>
    [TestClass]
    public class DeviceConfigTests
    {
        /// <summary>The documented example of DeviceConfig, as strict JSON.</summary>
        public const string GoldenExample = "{\n"
            + "  \"thingName\": \"kitchen\",\n"
            + "  \"endpoint\": \"abc123-ats.iot.eu-west-1.amazonaws.com\",\n"
            + "  \"port\": 8883,\n"
            + "  \"shadowName\": \"env\",\n"
            + "  \"i2cSdaPin\": 25, \"i2cSclPin\": 26,\n"
            + "  \"sensorAddress\": \"0x77\",\n"
            + "  \"buttonPin\": 35, \"buttonActiveLow\": false,\n"
            + "  \"ledPin\": -1, \"ledActiveHigh\": false,\n"
            + "  \"sampleIntervalSeconds\": 30,\n"
            + "  \"minReportIntervalSeconds\": 10,\n"
            + "  \"reportIntervalSeconds\": 600,\n"
            + "  \"temperatureThreshold\": 0.25,\n"
            + "  \"humidityThreshold\": 1.5,\n"
            + "  \"pressureThreshold\": 0.5,\n"
            + "  \"wifiSsid\": \"home\", \"wifiPassword\": \"correct horse\"\n"
            + "}\n";

        private const string Prefix = "nanothing.json: ";

        private sealed class MemoryStorage : IStorage
        {
            public byte[] Blob;
            public string NameRead;

            public byte[] Read(string name)
            {
                NameRead = name;
                return Blob;
            }

            public bool Write(string name, byte[] data, int offset, int length)
            {
                return false;
            }
        }

        private static DeviceConfig Parse(string json, ArrayList errors)
        {
            byte[] bytes = Text.Bytes(json);
            return DeviceConfig.Parse(bytes, 0, bytes.Length, errors);
        }

        private static string OnlyError(string json)
        {
            ArrayList errors = new ArrayList();
            Assert.IsNull(Parse(json, errors), json);
            Assert.AreEqual(1, errors.Count, json);
            return (string)errors[0];
        }

        [TestMethod]
        public void GoldenExample_ReadsEveryField()
        {
            MemoryStorage storage = new MemoryStorage();
            storage.Blob = Text.Bytes(GoldenExample);
            ArrayList errors = new ArrayList();
            DeviceConfig config = DeviceConfig.Load(storage, errors);
            Assert.AreEqual("nanothing.json", storage.NameRead);
            Assert.AreEqual(0, errors.Count);
            Assert.IsNotNull(config);
            Assert.AreEqual("kitchen", config.ThingName);
            Assert.AreEqual("abc123-ats.iot.eu-west-1.amazonaws.com", config.Endpoint);
            Assert.AreEqual(8883, config.Port);
            Assert.AreEqual("env", config.ShadowName);
            Assert.AreEqual(25, config.I2cSdaPin);
            Assert.AreEqual(26, config.I2cSclPin);
            Assert.AreEqual(0x77, config.SensorAddress);
            Assert.AreEqual(35, config.ButtonPin);
            Assert.IsFalse(config.ButtonActiveLow);
            Assert.AreEqual(-1, config.LedPin);
            Assert.IsFalse(config.LedActiveHigh);
            Assert.AreEqual("home", config.WifiSsid);
            Assert.AreEqual("correct horse", config.WifiPassword);
            DeviceSettings s = config.Settings;
            Assert.AreEqual(30000L, s.SampleIntervalMs);
            Assert.AreEqual(10000L, s.MinReportIntervalMs);
            Assert.AreEqual(600000L, s.ReportIntervalMs);
            Assert.AreEqual(25, s.TemperatureThresholdCenti);
            Assert.AreEqual(150, s.HumidityThresholdCenti);
            Assert.AreEqual(50, s.PressureThresholdCenti);
            Assert.IsFalse(s.LedOn);
        }

        [TestMethod]
        public void WhatNanothingBundleWrites_GetsEveryDefault()
        {
            ArrayList errors = new ArrayList();
            DeviceConfig config = Parse("{\n  \"thingName\": \"kitchen\",\n  \"endpoint\": \"127.0.0.1\",\n  \"port\": 18883\n}\n", errors);
            Assert.AreEqual(0, errors.Count);
            Assert.AreEqual("127.0.0.1", config.Endpoint);
            Assert.AreEqual(18883, config.Port);
            Assert.IsNull(config.ShadowName, "classic shadow");
            Assert.AreEqual(21, config.I2cSdaPin);
            Assert.AreEqual(22, config.I2cSclPin);
            Assert.AreEqual(0, config.SensorAddress, "auto");
            Assert.AreEqual(0, config.ButtonPin);
            Assert.IsTrue(config.ButtonActiveLow);
            Assert.AreEqual(2, config.LedPin);
            Assert.IsTrue(config.LedActiveHigh);
            Assert.IsNull(config.WifiSsid);
            Assert.IsNull(config.WifiPassword);
            Assert.AreEqual(10000L, config.Settings.SampleIntervalMs);
            Assert.AreEqual(5000L, config.Settings.MinReportIntervalMs);
            Assert.AreEqual(300000L, config.Settings.ReportIntervalMs);
            Assert.AreEqual(50, config.Settings.TemperatureThresholdCenti);
        }

        [TestMethod]
        public void PortDefaultsTo8883_AndEmptyShadowNameIsClassic()
        {
            ArrayList errors = new ArrayList();
            DeviceConfig config = Parse("{\"thingName\":\"a\",\"endpoint\":\"localhost\",\"shadowName\":\"\",\"sensorAddress\":118}", errors);
            Assert.AreEqual(8883, config.Port);
            Assert.IsNull(config.ShadowName);
            Assert.AreEqual(0x76, config.SensorAddress);
        }

        [DataRow("\"port\":0", "port: 0 is not allowed; use an integer from 1 to 65535 (8883 for AWS IoT)")]
        [DataRow("\"port\":\"8883\"", "port: \"8883\" is not allowed; use an integer from 1 to 65535 (8883 for AWS IoT)")]
        [DataRow("\"port\":8883.5", "port: 8883.5 is not allowed; use an integer from 1 to 65535 (8883 for AWS IoT)")]
        [DataRow("\"shadowName\":\"a/b\"", "shadowName: \"a/b\" is not allowed; use \"\" for the classic shadow or a name of 1 to 64 characters from a-z A-Z 0-9 : _ - $")]
        [DataRow("\"i2cSdaPin\":34", "i2cSdaPin: 34 is not allowed; use one of the ESP32 GPIOs 0, 2, 4, 5, 12-19, 21-23, 25-27, 32, 33")]
        [DataRow("\"i2cSclPin\":-1", "i2cSclPin: -1 is not allowed; use one of the ESP32 GPIOs 0, 2, 4, 5, 12-19, 21-23, 25-27, 32, 33")]
        [DataRow("\"ledPin\":6", "ledPin: 6 is not allowed; use -1 (none) or one of the ESP32 GPIOs 0, 2, 4, 5, 12-19, 21-23, 25-27, 32, 33")]
        [DataRow("\"ledPin\":1", "ledPin: 1 is not allowed; use -1 (none) or one of the ESP32 GPIOs 0, 2, 4, 5, 12-19, 21-23, 25-27, 32, 33")]
        [DataRow("\"buttonPin\":40", "buttonPin: 40 is not allowed; use -1 (none) or one of the ESP32 GPIOs 0, 2, 4, 5, 12-19, 21-23, 25-27, 32, 33, 34-39")]
        [DataRow("\"buttonActiveLow\":\"yes\"", "buttonActiveLow: \"yes\" is not allowed; use true or false")]
        [DataRow("\"sensorAddress\":\"0x78\"", "sensorAddress: \"0x78\" is not allowed; use \"auto\", \"0x76\", \"0x77\", 118 or 119")]
        [DataRow("\"sensorAddress\":0", "sensorAddress: 0 is not allowed; use \"auto\", \"0x76\", \"0x77\", 118 or 119")]
        [DataRow("\"sampleIntervalSeconds\":0", "sampleIntervalSeconds: 0 is not allowed; must be an integer from 1 to 3600")]
        [DataRow("\"minReportIntervalSeconds\":3601", "minReportIntervalSeconds: 3601 is not allowed; must be an integer from 1 to 3600")]
        [DataRow("\"reportIntervalSeconds\":1", "reportIntervalSeconds: 1 is not allowed; must be an integer from 5 to 86400")]
        [DataRow("\"temperatureThreshold\":0.001", "temperatureThreshold: 0.001 is not allowed; must be a number from 0 to 50 with at most 2 decimals")]
        [DataRow("\"humidityThreshold\":true", "humidityThreshold: true is not allowed; must be a number from 0 to 100 with at most 2 decimals")]
        [DataRow("\"pressureThreshold\":1000.01", "pressureThreshold: 1000.01 is not allowed; must be a number from 0 to 1000 with at most 2 decimals")]
        [DataRow("\"wifiSsid\":\"123456789012345678901234567890123\"", "wifiSsid: \"123456789012345678901234567890123\" is not allowed; use a string of at most 32 bytes, or \"\" to use the stored network only")]
        [DataRow("\"telemetryBatchSize\":13", "telemetryBatchSize: 13 is not allowed; must be an integer from 1 to 12 (the device's memory budget)")]
        [DataRow("\"telemetryIntervalSeconds\":-1", "telemetryIntervalSeconds: -1 is not allowed; must be 0 (no telemetry) or an integer from 1 to 86400")]
        [DataRow("\"telemetryTopic\":\"dt/+/t\"", "telemetryTopic: \"dt/+/t\" is not allowed; use a topic name without the wildcards + and # (and without NUL)")]
        [DataRow("\"telemetryTopic\":\"$aws/things/k\"", "telemetryTopic: \"$aws/things/k\" is not allowed; a topic starting with $ must be AWS IoT Basic Ingest: $aws/rules/<rule name>/<topic>")]
        [DataRow("\"telemetryTopic\":\"a/b/c/d/e/f/g/h/i\"", "telemetryTopic: \"a/b/c/d/e/f/g/h/i\" is not allowed; use at most 256 bytes and 7 '/' (AWS IoT's topic limits)")]
        [DataRow("\"led\":true", "\"led\" is not a known field (check the spelling); known fields: thingName, endpoint, port, shadowName, i2cSdaPin, i2cSclPin, sensorAddress, buttonPin, buttonActiveLow, ledPin, ledActiveHigh, wifiSsid, wifiPassword, telemetryTopic, telemetryBufferBlocks, reportIntervalSeconds, temperatureThreshold, humidityThreshold, pressureThreshold, telemetryIntervalSeconds, telemetryBatchSize, sampleIntervalSeconds, minReportIntervalSeconds")]
        public void InvalidField_GivesOneMessage_NamingFieldValueAndAllowedValues(string field, string message)
        {
            Assert.AreEqual(Prefix + message, OnlyError("{\"thingName\":\"kitchen\",\"endpoint\":\"localhost\"," + field + "}"));
        }

        [DataRow("\"thing name\"")]
        [DataRow("\"\"")]
        [DataRow("42")]
        public void BadThingName_IsNamed(string value)
        {
            Assert.AreEqual(Prefix + "thingName: " + value + " is not allowed; use the AWS IoT thing name: 1 to 128 characters from a-z A-Z 0-9 : _ -", OnlyError("{\"thingName\":" + value + ",\"endpoint\":\"localhost\"}"));
        }

        [DataRow("https://abc-ats.iot.eu-west-1.amazonaws.com")]
        [DataRow("abc-ats.iot.eu-west-1.amazonaws.com:8883")]
        [DataRow("host/path")]
        [DataRow("")]
        [DataRow("-bad.example")]
        [DataRow("bad-.example")]
        [DataRow("a..b")]
        [DataRow("trailing.")]
        public void BadEndpoint_IsNamed(string value)
        {
            Assert.AreEqual(Prefix + "endpoint: \"" + value + "\" is not allowed; use a host name only (no scheme, port or path), e.g. \"abc123-ats.iot.eu-west-1.amazonaws.com\"", OnlyError("{\"thingName\":\"kitchen\",\"endpoint\":\"" + value + "\"}"));
        }

        [TestMethod]
        public void MissingRequiredFields_AreEachNamed()
        {
            ArrayList errors = new ArrayList();
            Assert.IsNull(Parse("{}", errors));
            Assert.AreEqual(2, errors.Count);
            Assert.AreEqual(Prefix + "thingName is missing; add \"thingName\": the AWS IoT thing name, e.g. \"kitchen\"", (string)errors[0]);
            Assert.AreEqual(Prefix + "endpoint is missing; add \"endpoint\": the host name of the AWS IoT data endpoint (aws iot describe-endpoint --endpoint-type iot:Data-ATS)", (string)errors[1]);
        }

        [TestMethod]
        public void EveryProblem_IsReported_NotJustTheFirst()
        {
            ArrayList errors = new ArrayList();
            Assert.IsNull(Parse("{\"thingName\":\"k\",\"endpoint\":\"localhost\",\"port\":0,\"ledPin\":21,\"tempThreshold\":1}", errors));
            Assert.AreEqual(3, errors.Count);
            Assert.StartsWith(Prefix + "\"tempThreshold\" is not a known field", (string)errors[0]);
            Assert.StartsWith(Prefix + "port: 0", (string)errors[1]);
            Assert.AreEqual(Prefix + "i2cSdaPin and ledPin are both GPIO 21; give each its own pin", (string)errors[2]);
        }

        [TestMethod]
        public void WifiPassword_IsNeverRepeated()
        {
            string message = OnlyError("{\"thingName\":\"k\",\"endpoint\":\"localhost\",\"wifiPassword\":\"short\"}");
            Assert.AreEqual(Prefix + "wifiPassword: the value (not shown) is not allowed; use a string of 8 to 63 characters, or \"\" for an open network", message);
            Assert.DoesNotContains("short", message);
        }

        [TestMethod]
        public void MissingFile_SaysHowToCreateIt()
        {
            ArrayList errors = new ArrayList();
            Assert.IsNull(DeviceConfig.Load(new MemoryStorage(), errors));
            Assert.AreEqual(Prefix + "not found in the device storage (I:\\); create it with `nanothing bundle` and deploy it with `nanothing flash`", (string)errors[0]);
        }

        [TestMethod]
        public void NotJson_NotAnObject_TooLarge_AreNamed()
        {
            Assert.AreEqual(Prefix + "not valid JSON (error 3 at byte 15); the file must be one JSON object such as {\"thingName\":\"kitchen\",\"endpoint\":\"...\"}", OnlyError("{\"thingName\":\"k"));
            Assert.AreEqual(Prefix + "must be one JSON object such as {\"thingName\":\"kitchen\",\"endpoint\":\"...\"}, not [1,2]", OnlyError("[1,2]"));
            string big = "{\"thingName\":\"" + new string('a', 5000) + "\"}";
            Assert.AreEqual(Prefix + "5016 bytes is too large; the config must be at most 4096 bytes", OnlyError(big));
        }

        [TestMethod]
        public void LongBadValues_AreShownCut()
        {
            string message = OnlyError("{\"thingName\":\"k\",\"endpoint\":\"localhost\",\"port\":\"" + new string('9', 100) + "\"}");
            Assert.AreEqual(Prefix + "port: \"" + new string('9', 79) + "... is not allowed; use an integer from 1 to 65535 (8883 for AWS IoT)", message);
        }

        [TestMethod]
        public void AnyInput_NeverThrows()
        {
            SeededRandom random = new SeededRandom(8883);
            byte[] golden = Text.Bytes(GoldenExample);
            byte[] buffer = new byte[golden.Length];
            int accepted = 0;
            for (int round = 0; round < 2000; round++)
            {
                int length = round % 4 == 0 ? random.Next(golden.Length + 1) : golden.Length;
                Array.Copy(golden, buffer, length);
                int mutations = random.Next(3);
                for (int m = 0; m < mutations && length > 0; m++)
                {
                    buffer[random.Next(length)] = (byte)random.Next(256);
                }

                ArrayList errors = new ArrayList();
                DeviceConfig config = DeviceConfig.Parse(buffer, 0, length, errors);
                Assert.IsTrue((config == null) == (errors.Count > 0), "a config or errors, never both, never neither");
                if (config != null)
                {
                    accepted++;
                    Assert.IsNotNull(config.ThingName);
                    Assert.IsNotNull(config.Endpoint);
                }
            }

            Assert.IsTrue(accepted > 100, "unchanged or harmlessly changed files are accepted");
        }
    }
}
