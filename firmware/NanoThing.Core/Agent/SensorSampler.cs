using NanoThing.Core.Reporting;
using NanoThing.Core.Seams;
using NanoThing.Core.Sensors;

namespace NanoThing.Core.Agent
{
    /// <summary>
    /// Runs the BME280's measurements when the <see cref="ReportingPolicy"/> says one is due: starts it, polls it every
    /// <see cref="MeasurementPollMs"/> until it completes (a fault completes it too, logged and reported as a fault,
    /// never as a value), and leaves the outcome in <see cref="Reading"/>. Agent's thread only; the sensor's transfers
    /// are the only blocking calls. Allocates nothing after construction unless a fault is logged.
    /// </summary>
    public sealed class SensorSampler
    {
        /// <summary>How often a measurement in progress is polled.</summary>
        public const int MeasurementPollMs = 5;

        private readonly Bme280 _sensor;
        private readonly ReportingPolicy _policy;
        private readonly ILog _log;
        private readonly Bme280Reading _reading = new Bme280Reading();
        private bool _measuring;

        /// <summary>A sampler of <paramref name="sensor"/> on <paramref name="policy"/>'s schedule; <paramref name="log"/> may be null.</summary>
        public SensorSampler(Bme280 sensor, ReportingPolicy policy, ILog log)
        {
            _sensor = sensor;
            _policy = policy;
            _log = log;
        }

        /// <summary>True while a measurement is in progress (a report waits for it: it ends within <see cref="Bme280.MeasurementTimeoutMs"/>).</summary>
        public bool IsMeasuring { get { return _measuring; } }

        /// <summary>The last completed measurement (valid after <see cref="Poll"/> returned true, until the next one completes).</summary>
        public Bme280Reading Reading { get { return _reading; } }

        /// <summary>Starts a measurement when one is due and advances the one in progress. True when one completed now (Ok or fault).</summary>
        public bool Poll(long now)
        {
            if (!_measuring && _policy.IsSampleDue(now))
            {
                _policy.OnSampleStarted(now);
                _sensor.Start(now);
                _measuring = true;
            }

            if (!_measuring)
            {
                return false;
            }

            SensorStatus status = _sensor.TryComplete(now, _reading);
            if (status == SensorStatus.Busy)
            {
                return false;
            }

            _measuring = false;
            if (SensorStatusNames.IsFault(status) && LogGate.IsOn(_log, LogLevel.Warning))
            {
                LogFault(status);
            }

            return true;
        }

        /// <summary>When <see cref="Poll"/> is next needed, seen from <paramref name="now"/>: soon while measuring, else when the next sample is due.</summary>
        public long NextPollMs(long now)
        {
            return _measuring ? now + MeasurementPollMs : _policy.NextSampleMs;
        }

        private void LogFault(SensorStatus status)
        {
            _log.Write(LogLevel.Warning, "sensor bme280 (I2C address " + (_sensor.Address == 0 ? "auto" : _sensor.Address.ToString()) + "): " + SensorStatusNames.Of(status) + "; reported as a fault");
        }
    }
}
