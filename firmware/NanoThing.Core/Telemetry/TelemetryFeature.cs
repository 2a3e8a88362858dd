using NanoThing.Core.Desired;
using NanoThing.Core.Seams;
using NanoThing.Core.Sensors;

namespace NanoThing.Core.Telemetry
{
    /// <summary>
    /// Telemetry: every Nth sample becomes a record {seq, ts, temperature, humidity, pressure}; records are batched
    /// into QoS 1 messages (<see cref="TelemetryMessage"/>) on the configured topic, one per
    /// <see cref="DeviceSettings.TelemetryBatchSize"/> records or per <see cref="TelemetryOptions.BatchIntervalMs"/>.
    /// <para>
    /// The record interval and the batch size are read from the live <see cref="DeviceSettings"/> at every sample and
    /// step, so a desired change takes effect at once: N = telemetryIntervalSeconds over sampleIntervalSeconds, rounded
    /// up, counted from the last record (a shorter interval already passed makes the next sample a record); 0 stops
    /// taking records and sends the open batch; a smaller batch size seals the open batch when it now holds enough.
    /// </para>
    /// Owns its state; the agent calls <see cref="Restore"/> once at boot, <see cref="Sample"/> per measurement,
    /// <see cref="Step"/> on every pass and <see cref="Flush"/> before an orderly restart.
    /// <para>
    /// Delivery, one message in flight at a time: every sealed batch is first written as a block to the buffer on
    /// flash (<see cref="TelemetryStore"/>); one sealed while connected, with nothing older waiting, is then published
    /// at once from memory (no read back), any other waits in the buffer (order is kept). A block leaves the buffer
    /// only after its message's PUBACK (<see cref="IMqttDelivery"/>). Should the storage refuse the write, the batch is
    /// published from memory and written again when its link is lost or a newer batch must be written behind it. After a reconnect,
    /// once the agent lets it (<c>mayPublish</c>: after the shadow's full report, when no shadow request waits), the
    /// backlog is sent oldest first, at most one message per <see cref="TelemetryOptions.BacklogGapMs"/>.
    /// A message without PUBACK for <see cref="TelemetryOptions.AckTimeoutMs"/> is sent again with the same seqs: the
    /// cloud deduplicates by seq. When the link is lost right after a message, before its PUBACK,
    /// <see cref="TelemetryOptions.MaxMessagesLostToLink"/> times in a row (AWS closes the connection of a publish outside
    /// the policy), publishing pauses for <see cref="TelemetryOptions.LostLinkPauseMs"/> with an error logged
    /// (<see cref="IsPaused"/>); records keep going to the buffer and nothing is lost while it holds them.
    /// </para>
    /// <para>
    /// What a power loss can cost: at most one batch, at most <see cref="DeviceSettings.TelemetryBatchSize"/> records:
    /// those of the batch being filled (in memory only), or, when the cut tears the block being written, that
    /// block's records (the batch being filled is then empty: a batch is sealed into its block at once). Its checksum
    /// fails at the next boot and the rest of the buffer is intact. A message in flight is already on flash. An
    /// orderly restart (<see cref="Flush"/>) loses nothing.
    /// </para>
    /// Steady state (connected, PUBACKs arriving) allocates nothing; per batch it writes its block and, after the
    /// PUBACK, an empty slot (plus the seq lease once per <see cref="TelemetrySequence.LeaseSize"/> records).
    /// </summary>
    public sealed class TelemetryFeature
    {
        /// <summary>DateTime ticks of 1970-01-01T00:00:00Z.</summary>
        private const long EpochTicks = 621355968000000000L;

        /// <summary>DateTime ticks of 2024-01-01T00:00:00Z: an earlier wall clock has not been set by SNTP yet.</summary>
        private const long ClockValidTicks = 638396640000000000L;

        private readonly TelemetryOptions _options;
        private readonly DeviceSettings _settings;
        private readonly TelemetryStore _store;
        private readonly TelemetrySequence _sequence;
        private readonly IMqttDelivery _delivery;
        private readonly IClock _clock;
        private readonly ILog _log;
        private readonly TelemetryMessage _message;
        private readonly TelemetryRecords _filling;
        private readonly TelemetryRecords _inflight;
        private long _fillingSinceMs;
        private int _samples;
        private bool _hasInflight;
        private int _inflightId;
        private int _inflightSlot;
        private uint _inflightBlock;
        private long _inflightSentMs;
        private bool _inflightFromBacklog;
        private long _lastBacklogMs;
        private bool _backlogSentOnce;
        private ITelemetryListener _listener;
        private int _linksLost;
        private long _pausedUntilMs; // publishing waits until then (at construction: now, i.e. not paused)

        /// <summary>
        /// A feature for <paramref name="thingName"/> buffering in <paramref name="storage"/> and publishing through
        /// <paramref name="delivery"/>, reading its interval and batch size from <paramref name="settings"/> (the
        /// agent's live settings: the same object as its config's <see cref="Config.DeviceConfig.Settings"/>).
        /// </summary>
        public TelemetryFeature(string thingName, TelemetryOptions options, DeviceSettings settings, IStorage storage, IMqttDelivery delivery, IClock clock, ILog log)
        {
            _options = options;
            _settings = settings;
            int batch = TelemetryOptions.MaxBatchSize;
            _store = new TelemetryStore(storage, options.BufferBlocks, batch);
            _sequence = new TelemetrySequence(storage);
            _delivery = delivery;
            _clock = clock;
            _pausedUntilMs = clock.MonotonicMilliseconds();
            _log = log;
            _message = new TelemetryMessage(thingName, batch);
            _filling = new TelemetryRecords(batch);
            _inflight = new TelemetryRecords(batch);
        }

        /// <summary>The buffer on flash.</summary>
        public TelemetryStore Store => _store;

        /// <summary>
        /// Records dropped unsent because the buffer was full, over the device's life (kept across reboots with the seq
        /// lease, <see cref="TelemetrySequence"/>): reported in the shadow as telemetryDropped.
        /// </summary>
        public long Dropped => _sequence.Dropped;

        /// <summary>The seq the next record gets.</summary>
        public long NextSeq => _sequence.Next;

        /// <summary>Records waiting in memory for their batch.</summary>
        public int Filling => _filling.Count;

        /// <summary>True while a message waits for its PUBACK.</summary>
        public bool InFlight => _hasInflight;

        /// <summary>
        /// True while publishing pauses because the link was lost <see cref="TelemetryOptions.MaxMessagesLostToLink"/>
        /// times in a row right after a telemetry message (see <see cref="TelemetryOptions.LostLinkPauseMs"/>); records
        /// still go to the buffer.
        /// </summary>
        public bool IsPaused => _clock.MonotonicMilliseconds() - _pausedUntilMs < 0;

        /// <summary>Messages published (first sends, backlog and resends).</summary>
        public int MessagesSent { get; private set; }

        /// <summary>Records whose message was acknowledged.</summary>
        public long RecordsAcknowledged { get; private set; }

        /// <summary>Flash bytes written since boot: blocks, emptied slots and the seq lease with the dropped count.</summary>
        public long FlashBytesWritten => _store.BytesWritten + _sequence.BytesWritten;

        /// <summary>Sets who hears of each message sent (null for nobody).</summary>
        public void SetListener(ITelemetryListener listener)
        {
            _listener = listener;
        }

        /// <summary>Once at boot: reads the buffer (torn blocks are skipped and logged) and continues the seq after it.</summary>
        public void Restore()
        {
            _store.Load();
            _sequence.Restore(_store.LastSeq);
            if (_store.TornBlocks > 0 && LogGate.IsOn(_log, LogLevel.Warning))
            {
                _log.Write(LogLevel.Warning, "telemetry: " + _store.TornBlocks.ToString() + " torn block(s) in the buffer skipped (a write cut by a power loss)");
            }

            if (_store.UsedSlots > 0 && LogGate.IsOn(_log, LogLevel.Info))
            {
                _log.Write(LogLevel.Info, "telemetry: " + _store.UsedSlots.ToString() + " block(s) of backlog to send; next seq " + _sequence.Next.ToString());
            }
        }

        /// <summary>True while telemetryIntervalSeconds is not 0.</summary>
        public bool IsOn => _settings.TelemetryIntervalMs > 0;

        /// <summary>A record is taken from every Nth Ok sample: the interval over the sample interval, rounded up (at least 1).</summary>
        public int SampleEvery
        {
            get
            {
                long sampleMs = _settings.SampleIntervalMs < 1 ? 1 : _settings.SampleIntervalMs;
                long every = (_settings.TelemetryIntervalMs + sampleMs - 1) / sampleMs;
                return every < 1 ? 1 : (int)every;
            }
        }

        /// <summary>One measurement, taken at monotonic <paramref name="nowMs"/>: every Nth Ok reading becomes a record (none while telemetry is off).</summary>
        public void Sample(Bme280Reading reading, long nowMs)
        {
            if (!IsOn)
            {
                _samples = 0;
                return;
            }

            if (reading.Status != SensorStatus.Ok)
            {
                return;
            }

            _samples++;
            if (_samples < SampleEvery)
            {
                return;
            }

            _samples = 0;
            if (IsBatchFull())
            {
                Spill(_filling);
            }

            long ticks = _clock.UtcNow().Ticks;
            byte flags = reading.HumidityValid ? TelemetryRecords.HumidityValid : (byte)0;
            long ts = nowMs;
            if (ticks >= ClockValidTicks)
            {
                flags |= TelemetryRecords.ClockValid;
                ts = (ticks - EpochTicks) / 10000;
            }

            if (_filling.Count == 0)
            {
                _fillingSinceMs = nowMs;
            }

            _filling.Add(_sequence.Take(), ts, flags, reading.TemperatureCentiCelsius, reading.HumidityValid ? reading.HumidityCentiPercent : 0, reading.PressureCentiHectopascal);
        }

        /// <summary>
        /// Completes acknowledged messages, seals a due batch, sends. <paramref name="connected"/>: the session's link;
        /// <paramref name="mayPublish"/>: the agent's leave to publish now (the shadow first).
        /// </summary>
        public void Step(long nowMs, bool connected, bool mayPublish)
        {
            if (_hasInflight)
            {
                CheckInflight(nowMs, connected);
            }

            mayPublish = mayPublish && nowMs - _pausedUntilMs >= 0; // not during a pause after lost links

            if (_filling.Count > 0 && (IsBatchFull() || !IsOn || nowMs - _fillingSinceMs >= _options.BatchIntervalMs))
            {
                if (connected && mayPublish && !_hasInflight && _store.UsedSlots == 0)
                {
                    // durable before it is published: a power cut while it waits for its PUBACK loses nothing
                    _inflight.CopyFrom(_filling);
                    int slot = Append(_filling);
                    _filling.Clear();
                    Send(slot, nowMs, false);
                }
                else
                {
                    Spill(_filling);
                }
            }

            if (!_hasInflight && connected && mayPublish && _store.UsedSlots > 0
                && (!_backlogSentOnce || nowMs - _lastBacklogMs >= _options.BacklogGapMs))
            {
                int slot = _store.OldestSlot();
                if (_store.Read(slot, _inflight))
                {
                    _lastBacklogMs = nowMs;
                    _backlogSentOnce = true;
                    Send(slot, nowMs, true);
                }
            }
        }

        /// <summary>Before an orderly restart: writes the batch being filled (and a message in flight the storage refused before) to the buffer.</summary>
        public void Flush()
        {
            if (_hasInflight && _inflightSlot < 0)
            {
                SpillInflight();
            }

            if (_filling.Count > 0)
            {
                Spill(_filling);
            }
        }

        /// <summary>True when the open batch holds the live batch size (or more, after the size was lowered).</summary>
        private bool IsBatchFull()
        {
            return _filling.Count >= _settings.TelemetryRecordsPerBatch || _filling.IsFull;
        }

        private void CheckInflight(long nowMs, bool connected)
        {
            if (connected && _inflightId != 0 && _delivery.IsAcknowledged(_inflightId))
            {
                if (_inflightSlot >= 0)
                {
                    _store.Release(_inflightSlot, _inflightBlock);
                }

                RecordsAcknowledged += _inflight.Count;
                _hasInflight = false;
                _linksLost = 0;
                return;
            }

            if (!connected && nowMs - _inflightSentMs <= _options.LostLinkWindowMs)
            {
                CountLostLink(nowMs);
            }

            if (!connected || _inflightId == 0)
            {
                // the link (or the publish) failed before the PUBACK: the records wait in the buffer for the next link
                if (_inflightSlot < 0)
                {
                    SpillInflight();
                }

                _hasInflight = false;
                return;
            }

            if (nowMs - _inflightSentMs >= _options.AckTimeoutMs)
            {
                Send(_inflightSlot, nowMs, _inflightFromBacklog);
            }
        }

        /// <summary>Writes <paramref name="records"/> behind everything older (the message in flight first, if it is only in memory).</summary>
        private void Spill(TelemetryRecords records)
        {
            if (_hasInflight && _inflightSlot < 0)
            {
                SpillInflight();
            }

            Append(records);
            records.Clear();
        }

        // The link dropped right after a telemetry send, before its PUBACK: the broker may be refusing the topic.
        private void CountLostLink(long nowMs)
        {
            _linksLost++;
            if (_linksLost < _options.MaxMessagesLostToLink)
            {
                return;
            }

            _linksLost = _options.MaxMessagesLostToLink - 1; // after the pause, one more lost link pauses again
            _pausedUntilMs = nowMs + _options.LostLinkPauseMs;
            if (LogGate.IsOn(_log, LogLevel.Error))
            {
                _log.Write(LogLevel.Error, "telemetry: the link was lost right after each of the last " + _options.MaxMessagesLostToLink.ToString()
                    + " telemetry messages on " + _options.Topic + " (AWS IoT closes the connection of a publish its policy does not allow): publishing paused for "
                    + (_options.LostLinkPauseMs / 60000).ToString() + " min, records kept in the buffer; allow iot:Publish on that topic in the thing's policy (nanothing policy prints one that does) or change telemetryTopic");
            }
        }

        private void LogDropped()
        {
            if (LogGate.IsOn(_log, LogLevel.Warning))
            {
                _log.Write(LogLevel.Warning, "telemetry: buffer full (" + _store.Slots.ToString() + " blocks): the oldest records were dropped, " + Dropped.ToString() + " in all (telemetryDropped)");
            }
        }

        /// <summary>Writes <paramref name="records"/> as the newest block; records a drop (persisted, logged) when the full ring replaced the oldest. The slot, or -1.</summary>
        private int Append(TelemetryRecords records)
        {
            long dropped = _store.DroppedRecords;
            int slot = _store.Append(records);
            if (_store.DroppedRecords != dropped)
            {
                _sequence.NoteDropped(_sequence.Dropped + _store.DroppedRecords - dropped);
                LogDropped();
            }

            return slot;
        }

        private void SpillInflight()
        {
            int slot = Append(_inflight);
            _inflightSlot = slot;
            _inflightBlock = slot < 0 ? 0 : _store.BlockNumberOf(slot);
        }

        private void Send(int slot, long nowMs, bool fromBacklog)
        {
            _inflightSlot = slot;
            _inflightBlock = slot < 0 ? 0 : _store.BlockNumberOf(slot);
            _hasInflight = true;
            _inflightSentMs = nowMs;
            _inflightFromBacklog = fromBacklog;
            _inflightId = 0;
            if (_message.Write(_inflight))
            {
                _inflightId = _delivery.PublishQos1(_options.Topic, _message.Buffer, 0, _message.Length);
            }

            MessagesSent++;
            ITelemetryListener listener = _listener;
            if (listener != null)
            {
                listener.OnTelemetrySent(_inflight, _message.Length, fromBacklog);
            }
        }
    }
}
