namespace NanoThing.Core.Telemetry
{
    /// <summary>
    /// Telemetry's fixed settings. Topic and buffer size come from the device config; the record interval and the batch
    /// size are live settings (<see cref="Desired.DeviceSettings.TelemetryIntervalSeconds"/>,
    /// <see cref="Desired.DeviceSettings.TelemetryBatchSize"/>) that the config starts and the desired state may change.
    /// Defaults: a message at the latest 10 minutes after its first record, 64 blocks of buffer.
    /// </summary>
    public sealed class TelemetryOptions
    {
        /// <summary>
        /// The most records per message, from Core's memory budget (<see cref="Runtime.MemoryBudget.TelemetryBytes"/>):
        /// the message buffer (<see cref="TelemetryMessage.CapacityFor"/>, 2,906 bytes at 12), two batches of records
        /// and a block buffer, all sized for this many whatever the live batch size. Far under AWS IoT's 128 KB per message.
        /// </summary>
        public const int MaxBatchSize = Runtime.MemoryBudget.TelemetryMaxBatchRecords;

        /// <summary>The prefix of AWS IoT Basic Ingest topics.</summary>
        public static readonly string BasicIngestPrefix = "$aws/rules/";

        /// <summary>The topic of the messages (<see cref="DefaultTopic"/> or <see cref="BasicIngestTopic"/>).</summary>
        public string Topic;

        /// <summary>The longest a record waits for its batch to fill, in ms.</summary>
        public long BatchIntervalMs = 10 * 60 * 1000;

        /// <summary>Blocks (batches) of the buffer on flash.</summary>
        public int BufferBlocks = 64;

        /// <summary>How long a message may wait for its PUBACK before it is sent again (same records, same seqs).</summary>
        public long AckTimeoutMs = 30 * 1000;

        /// <summary>The least time between two messages of backlog after a reconnect (a bounded rate: shadow traffic goes first).</summary>
        public long BacklogGapMs = 2 * 1000;

        /// <summary>
        /// Links lost in a row, each within <see cref="LostLinkWindowMs"/> of a telemetry message sent and before its
        /// PUBACK, after which publishing pauses for <see cref="LostLinkPauseMs"/>: AWS IoT Core closes the connection of a
        /// PUBLISH its policy does not allow (MQTT 3.1.1), so a topic outside the policy would otherwise cost the link
        /// after every report.
        /// </summary>
        public int MaxMessagesLostToLink = 2;

        /// <summary>How soon after a telemetry send a lost link counts towards <see cref="MaxMessagesLostToLink"/>.</summary>
        public long LostLinkWindowMs = 10 * 1000;

        /// <summary>How long publishing pauses after <see cref="MaxMessagesLostToLink"/> (records keep going to the buffer; then one message is tried again).</summary>
        public long LostLinkPauseMs = 60 * 60 * 1000;

        /// <summary>Options with the default topic of <paramref name="thingName"/>.</summary>
        public TelemetryOptions(string thingName)
        {
            Topic = DefaultTopic(thingName);
        }

        /// <summary><c>dt/nanothing/&lt;thing&gt;/telemetry</c>: AWS's recommended data-topic form (dt/application/thing/type).</summary>
        public static string DefaultTopic(string thingName)
        {
            return "dt/nanothing/" + thingName + "/telemetry";
        }

        /// <summary>
        /// <c>$aws/rules/&lt;rule&gt;/dt/nanothing/&lt;thing&gt;/telemetry</c>: AWS IoT Basic Ingest, delivered straight to the
        /// rule <paramref name="ruleName"/> without the message broker (no subscribers see it; no messaging cost).
        /// </summary>
        public static string BasicIngestTopic(string ruleName, string thingName)
        {
            return BasicIngestPrefix + ruleName + "/" + DefaultTopic(thingName);
        }

        /// <summary>
        /// Null when <paramref name="topic"/> can carry telemetry to AWS IoT, else what to change: a topic name (no
        /// wildcards '+' '#', no NUL), at most 256 bytes and 7 '/' (AWS IoT quotas; for Basic Ingest not counting the
        /// 3 of <c>$aws/rules/&lt;rule&gt;/</c>), not starting with '$' except <c>$aws/rules/&lt;rule&gt;/</c>.
        /// </summary>
        public static string CheckTopic(string topic)
        {
            if (topic == null || topic.Length == 0)
            {
                return "use a topic name such as dt/nanothing/kitchen/telemetry";
            }

            int slashes = 0;
            for (int i = 0; i < topic.Length; i++)
            {
                char c = topic[i];
                if (c == '+' || c == '#' || c == '\0')
                {
                    return "use a topic name without the wildcards + and # (and without NUL)";
                }

                slashes += c == '/' ? 1 : 0;
            }

            if (topic[0] == '$')
            {
                int rule = topic.IndexOf('/', BasicIngestPrefix.Length);
                if (!topic.StartsWith(BasicIngestPrefix) || rule <= BasicIngestPrefix.Length || rule == topic.Length - 1)
                {
                    return "a topic starting with $ must be AWS IoT Basic Ingest: $aws/rules/<rule name>/<topic>";
                }

                slashes -= 3;
            }

            if (System.Text.Encoding.UTF8.GetBytes(topic).Length > 256 || slashes > 7)
            {
                return "use at most 256 bytes and 7 '/' (AWS IoT's topic limits)";
            }

            return null;
        }
    }
}
