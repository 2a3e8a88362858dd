using NanoThing.Core.Runtime;
using NanoThing.Core.Seams;
using NanoThing.Core.Shadow;

namespace NanoThing.Core.Agent
{
    /// <summary>What a <see cref="ThingAgent"/> needs beyond the device config; the defaults suit AWS IoT Core and an ESP32.</summary>
    public sealed class ThingAgentOptions
    {
        /// <summary>The firmware version carried by the first report after each connect.</summary>
        public string FirmwareVersion = "0.0.0";

        /// <summary>Why the device last restarted (e.g. "powerOn", "watchdog"), reported after each connect; null when unknown.</summary>
        public string ResetReason;

        /// <summary>The MQTT keep-alive sent in CONNECT (AWS IoT accepts 30..1200 s).</summary>
        public int KeepAliveSeconds = 60;

        /// <summary>
        /// Payload bytes the inbox holds between the session's thread and the agent's step: the largest message the
        /// device can receive (<see cref="MemoryBudget.LargestIncomingBytes"/>). A get/accepted carries AWS's metadata
        /// beside the state (up to 8 KB of desired and reported), so a shadow filled by others can be larger: it is
        /// dropped and logged as an error.
        /// </summary>
        public int InboxCapacityBytes = MemoryBudget.LargestIncomingBytes;

        /// <summary>Messages the inbox holds; further ones are dropped and counted until the step drains it.</summary>
        public int InboxMaxMessages = 8;

        /// <summary>Source of the free managed memory reported with the uptime (after each connect and with every heartbeat report); null to leave it out.</summary>
        public IMemoryGauge MemoryGauge;

        /// <summary>
        /// Telemetry (a record per sample, batched into QoS 1 messages, buffered on flash through outages), or null for
        /// none (then the agent's traffic is exactly what it was without the feature). The agent restores it at
        /// construction, feeds it every measurement and lets it publish after the shadow's full report.
        /// </summary>
        public Telemetry.TelemetryFeature Telemetry;

        /// <summary>Settings of the shadow client; null for the defaults. Its ShadowName is replaced by the device config's.</summary>
        public ShadowClientOptions Shadow;
    }
}
