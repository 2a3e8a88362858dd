using System.Diagnostics;
using System.Text;
using NanoThing.Bench.Figures;
using NanoThing.LocalIot.Shadows;

namespace NanoThing.Bench.Commit;

/// <summary>
/// Benchmark 6: the Device Shadow engine's durability on disk, in process (no MQTT): N things each sending an update,
/// waiting for its answer, and sending the next, for a fixed time. Subject: <see cref="ShadowCommitter"/> over
/// <see cref="ShadowFileRepository"/> (one journal fsync per batch). Baseline in the same run: the per-update fsync of
/// <see cref="ShadowStore.Handle"/> (what the shadow service did before), the same N callers on the same disk.
/// </summary>
public static class GroupCommitBench
{
    public const string Id = "commit";

    public static async Task<BenchSection> RunAsync(BenchOptions options)
    {
        var section = new BenchSection(Id, "6. Group commit of the shadow engine (updates on disk)");
        var window = TimeSpan.FromMilliseconds(options.Pick(5000, 200));
        foreach (int things in new[] { 1, 10, 100 })
        {
            foreach (bool grouped in new[] { true, false })
            {
                options.Progress.WriteLine($"bench: commit {things} things, {(grouped ? "group commit" : "per-update fsync")} ...");
                await MeasureAsync(section, things, grouped, window);
            }
        }

        section.Note("Each thing is a closed loop (next update once the previous one is answered), so 'concurrent things' is also the "
            + "number of updates in flight. Shadow folder in the temp folder (" + Path.GetTempPath() + ", on the machine's disk); "
            + "fsyncs counted through the repository's disk seam (journal, checkpoint files, folder).");
        section.Note("Baseline rows: `ShadowStore.Handle` from the same N callers: one temporary file + fsync + rename per update, one update at a "
            + "time (the store's lock). The ratio of the two rows' updates/s at one N is the gain of group commit on this disk.");
        return section;
    }

    private static async Task MeasureAsync(BenchSection section, int things, bool grouped, TimeSpan window)
    {
        string folder = Path.Combine(Path.GetTempPath(), "nanothing-bench-commit-" + Guid.NewGuid().ToString("N"));
        var disk = new CountingDisk();
        var latencies = new List<double>();
        try
        {
            using var repository = new ShadowFileRepository(folder, disk);
            var store = new ShadowStore(TimeProvider.System, repository);
            await using var committer = grouped ? new ShadowCommitter(store) : null;
            long flushesBefore = disk.Flushes;
            var clock = Stopwatch.StartNew();
            var loops = Enumerable.Range(0, things).Select(t => Task.Run(async () =>
            {
                var id = ShadowId.Classic("bench-" + t);
                var mine = new List<double>();
                for (int n = 1; clock.Elapsed < window; n++)
                {
                    var payload = Encoding.UTF8.GetBytes("{\"state\":{\"reported\":{\"temperature\":" + (20 + n % 10) + ",\"n\":" + n + "}}}");
                    long start = Stopwatch.GetTimestamp();
                    var answer = committer is not null
                        ? await committer.HandleAsync(id, ShadowOperation.Update, payload)
                        : store.Handle(id, ShadowOperation.Update, payload);
                    if (answer[0].Kind != ShadowResponseKind.UpdateAccepted) throw new InvalidOperationException("update rejected: " + answer[0].Json);
                    mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }

                return mine;
            })).ToList();
            foreach (var loop in loops) latencies.AddRange(await loop);
            double seconds = clock.Elapsed.TotalSeconds;
            long flushes = disk.Flushes - flushesBefore;
            section.Add(grouped ? $"{things} things, group commit" : $"baseline: {things} things, per-update fsync",
            [
                ("things", things),
                ("updates/s", latencies.Count / seconds),
                ("fsyncs/update", latencies.Count == 0 ? 0 : (double)flushes / latencies.Count),
                ("updates/batch", grouped && committer!.Batches > 0 ? (double)latencies.Count / committer.Batches : 1),
                .. Percentiles.Columns(latencies),
            ]);
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }
}
