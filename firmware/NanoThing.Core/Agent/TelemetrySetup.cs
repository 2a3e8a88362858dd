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
        /// flash folder on the virtual board): topic and buffer size from the config; the record interval and batch size
        /// read live from <see cref="DeviceConfig.Settings"/> (the config starts them, the desired state may change
        /// them, so the feature exists even while telemetryIntervalSeconds is 0: then it takes no records and sends only
        /// a backlog left on flash). Pass the same <paramref name="config"/> to the <see cref="ThingAgent"/>.
        /// </summary>
        public static TelemetryFeature Create(DeviceConfig config, IStorage storage, IMqttDelivery delivery, IClock clock, ILog log)
        {
            TelemetryOptions options = new TelemetryOptions(config.ThingName);
            if (config.TelemetryTopic != null)
            {
                options.Topic = config.TelemetryTopic;
            }

            options.BufferBlocks = config.TelemetryBufferBlocks;
            return new TelemetryFeature(config.ThingName, options, config.Settings, storage, delivery, clock, log);
        }
    }
}
