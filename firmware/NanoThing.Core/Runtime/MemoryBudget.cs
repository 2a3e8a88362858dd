namespace NanoThing.Core.Runtime
{
    /// <summary>
    /// The device's managed-memory budget: the one statement every memory limit of Core derives from (the inbox, the
    /// largest reply parsed). Sized for an ESP32 WROOM (no PSRAM), whose managed heap is about 90 KB: TLS buffers
    /// live in the native heap beside it (reference/aws-iot.md, nanoFramework on ESP32). bench/README.md "Memory
    /// budget" puts Core's measured figures beside it.
    /// <para>
    /// An incoming message is counted twice: nanoFramework's M2Mqtt allocates one contiguous byte array per incoming
    /// PUBLISH for its whole payload, and the agent's inbox keeps a copy until the agent's step has read it (in place:
    /// reading allocates nothing). A message larger than <see cref="LargestIncomingBytes"/> is dropped by the agent
    /// and logged as an error; one so large that M2Mqtt cannot allocate it drops the link, and the shadow client then
    /// stops reading the shadow for a while instead of reading it again on every reconnect
    /// (<see cref="Shadow.ShadowClientOptions.MaxGetsLostToLink"/>).
    /// </para>
    /// </summary>
    public static class MemoryBudget
    {
        /// <summary>The managed heap of an ESP32 WROOM running nanoFramework (nf-interpreter PR #1986: cut to 90 KB to leave room for TLS).</summary>
        public const int ManagedHeapBytes = 90 * 1024;

        /// <summary>
        /// Held by everything but Core: the runtime's own objects, the app's and libraries' static state, Wi-Fi,
        /// sockets, the M2Mqtt client and its threads. An allowance, not a measurement: no board was measured here.
        /// </summary>
        public const int PlatformBytes = 48 * 1024;

        /// <summary>
        /// Core's fixed memory besides the inbox: the request buffer (<see cref="Shadow.ShadowClientOptions.DocumentCapacity"/>,
        /// 4 KB), readers, writers, tables. Measured on the host: 9,456 bytes with .NET's 64-bit object layout, an upper
        /// bound of the device's (bench/README.md "Memory budget").
        /// </summary>
        public const int CoreFixedBytes = 10 * 1024;

        /// <summary>
        /// The most telemetry records per message (and per block of the buffer on flash): what <see cref="TelemetryBytes"/>
        /// holds. The upper bound of the setting telemetryBatchSize (<see cref="Desired.DeviceSettings.TelemetryBatchSize"/>).
        /// </summary>
        public const int TelemetryMaxBatchRecords = 12;

        /// <summary>
        /// Telemetry's fixed memory (NanoThing.Core.Telemetry): the message buffer at <see cref="TelemetryMaxBatchRecords"/>
        /// records (2,906 bytes), two batches of records (the one filling, the one in flight), a block buffer and the block a backlog read returns, the
        /// buffer's index and slot names (64 blocks). An allowance over the parts' sizes.
        /// </summary>
        public const int TelemetryBytes = 6 * 1024;

        /// <summary>Left free for garbage-collector fragmentation and short-lived allocations (log lines, an unknown key's name).</summary>
        public const int HeadroomBytes = 8 * 1024;

        /// <summary>
        /// The largest incoming message payload the device can receive: what remains, halved (M2Mqtt's array plus the
        /// inbox's copy). 9,216 bytes. The largest get/accepted of this device's own shadow (every key it reports at its
        /// longest, every key it accepts, errors for <see cref="Desired.DesiredState.MaxUnknownKeys"/> unknown keys, with
        /// AWS's metadata) fits (NanoThing.DeviceTests.Agent ThingAgentTests).
        /// </summary>
        public const int LargestIncomingBytes = (ManagedHeapBytes - PlatformBytes - CoreFixedBytes - TelemetryBytes - HeadroomBytes) / 2;
    }
}
