using NanoThing.Bench.Cycle;
using NanoThing.Bench.Figures;
using NanoThing.Core.Desired;
using NanoThing.Core.Seams;
using NanoThing.Core.Sensors;
using NanoThing.Core.Telemetry;

namespace NanoThing.Bench.Telemetry;

/// <summary>
/// Benchmark 8: telemetry over a seeded day (the readings of <see cref="ReportDocuments"/>, seed 24, a sample every
/// 10 s). Core's <see cref="TelemetryFeature"/> at the default settings (a record every 60 s = every 6th sample,
/// 10 records a message) against a broker that acknowledges at once, and the same day with a one-hour outage (the
/// backlog goes to flash); baselines from the same readings: a message per record, a message per sample. Counts
/// payload and MQTT PUBLISH bytes, flash bytes handed to the storage, and bytes allocated per record (host build,
/// GC.GetAllocatedBytesForCurrentThread over the connected day after the first hour).
/// </summary>
public static class TelemetryBench
{
    public const string Id = "telemetry";
    private const string Thing = "kitchen";
    private const long SampleMs = 10_000;

    public static BenchSection Run(BenchOptions options)
    {
        long hours = options.Pick(24, 2);
        int samples = (int)(hours * 3_600_000 / SampleMs);
        var section = new BenchSection(Id, $"8. Telemetry over a seeded {hours}-hour trace (a sample every 10 s)");
        ReportValues[] values = new ReportDocuments(seed: 24, count: samples, sampleIntervalMs: SampleMs).Values;

        Day connected = Day.Run(values, sampleEvery: 6, batch: 10, outageFrom: -1, outageTo: -1, measureAllocation: true);
        Day outage = Day.Run(values, sampleEvery: 6, batch: 10, outageFrom: samples / 2, outageTo: samples / 2 + 360, measureAllocation: false);
        Day perRecord = Day.Run(values, sampleEvery: 6, batch: 1, outageFrom: -1, outageTo: -1, measureAllocation: false);
        Day perSample = Day.Run(values, sampleEvery: 1, batch: 1, outageFrom: -1, outageTo: -1, measureAllocation: false);

        Add(section, "telemetry on at a record a minute (other settings at their defaults: 10 records a message), connected all day", connected);
        Add(section, "the same with a 1-hour broker outage at midday (backlog on flash, sent after reconnect)", outage);
        Add(section, "baseline: a message per record (a record a minute, batch 1)", perRecord);
        Add(section, "baseline: a message per sample (every 10 s, batch 1)", perSample);

        section.Note($"Records delivered: {connected.Acknowledged} of {connected.Taken} connected, {outage.Acknowledged} of {outage.Taken} with the outage "
            + $"(dropped {outage.Dropped}; {outage.Messages} messages). Batching sends {ReportCycleBench.Ratio(perRecord.PublishBytes, connected.PublishBytes)} fewer PUBLISH bytes "
            + $"than a message per record, in {ReportCycleBench.Ratio(perRecord.Messages, connected.Messages)} fewer messages (each also costs a PUBACK and a radio wake).");
        section.Note($"Flash written per day: {BenchSection.Format(connected.FlashBytes)} bytes in {connected.FlashWrites} writes connected, "
            + $"{BenchSection.Format(outage.FlashBytes)} bytes in {outage.FlashWrites} writes with the outage: every batch is written as a block (8 + 29 per record + 4 bytes) "
            + "before it is published, so a power cut loses at most the batch being filled, and emptied (a zero-length file) after its PUBACK; "
            + "the seq lease (with the dropped count) adds 20 bytes per 1,000 records, from the first record.");
        section.Note($"Allocation per record on the host build, connected day after the first hour: {BenchSection.Format(connected.AllocatedPerRecord)} bytes (target 0).");
        return section;
    }

    private static void Add(BenchSection section, string name, Day day) =>
        section.Add(name, ("messages", day.Messages), ("records", day.Taken), ("payload bytes", day.PayloadBytes), ("MQTT PUBLISH bytes", day.PublishBytes),
            ("PUBLISH bytes/record", (double)day.PublishBytes / Math.Max(1, day.Taken)), ("flash bytes", day.FlashBytes));

    private sealed class Day : IMqttDelivery, IStorage, IClock
    {
        private readonly Dictionary<string, Blob> _blobs = new(StringComparer.Ordinal);
        private int _id;
        public bool Connected = true;
        public long NowMs;
        public int Messages, FlashWrites;
        public long PayloadBytes, PublishBytes, FlashBytes, Taken, Acknowledged, Dropped;
        public double AllocatedPerRecord;

        public static Day Run(ReportValues[] values, int sampleEvery, int batch, int outageFrom, int outageTo, bool measureAllocation)
        {
            var day = new Day();
            var settings = new DeviceSettings();
            settings.TrySet(DeviceSettings.SampleIntervalSeconds, (int)(SampleMs / 1000));
            settings.TrySet(DeviceSettings.TelemetryIntervalSeconds, sampleEvery * (int)(SampleMs / 1000));
            settings.TrySet(DeviceSettings.TelemetryBatchSize, batch);
            var feature = new TelemetryFeature(Thing, new TelemetryOptions(Thing), settings, day, day, day, NullLog.Instance);
            feature.Restore();
            var reading = new Bme280Reading();
            long before = 0, takenBefore = 0;
            for (int i = 0; i < values.Length; i++)
            {
                if (measureAllocation && i == 360)
                {
                    before = GC.GetAllocatedBytesForCurrentThread();
                    takenBefore = feature.NextSeq;
                }

                day.NowMs = (i + 1) * SampleMs;
                day.Connected = i < outageFrom || i >= outageTo;
                ReportValues v = values[i];
                reading.SetValues(v.TemperatureCenti, (uint)v.PressureCenti * 256, true, (uint)((v.HumidityCenti * 1024L + 50) / 100));
                feature.Sample(reading, day.NowMs);
                for (long ms = 0; ms < SampleMs; ms += 1000)
                {
                    feature.Step(day.NowMs + ms, day.Connected, day.Connected);
                }
            }

            if (measureAllocation)
            {
                long records = feature.NextSeq - takenBefore;
                day.AllocatedPerRecord = (double)(GC.GetAllocatedBytesForCurrentThread() - before) / Math.Max(1, records);
            }

            day.Taken = feature.NextSeq - 1;
            day.Acknowledged = feature.RecordsAcknowledged;
            day.Dropped = feature.Dropped;
            day.FlashBytes = feature.FlashBytesWritten;
            day.FlashWrites = day._flashWrites;
            return day;
        }

        private int _flashWrites;

        public int PublishQos1(string topic, byte[] payload, int offset, int length)
        {
            if (!Connected) return 0;
            Messages++;
            PayloadBytes += length;
            PublishBytes += ShadowLoopback.FrameBytes(topic, length, 1);
            _id = _id == 65535 ? 1 : _id + 1;
            return _id;
        }

        public bool IsAcknowledged(int messageId) => Connected;

        public byte[]? Read(string name) => _blobs.TryGetValue(name, out Blob? blob) ? blob.Data.AsSpan(0, blob.Length).ToArray() : null;

        public bool Write(string name, byte[] data, int offset, int length)
        {
            _flashWrites++;
            if (!_blobs.TryGetValue(name, out Blob? blob) || blob.Data.Length < length)
            {
                blob = new Blob(new byte[Math.Max(length, 512)]);
                _blobs[name] = blob;
            }

            // a slot rewritten (a block, then emptied after its PUBACK) reuses its buffer: this storage allocates nothing
            // in the steady state, so the allocation measured is Core's alone
            Array.Copy(data, offset, blob.Data, 0, length);
            blob.Length = length;
            return true;
        }

        private sealed class Blob(byte[] data)
        {
            public readonly byte[] Data = data;
            public int Length;
        }

        public long MonotonicMilliseconds() => NowMs;

        public DateTime UtcNow() => new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMilliseconds(NowMs);
    }

    private sealed class NullLog : ILog
    {
        public static readonly NullLog Instance = new();

        public bool IsEnabled(LogLevel level) => true;

        public void Write(LogLevel level, string message)
        {
        }
    }
}
