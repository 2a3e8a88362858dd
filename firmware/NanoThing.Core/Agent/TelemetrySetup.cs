using NanoThing.Core.Config;
using NanoThing.Core.Seams;
using NanoThing.Core.Telemetry;

namespace NanoThing.Core.Agent
{
    /// <summary>Telemetry as the device config asks for it: the one place the apps (ESP32, virtual board) build it.</summary>
    public static class TelemetrySetup
    {
        /// <summary>
        /// The feature for <paramref name="config"/>, buffering in <paramref name="storage"/> (I:\ on the device, the
        /// flash folder on the virtual board), or null when <see cref="DeviceConfig.TelemetryIntervalSeconds"/> is 0.
        /// A record is taken from every Nth sample, N = the interval over the sample interval, rounded up.
        /// </summary>
        public static TelemetryFeature Create(DeviceConfig config, IStorage storage, IMqttDelivery delivery, IClock clock, ILog log)
        {
            if (config.TelemetryIntervalSeconds <= 0)
            {
                return null;
            }

            TelemetryOptions options = new TelemetryOptions(config.ThingName);
            if (config.TelemetryTopic != null)
            {
                options.Topic = config.TelemetryTopic;
            }

            long sampleMs = config.Settings.SampleIntervalMs < 1 ? 1 : config.Settings.SampleIntervalMs;
            long every = ((config.TelemetryIntervalSeconds * 1000L) + sampleMs - 1) / sampleMs;
            options.SampleEvery = every < 1 ? 1 : (int)every;
            options.BatchSize = config.TelemetryBatchSize;
            options.BufferBlocks = config.TelemetryBufferBlocks;
            return new TelemetryFeature(config.ThingName, options, storage, delivery, clock, log);
        }
    }
}
