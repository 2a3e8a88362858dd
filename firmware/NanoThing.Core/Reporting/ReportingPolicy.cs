using NanoThing.Core.Desired;
using NanoThing.Core.Json;
using NanoThing.Core.Runtime;
using NanoThing.Core.Sensors;

namespace NanoThing.Core.Reporting
{
    /// <summary>
    /// Decides when to measure and when and what to report, from the caller's monotonic clock alone.
    /// <list type="bullet">
    /// <item>Sample every <see cref="DeviceSettings.SampleIntervalMs"/> (<see cref="IsSampleDue"/>).</item>
    /// <item>Report a quantity when it moved by at least its threshold since the value last reported (any change
    /// when the threshold is 0), when the sensor's fault state changed, when the button count changed, and every
    /// quantity when <see cref="DeviceSettings.ReportIntervalMs"/> passed since the last accepted report; never two
    /// reports within <see cref="DeviceSettings.MinReportIntervalMs"/>.</item>
    /// <item>A report carries only what changed; the first report after <see cref="OnConnected"/> carries
    /// everything: every quantity (null when there is no valid value, which deletes a stale one from the shadow),
    /// the faults, the button count, firmware version, uptime and reset reason when known.</item>
    /// <item>A sensor fault is reported as <c>"faults":{"bme280":"busError"}</c> and its quantities as null, never
    /// as values; <c>"bme280":null</c> clears it when the sensor reads again.</item>
    /// </list>
    /// The agent asks <see cref="IsReportDue"/> every tick; when true (and no report is in flight) it opens
    /// <c>state.reported</c>, calls <see cref="WriteReport"/> (and the desired state's writer), sends, and calls
    /// <see cref="OnReportAccepted"/> on update/accepted. Nothing counts as reported before that, so a rejected or
    /// lost report is covered by the next one, which carries the latest values. No allocation after construction.
    /// Not thread-safe: owned by the agent's thread.
    /// </summary>
    public sealed class ReportingPolicy
    {
        /// <summary>The name under which the environment sensor's faults are reported.</summary>
        public static readonly string SensorName = "bme280";

        /// <summary>Index of the temperature (0.01 degC).</summary>
        public const int Temperature = 0;
        /// <summary>Index of the relative humidity (0.01 %RH).</summary>
        public const int Humidity = 1;
        /// <summary>Index of the pressure (0.01 hPa).</summary>
        public const int Pressure = 2;

        private const int Quantities = 3;
        // Names as static fields: in nanoCLR every ldstr creates a new string, a static field does not.
        private static readonly string[] Names = NewNames();
        private static readonly string ButtonPressesName = "buttonPresses";
        private static readonly string FirmwareVersionName = "firmwareVersion";
        private static readonly string UptimeSecondsName = "uptimeSeconds";
        private static readonly string FreeMemoryBytesName = "freeMemoryBytes";
        private static readonly string ResetReasonName = "resetReason";
        private static readonly string FaultsName = "faults";

        private readonly DeviceSettings _settings;
        private readonly string _firmwareVersion;
        private readonly long _bootMs;
        private readonly int[] _value = new int[Quantities];
        private readonly bool[] _valid = new bool[Quantities];
        private readonly int[] _reportedValue = new int[Quantities];
        private readonly bool[] _reportedValid = new bool[Quantities];
        private readonly bool[] _reportedKnown = new bool[Quantities];
        private readonly int[] _sentValue = new int[Quantities];
        private readonly bool[] _sentValid = new bool[Quantities];
        private readonly bool[] _sentIncluded = new bool[Quantities];
        private SensorStatus _fault = SensorStatus.Ok;
        private SensorStatus _reportedFault = SensorStatus.Ok;
        private SensorStatus _sentFault;
        private bool _sentFaultIncluded;
        private int _presses;
        private int _reportedPresses;
        private int _sentPresses;
        private bool _fullPending = true;
        private bool _sentFull;
        private bool _sentEverything;
        private bool _sent;
        private bool _everSent;
        private long _lastSentMs;
        private bool _everAccepted;
        private long _lastAcceptedMs;
        private bool _everSampled;
        private long _lastSampleMs;
        private string _resetReason;
        private long _freeMemoryBytes = -1;

        /// <summary>
        /// A policy over <paramref name="settings"/> (read at every decision, so desired changes apply at once),
        /// for a device that booted at <paramref name="bootMs"/> on the monotonic clock.
        /// </summary>
        public ReportingPolicy(DeviceSettings settings, string firmwareVersion, long bootMs)
        {
            _settings = settings;
            _firmwareVersion = firmwareVersion;
            _bootMs = bootMs;
        }

        /// <summary>Why the device last restarted (e.g. "powerOn", "watchdog"), reported after each connect; null when unknown (then not reported).</summary>
        public string ResetReason
        {
            get { return _resetReason; }
            set { _resetReason = value; }
        }

        /// <summary>True when a measurement should start at <paramref name="nowMs"/>: at once after boot, then every sample interval.</summary>
        public bool IsSampleDue(long nowMs)
        {
            return !_everSampled || nowMs - _lastSampleMs >= _settings.SampleIntervalMs;
        }

        /// <summary>When the next measurement is due (monotonic ms): a sample interval after the last one started (<see cref="IsSampleDue"/>).</summary>
        public long NextSampleMs { get { return _lastSampleMs + _settings.SampleIntervalMs; } }

        /// <summary>A measurement started at <paramref name="nowMs"/>.</summary>
        public void OnSampleStarted(long nowMs)
        {
            _everSampled = true;
            _lastSampleMs = nowMs;
        }

        /// <summary>
        /// Takes the outcome of a measurement: an Ok reading replaces the current values (humidity becomes absent
        /// when the part has none) and clears the fault; a fault status makes every quantity absent and records the
        /// fault. <see cref="SensorStatus.Busy"/> and <see cref="SensorStatus.Idle"/> are ignored.
        /// </summary>
        public void OnSample(Bme280Reading reading)
        {
            SensorStatus status = reading.Status;
            if (status == SensorStatus.Busy || status == SensorStatus.Idle)
            {
                return;
            }

            bool ok = status == SensorStatus.Ok;
            _fault = status;
            Set(Temperature, ok && reading.TemperatureValid, reading.TemperatureCentiCelsius);
            Set(Humidity, ok && reading.HumidityValid, reading.HumidityCentiPercent);
            Set(Pressure, ok && reading.PressureValid, reading.PressureCentiHectopascal);
        }

        /// <summary>The button was pressed; <paramref name="pressCount"/> is its running count. Requests a report as soon as the minimum interval allows.</summary>
        public void OnButtonPressed(int pressCount)
        {
            _presses = pressCount;
        }

        /// <summary>A connection was established: the next report carries everything.</summary>
        public void OnConnected()
        {
            _fullPending = true;
        }

        /// <summary>
        /// True from construction and from every <see cref="OnConnected"/> until a report written while it was true is
        /// accepted: the next report carries everything (here and in whatever else the report holds). The one record of
        /// "full report after connect".
        /// </summary>
        public bool IsFullReportPending { get { return _fullPending; } }

        /// <summary>When the minimum interval since the last report ends (monotonic ms; <see cref="MayReport"/>), counted from the one record of "last report time".</summary>
        public long EarliestReportMs { get { return _lastSentMs + _settings.MinReportIntervalMs; } }

        /// <summary>True when the minimum interval since the last report has passed (also for reports the agent needs for other reasons, e.g. desired state).</summary>
        public bool MayReport(long nowMs)
        {
            return !_everSent || nowMs - _lastSentMs >= _settings.MinReportIntervalMs;
        }

        /// <summary>True when a report should be sent at <paramref name="nowMs"/> (see the class summary).</summary>
        public bool IsReportDue(long nowMs)
        {
            if (!MayReport(nowMs))
            {
                return false;
            }

            if (_fullPending || IsHeartbeatDue(nowMs) || _fault != _reportedFault || _presses != _reportedPresses)
            {
                return true;
            }

            for (int q = 0; q < Quantities; q++)
            {
                if (HasChanged(q))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Free managed memory in bytes to report with the uptime (-1, the default, leaves it out). Set it just before
        /// <see cref="WriteReport"/> when <see cref="IsEverythingDue"/>.
        /// </summary>
        public long FreeMemoryBytes
        {
            get { return _freeMemoryBytes; }
            set { _freeMemoryBytes = value; }
        }

        /// <summary>True when the next report carries everything (the first after a connect, or a heartbeat at the maximum interval).</summary>
        public bool IsEverythingDue(long nowMs)
        {
            return _fullPending || IsHeartbeatDue(nowMs);
        }

        /// <summary>
        /// Writes the members due at <paramref name="nowMs"/> into the caller's open reported object (nothing when
        /// nothing is due) and remembers them as in flight until <see cref="OnReportAccepted"/>. Counts as a report
        /// for the minimum interval.
        /// </summary>
        public void WriteReport(long nowMs, JsonWriter writer)
        {
            bool full = _fullPending;
            bool everything = IsEverythingDue(nowMs);
            for (int q = 0; q < Quantities; q++)
            {
                _sentIncluded[q] = everything || HasChanged(q);
                _sentValue[q] = _value[q];
                _sentValid[q] = _valid[q];
                if (!_sentIncluded[q])
                {
                    continue;
                }

                if (_valid[q])
                {
                    CentiValue.WriteProperty(writer, Names[q], _value[q]);
                }
                else
                {
                    writer.PropertyNull(Names[q]);
                }
            }

            _sentFault = _fault;
            _sentFaultIncluded = full || _fault != _reportedFault;
            if (_sentFaultIncluded)
            {
                WriteFault(writer, full);
            }

            _sentPresses = _presses;
            if (full || _presses != _reportedPresses)
            {
                writer.Property(ButtonPressesName, _presses);
            }

            if (full)
            {
                writer.Property(FirmwareVersionName, _firmwareVersion);
            }

            if (everything)
            {
                writer.Property(UptimeSecondsName, (nowMs - _bootMs) / 1000);
                if (_freeMemoryBytes >= 0)
                {
                    writer.Property(FreeMemoryBytesName, _freeMemoryBytes);
                }
            }

            if (full && _resetReason != null)
            {
                writer.Property(ResetReasonName, _resetReason);
            }

            _sentFull = full;
            _sentEverything = everything;
            _sent = true;
            _everSent = true;
            _lastSentMs = nowMs;
        }

        /// <summary>The report last written was accepted (update/accepted with its clientToken): its values are now the shadow's.</summary>
        public void OnReportAccepted()
        {
            if (!_sent)
            {
                return;
            }

            _sent = false;
            for (int q = 0; q < Quantities; q++)
            {
                if (_sentIncluded[q])
                {
                    _reportedKnown[q] = true;
                    _reportedValid[q] = _sentValid[q];
                    _reportedValue[q] = _sentValue[q];
                }
            }

            if (_sentFaultIncluded)
            {
                _reportedFault = _sentFault;
            }

            _reportedPresses = _sentPresses;
            if (_sentFull)
            {
                _fullPending = false;
            }

            if (_sentEverything)
            {
                _everAccepted = true;
                _lastAcceptedMs = _lastSentMs;
            }
        }

        private void WriteFault(JsonWriter writer, bool full)
        {
            if (_fault == SensorStatus.Ok && full)
            {
                // Deletes every fault the shadow may still hold from before this connection.
                writer.PropertyNull(FaultsName);
                return;
            }

            writer.Name(FaultsName);
            writer.BeginObject();
            if (_fault == SensorStatus.Ok)
            {
                writer.PropertyNull(SensorName);
            }
            else
            {
                writer.Property(SensorName, SensorStatusNames.Of(_fault));
            }

            writer.EndObject();
        }

        private static string[] NewNames()
        {
            string[] names = StringArray.Create(Quantities);
            names[Temperature] = "temperature";
            names[Humidity] = "humidity";
            names[Pressure] = "pressure";
            return names;
        }

        private void Set(int q, bool valid, int value)
        {
            _valid[q] = valid;
            _value[q] = valid ? value : 0;
        }

        private bool IsHeartbeatDue(long nowMs)
        {
            return _everAccepted && nowMs - _lastAcceptedMs >= _settings.ReportIntervalMs;
        }

        private bool HasChanged(int q)
        {
            if (!_reportedKnown[q])
            {
                return _valid[q];
            }

            if (_valid[q] != _reportedValid[q])
            {
                return true;
            }

            if (!_valid[q])
            {
                return false;
            }

            int delta = _value[q] - _reportedValue[q];
            if (delta < 0)
            {
                delta = -delta;
            }

            return delta != 0 && delta >= Threshold(q);
        }

        private int Threshold(int q)
        {
            return q == Temperature ? _settings.TemperatureThresholdCenti : (q == Humidity ? _settings.HumidityThresholdCenti : _settings.PressureThresholdCenti);
        }
    }
}
