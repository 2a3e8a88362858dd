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

        /// <summary>Payload bytes the inbox holds between the session's thread and the agent's step (a get/accepted of a full 8 KB shadow needs about 10 KB).</summary>
        public int InboxCapacityBytes = 12288;

        /// <summary>Messages the inbox holds; further ones are dropped and counted until the step drains it.</summary>
        public int InboxMaxMessages = 8;

        /// <summary>Source of the free managed memory reported with the uptime (after each connect and with every heartbeat report); null to leave it out.</summary>
        public IMemoryGauge MemoryGauge;

        /// <summary>Settings of the shadow client; null for the defaults. Its ShadowName is replaced by the device config's.</summary>
        public ShadowClientOptions Shadow;
    }
}
