using NanoThing.Core.Runtime;

namespace NanoThing.Core.Desired
{
    /// <summary>
    /// The live settings of the thing: what the device config file starts with and the shadow's desired state
    /// may change. Values are addressed by key index (the constants below) so that the desired-state table and
    /// the config reader share one loop and one validation; typed properties read them. Every value is always
    /// within its <see cref="SettingSpec"/> range: <see cref="TrySet"/> refuses anything else.
    /// Not thread-safe: owned by the agent's thread.
    /// </summary>
    public sealed class DeviceSettings
    {
        /// <summary>led: the LED is on (true/false). Desired only.</summary>
        public const int Led = 0;
        /// <summary>reportIntervalSeconds: the longest time between two reports (a report with every value).</summary>
        public const int ReportIntervalSeconds = 1;
        /// <summary>temperatureThreshold: change in degC that triggers a report.</summary>
        public const int TemperatureThreshold = 2;
        /// <summary>humidityThreshold: change in %RH that triggers a report.</summary>
        public const int HumidityThreshold = 3;
        /// <summary>pressureThreshold: change in hPa that triggers a report.</summary>
        public const int PressureThreshold = 4;
        /// <summary>telemetryIntervalSeconds: the time between two telemetry records, 0 = telemetry off (a record is taken from every Nth sample, N = this over the sample interval, rounded up).</summary>
        public const int TelemetryIntervalSeconds = 5;
        /// <summary>telemetryBatchSize: telemetry records per message (and per block of the buffer on flash).</summary>
        public const int TelemetryBatchSize = 6;
        /// <summary>The keys from this index on may be set in the device config file (led is desired state only).</summary>
        public const int FirstConfigKey = 1;
        /// <summary>The keys below this index may be changed by the desired state.</summary>
        public const int DesiredKeyCount = 7;
        /// <summary>sampleIntervalSeconds: time between two sensor measurements. Config only.</summary>
        public const int SampleIntervalSeconds = 7;
        /// <summary>minReportIntervalSeconds: the shortest time between two reports. Config only.</summary>
        public const int MinReportIntervalSeconds = 8;
        /// <summary>Number of settings.</summary>
        public const int Count = 9;

        /// <summary>
        /// Name, kind and range of every setting, by key index. telemetryIntervalSeconds: 0 (off) or 1 s to a day, like
        /// reportIntervalSeconds' upper bound; below the sample interval it means every sample (records come from
        /// samples). telemetryBatchSize: 1 to what the memory budget holds (<see cref="MemoryBudget.TelemetryMaxBatchRecords"/>).
        /// </summary>
        public static readonly SettingSpec[] Specs = new SettingSpec[]
        {
            new SettingSpec("led", SettingKind.Boolean, 0, 1),
            new SettingSpec("reportIntervalSeconds", SettingKind.Integer, 5, 86400),
            new SettingSpec("temperatureThreshold", SettingKind.Centi, 0, 5000),
            new SettingSpec("humidityThreshold", SettingKind.Centi, 0, 10000),
            new SettingSpec("pressureThreshold", SettingKind.Centi, 0, 100000),
            new SettingSpec("telemetryIntervalSeconds", SettingKind.Integer, 0, 86400, "must be 0 (no telemetry) or an integer from 1 to 86400"),
            new SettingSpec("telemetryBatchSize", SettingKind.Integer, 1, MemoryBudget.TelemetryMaxBatchRecords, "must be an integer from 1 to " + MemoryBudget.TelemetryMaxBatchRecords.ToString() + " (the device's memory budget)"),
            new SettingSpec("sampleIntervalSeconds", SettingKind.Integer, 1, 3600),
            new SettingSpec("minReportIntervalSeconds", SettingKind.Integer, 1, 3600),
        };

        private static readonly int[] Defaults = new int[] { 0, 300, 50, 200, 100, 0, 10, 10, 5 };

        private readonly int[] _values = new int[Count];

        /// <summary>Settings with the defaults: LED off, report every 300 s at least and 5 s at most, sample every 10 s, thresholds 0.5 degC, 2 %RH, 1 hPa, telemetry off with 10 records a message.</summary>
        public DeviceSettings()
        {
            for (int i = 0; i < Count; i++)
            {
                _values[i] = Defaults[i];
            }
        }

        /// <summary>The stored value of <paramref name="key"/> (1/0 for a boolean, hundredths for a threshold).</summary>
        public int Get(int key)
        {
            return _values[key];
        }

        /// <summary>Sets <paramref name="key"/> when <paramref name="value"/> is within its range; false (and unchanged) otherwise or for an unknown key.</summary>
        public bool TrySet(int key, int value)
        {
            if (key < 0 || key >= Count || value < Specs[key].Min || value > Specs[key].Max)
            {
                return false;
            }

            _values[key] = value;
            return true;
        }

        /// <summary>The key index of the setting called <paramref name="name"/> among the first <paramref name="count"/> keys, or -1.</summary>
        public static int IndexOf(string name, int count)
        {
            for (int i = 0; i < count && i < Count; i++)
            {
                if (Specs[i].Name == name)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>True when the LED should be on.</summary>
        public bool LedOn { get { return _values[Led] != 0; } }

        /// <summary>Longest time between reports, in ms.</summary>
        public long ReportIntervalMs { get { return _values[ReportIntervalSeconds] * 1000L; } }

        /// <summary>Shortest time between reports, in ms.</summary>
        public long MinReportIntervalMs { get { return _values[MinReportIntervalSeconds] * 1000L; } }

        /// <summary>Time between measurements, in ms.</summary>
        public long SampleIntervalMs { get { return _values[SampleIntervalSeconds] * 1000L; } }

        /// <summary>Time between telemetry records, in ms (0: telemetry off).</summary>
        public long TelemetryIntervalMs { get { return _values[TelemetryIntervalSeconds] * 1000L; } }

        /// <summary>Telemetry records per message, 1..<see cref="MemoryBudget.TelemetryMaxBatchRecords"/>.</summary>
        public int TelemetryRecordsPerBatch { get { return _values[TelemetryBatchSize]; } }

        /// <summary>Temperature change that triggers a report, in 0.01 degC.</summary>
        public int TemperatureThresholdCenti { get { return _values[TemperatureThreshold]; } }

        /// <summary>Humidity change that triggers a report, in 0.01 %RH.</summary>
        public int HumidityThresholdCenti { get { return _values[HumidityThreshold]; } }

        /// <summary>Pressure change that triggers a report, in 0.01 hPa (Pa).</summary>
        public int PressureThresholdCenti { get { return _values[PressureThreshold]; } }
    }
}
