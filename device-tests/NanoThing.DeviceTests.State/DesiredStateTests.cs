using System;
using NanoThing.Core.Desired;
using NanoThing.Core.Json;
using NanoThing.DeviceTests.Support;
using nanoFramework.TestFramework;

namespace NanoThing.DeviceTests.State
{
    /// <summary>The desired-state table: per-key validation, all-or-nothing application, the errors object and what is reported back (golden JSON).</summary>
    [TestClass]
    public class DesiredStateTests
    {
        private const string Unknown = "unknown key; settable keys are led, reportIntervalSeconds, temperatureThreshold, humidityThreshold, pressureThreshold, telemetryIntervalSeconds, telemetryBatchSize";
        private static readonly JsonReader Reader = new JsonReader();
        private static readonly JsonWriter Writer = new JsonWriter(new byte[2048]);

        private static int Apply(DesiredState state, string delta)
        {
            Assert.AreEqual((int)JsonStatus.Ok, (int)Text.Parse(Reader, delta), delta);
            return state.Apply(Reader, Reader.Root);
        }

        private static string Pending(DesiredState state)
        {
            Writer.Reset();
            Writer.BeginObject();
            state.WritePending(Writer);
            Writer.EndObject();
            Assert.IsTrue(Writer.IsComplete);
            return Text.Of(Writer);
        }

        private static string All(DesiredState state)
        {
            Writer.Reset();
            Writer.BeginObject();
            state.WriteAll(Writer);
            Writer.EndObject();
            Assert.IsTrue(Writer.IsComplete);
            return Text.Of(Writer);
        }

        [TestMethod]
        public void ValidDelta_IsApplied_AndEveryAppliedValueIsReportedBack()
        {
            DesiredState state = new DesiredState(new DeviceSettings());
            Assert.IsFalse(state.HasPendingReport);
            Assert.AreEqual(7, Apply(state, "{\"led\":true,\"reportIntervalSeconds\":60,\"temperatureThreshold\":0.25,\"humidityThreshold\":2.5,\"pressureThreshold\":3,\"telemetryIntervalSeconds\":60,\"telemetryBatchSize\":12}"));
            DeviceSettings s = state.Settings;
            Assert.IsTrue(s.LedOn);
            Assert.AreEqual(60000L, s.ReportIntervalMs);
            Assert.AreEqual(25, s.TemperatureThresholdCenti);
            Assert.AreEqual(250, s.HumidityThresholdCenti);
            Assert.AreEqual(300, s.PressureThresholdCenti);
            Assert.AreEqual(60000L, s.TelemetryIntervalMs);
            Assert.AreEqual(12, s.TelemetryRecordsPerBatch);
            Assert.IsTrue(state.HasPendingReport);
            Assert.AreEqual("{\"led\":true,\"reportIntervalSeconds\":60,\"temperatureThreshold\":0.25,\"humidityThreshold\":2.5,\"pressureThreshold\":3,\"telemetryIntervalSeconds\":60,\"telemetryBatchSize\":12}", Pending(state));
            state.OnReportAccepted();
            Assert.IsFalse(state.HasPendingReport);
            Assert.AreEqual("{}", Pending(state));
            Assert.AreEqual(1, Apply(state, "{\"telemetryIntervalSeconds\":0}"), "0 turns telemetry off");
            Assert.AreEqual(0L, s.TelemetryIntervalMs);
        }

        [TestMethod]
        public void SameValueAgain_IsStillReported_SoTheDeltaClears()
        {
            DesiredState state = new DesiredState(new DeviceSettings());
            Apply(state, "{\"led\":false}");
            Assert.AreEqual("{\"led\":false}", Pending(state));
        }

        [DataRow("{\"led\":\"on\"}", "led", "must be true or false")]
        [DataRow("{\"led\":1}", "led", "must be true or false")]
        [DataRow("{\"led\":null}", "led", "must be true or false")]
        [DataRow("{\"led\":{\"on\":true}}", "led", "must be true or false")]
        [DataRow("{\"reportIntervalSeconds\":4}", "reportIntervalSeconds", "must be an integer from 5 to 86400")]
        [DataRow("{\"reportIntervalSeconds\":86401}", "reportIntervalSeconds", "must be an integer from 5 to 86400")]
        [DataRow("{\"reportIntervalSeconds\":60.5}", "reportIntervalSeconds", "must be an integer from 5 to 86400")]
        [DataRow("{\"reportIntervalSeconds\":\"60\"}", "reportIntervalSeconds", "must be an integer from 5 to 86400")]
        [DataRow("{\"reportIntervalSeconds\":99999999999999999999}", "reportIntervalSeconds", "must be an integer from 5 to 86400")]
        [DataRow("{\"temperatureThreshold\":0.125}", "temperatureThreshold", "must be a number from 0 to 50 with at most 2 decimals")]
        [DataRow("{\"temperatureThreshold\":-1}", "temperatureThreshold", "must be a number from 0 to 50 with at most 2 decimals")]
        [DataRow("{\"temperatureThreshold\":1e300}", "temperatureThreshold", "must be a number from 0 to 50 with at most 2 decimals")]
        [DataRow("{\"humidityThreshold\":100.01}", "humidityThreshold", "must be a number from 0 to 100 with at most 2 decimals")]
        [DataRow("{\"pressureThreshold\":[1]}", "pressureThreshold", "must be a number from 0 to 1000 with at most 2 decimals")]
        [DataRow("{\"telemetryIntervalSeconds\":-1}", "telemetryIntervalSeconds", "must be 0 (no telemetry) or an integer from 1 to 86400")]
        [DataRow("{\"telemetryIntervalSeconds\":86401}", "telemetryIntervalSeconds", "must be 0 (no telemetry) or an integer from 1 to 86400")]
        [DataRow("{\"telemetryBatchSize\":0}", "telemetryBatchSize", "must be an integer from 1 to 12 (the device's memory budget)")]
        [DataRow("{\"telemetryBatchSize\":13}", "telemetryBatchSize", "must be an integer from 1 to 12 (the device's memory budget)")]
        public void BadValue_ChangesNothing_AndIsNamedInErrors(string delta, string key, string reason)
        {
            DeviceSettings settings = new DeviceSettings();
            DesiredState state = new DesiredState(settings);
            Assert.AreEqual(0, Apply(state, delta));
            DeviceSettings defaults = new DeviceSettings();
            for (int i = 0; i < DeviceSettings.Count; i++)
            {
                Assert.AreEqual(defaults.Get(i), settings.Get(i), "setting " + i.ToString() + " unchanged");
            }

            Assert.AreEqual(reason, state.ErrorOf(key));
            Assert.AreEqual("{\"errors\":{\"" + key + "\":\"" + reason + "\"}}", Pending(state));
        }

        [TestMethod]
        public void MixedDelta_AppliesTheGoodKeys_AndNamesTheOthers()
        {
            DesiredState state = new DesiredState(new DeviceSettings());
            Assert.AreEqual(1, Apply(state, "{\"led\":true,\"reportIntervalSeconds\":1,\"color\":\"red\"}"));
            Assert.IsTrue(state.Settings.LedOn);
            Assert.AreEqual(300000L, state.Settings.ReportIntervalMs);
            Assert.AreEqual(2, state.ErrorCount);
            Assert.AreEqual("{\"led\":true,\"errors\":{\"reportIntervalSeconds\":\"must be an integer from 5 to 86400\",\"color\":\"" + Unknown + "\"}}", Pending(state));
        }

        [TestMethod]
        public void FixedErrors_AreClearedWithNull_UnknownKeysWhenTheyLeaveTheDelta()
        {
            DesiredState state = new DesiredState(new DeviceSettings());
            Apply(state, "{\"reportIntervalSeconds\":1,\"color\":\"red\"}");
            Pending(state);
            state.OnReportAccepted();

            // The user fixed the interval; color is still desired (AWS repeats every differing key).
            Apply(state, "{\"reportIntervalSeconds\":60,\"color\":\"red\"}");
            Assert.AreEqual("{\"reportIntervalSeconds\":60,\"errors\":{\"reportIntervalSeconds\":null}}", Pending(state));
            state.OnReportAccepted();

            // The user removed color from desired: the next delta (or get) no longer has it.
            Apply(state, "{}");
            Assert.AreEqual("{\"errors\":{\"color\":null}}", Pending(state));
            state.OnReportAccepted();
            Assert.IsFalse(state.HasPendingReport);
            Assert.AreEqual(0, state.ErrorCount);
        }

        [TestMethod]
        public void ReportNotAccepted_IsWrittenAgain()
        {
            DesiredState state = new DesiredState(new DeviceSettings());
            Apply(state, "{\"led\":true,\"x\":1}");
            string first = Pending(state);
            Assert.AreEqual(first, Pending(state), "nothing is marked reported until accepted");
            Assert.IsTrue(state.HasPendingReport);
        }

        [TestMethod]
        public void ChangeWhileAReportIsInFlight_IsNotLostWhenItIsAccepted()
        {
            DesiredState state = new DesiredState(new DeviceSettings());
            Apply(state, "{\"led\":true}");
            Pending(state);
            Apply(state, "{\"led\":false}");
            state.OnReportAccepted();
            Assert.IsTrue(state.HasPendingReport);
            Assert.AreEqual("{\"led\":false}", Pending(state));
        }

        [TestMethod]
        public void WriteAll_HasEverySettingAndEveryError()
        {
            DesiredState state = new DesiredState(new DeviceSettings());
            Apply(state, "{\"led\":true,\"humidityThreshold\":-2,\"zz\":0}");
            Assert.AreEqual("{\"led\":true,\"reportIntervalSeconds\":300,\"temperatureThreshold\":0.5,\"humidityThreshold\":2,\"pressureThreshold\":1,\"telemetryIntervalSeconds\":0,\"telemetryBatchSize\":10,\"errors\":{\"humidityThreshold\":\"must be a number from 0 to 100 with at most 2 decimals\",\"zz\":\"" + Unknown + "\"}}", All(state));
            state.OnReportAccepted();
            Assert.AreEqual("{\"led\":true,\"reportIntervalSeconds\":300,\"temperatureThreshold\":0.5,\"humidityThreshold\":2,\"pressureThreshold\":1,\"telemetryIntervalSeconds\":0,\"telemetryBatchSize\":10,\"errors\":{\"humidityThreshold\":\"must be a number from 0 to 100 with at most 2 decimals\",\"zz\":\"" + Unknown + "\"}}", All(state), "the first report after a connect repeats everything");
        }

        [TestMethod]
        public void ErrorsInTheShadowFromBeforeARestart_AreCleared()
        {
            DesiredState state = new DesiredState(new DeviceSettings());
            Assert.AreEqual((int)JsonStatus.Ok, (int)Text.Parse(Reader, "{\"led\":\"must be true or false\",\"foo\":\"unknown key\"}"));
            state.NoteReportedErrors(Reader, Reader.Root);
            Assert.IsTrue(state.HasPendingReport);
            Apply(state, "{}");
            Assert.AreEqual("{\"errors\":{\"led\":null,\"foo\":null}}", Pending(state));
        }

        [TestMethod]
        public void ClearErrors_DropsEveryCurrentErrorAndDeletesOnlyTheNamesTheShadowHolds()
        {
            DesiredState state = new DesiredState(new DeviceSettings());
            Apply(state, "{\"old\":1,\"led\":true}");
            Pending(state);
            state.OnReportAccepted();
            Apply(state, "{\"led\":\"x\",\"bad key\":1,\"old\":1}");
            Pending(state);
            // That report was refused for good (or a get/accepted said desired and reported agree).
            state.ClearErrors();
            Assert.IsNull(state.ErrorOf("bad key"));
            Assert.IsNull(state.ErrorOf("led"));
            Assert.AreEqual(0, state.ErrorCount);
            Assert.IsTrue(state.Settings.LedOn, "settings are untouched");
            Assert.AreEqual("{\"errors\":{\"old\":null}}", Pending(state), "the name the shadow holds is deleted; the refused report's new names are never sent again");
            state.OnReportAccepted();
            Assert.IsFalse(state.HasPendingReport);
        }

        [TestMethod]
        public void DuplicateNames_TheLastOneCounts()
        {
            DesiredState state = new DesiredState(new DeviceSettings());
            Assert.AreEqual(1, Apply(state, "{\"led\":\"x\",\"led\":true}"));
            Assert.IsTrue(state.Settings.LedOn);
            Assert.AreEqual(0, state.ErrorCount);

            state = new DesiredState(new DeviceSettings());
            Assert.AreEqual(0, Apply(state, "{\"led\":true,\"led\":\"x\"}"));
            Assert.IsFalse(state.Settings.LedOn, "never half-applied");
            Assert.AreEqual("must be true or false", state.ErrorOf("led"));
        }

        [TestMethod]
        public void ManyUnknownKeys_AreBounded_AndLongNamesAreCut()
        {
            DesiredState state = new DesiredState(new DeviceSettings());
            string delta = "{";
            for (int i = 0; i < 20; i++)
            {
                delta += (i == 0 ? "" : ",") + "\"k" + i.ToString() + "\":" + i.ToString();
            }

            Apply(state, delta + "}");
            Assert.AreEqual(DesiredState.MaxUnknownKeys, state.ErrorCount);

            string longName = new string('a', 100);
            state = new DesiredState(new DeviceSettings());
            Apply(state, "{\"" + longName + "\":1,\"" + new string('b', 1000) + "\":2}");
            Assert.AreEqual(Unknown, state.ErrorOf(new string('a', 64)));
            Assert.AreEqual(Unknown, state.ErrorOf("(name too long)"));
        }

        [TestMethod]
        public void HugeDelta_KeepsTheErrorsBounded_AndAppliesTheKnownKeys()
        {
            // About 20 KB (within the reader's 32 KB): 1000 unknown keys, a 2 KB key name, a 2 KB string value, and a valid led at the end.
            string delta = "{";
            for (int i = 0; i < 1000; i++)
            {
                delta += "\"key" + i.ToString() + "\":" + i.ToString() + ",";
            }

            delta += "\"" + new string('n', 2048) + "\":1,\"reportIntervalSeconds\":\"" + new string('9', 2048) + "\",\"led\":true}";
            DesiredState state = new DesiredState(new DeviceSettings());
            Assert.AreEqual(1, Apply(state, delta));
            Assert.IsTrue(state.Settings.LedOn);
            Assert.AreEqual(DesiredState.MaxUnknownKeys + 1, state.ErrorCount);
            string report = Pending(state);
            Assert.IsTrue(report.Length < 1500, "the answer stays small: " + report.Length.ToString() + " bytes");
        }

        [TestMethod]
        public void NotAnObject_AppliesNothing()
        {
            DesiredState state = new DesiredState(new DeviceSettings());
            Assert.AreEqual(0, Apply(state, "[true]"));
            Assert.AreEqual(0, Apply(state, "\"led\""));
            Assert.AreEqual(0, state.Apply(Reader, -1));
            Assert.AreEqual(0, state.ErrorCount);
        }

        [TestMethod]
        public void AnyInput_NeverThrows_AndSettingsStayInRange()
        {
            SeededRandom random = new SeededRandom(20261122);
            string[] seeds = new string[]
            {
                "{\"led\":true,\"reportIntervalSeconds\":60,\"temperatureThreshold\":0.25,\"x\":{\"y\":[1,2,{\"z\":null}]}}",
                "{\"humidityThreshold\":99.99,\"pressureThreshold\":1000,\"led\":false}",
            };
            const string alphabet = "{}[]\":,.-+eE0123456789truefalsnl \\u";
            DeviceSettings settings = new DeviceSettings();
            DesiredState state = new DesiredState(settings);
            byte[] buffer = new byte[600];
            int parsed = 0;
            for (int round = 0; round < 3000; round++)
            {
                byte[] seed = Text.Bytes(seeds[round % seeds.Length]);
                // A third truncated, a third with up to 3 byte mutations, a third with at most one.
                int length = round % 3 == 0 ? random.Next(seed.Length + 1) : seed.Length;
                Array.Copy(seed, buffer, length);
                int mutations = round % 3 == 1 ? random.Next(4) : random.Next(2);
                for (int m = 0; m < mutations && length > 0; m++)
                {
                    buffer[random.Next(length)] = (byte)alphabet[random.Next(alphabet.Length)];
                }

                if (round % 500 == 0)
                {
                    // Deep nesting under a key.
                    string deep = "{\"led\":" + new string('[', 200) + new string(']', 200) + "}";
                    byte[] d = Text.Bytes(deep);
                    length = d.Length;
                    Array.Copy(d, buffer, length);
                }

                if (Reader.Parse(buffer, 0, length) == JsonStatus.Ok)
                {
                    parsed++;
                    state.Apply(Reader, Reader.Root);
                    Pending(state);
                    if (random.Next(2) == 0)
                    {
                        state.OnReportAccepted();
                    }
                }

                for (int i = 0; i < DeviceSettings.Count; i++)
                {
                    Assert.IsTrue(settings.Get(i) >= DeviceSettings.Specs[i].Min && settings.Get(i) <= DeviceSettings.Specs[i].Max);
                }

                Assert.IsTrue(state.ErrorCount <= DeviceSettings.DesiredKeyCount + DesiredState.MaxUnknownKeys);
            }

            Assert.IsTrue(parsed > 100, "enough inputs were valid JSON to exercise Apply");
        }
    }
}
