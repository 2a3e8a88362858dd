using System.Diagnostics;
using System.Text;
using NanoThing.Bench.Figures;
using NanoThing.Bench.StandIn;
using NanoThing.Mqtt;
using NanoThing.Mqtt.Packets;

namespace NanoThing.Bench.Scale;

/// <summary>
/// Benchmark 5: the local stand-in under N things (10, 100, 250, 500, 1000), each its own MQTT client with its own
/// certificate from the local CA (many per process, one TLS connection each), each publishing one shadow update a
/// second, spread evenly over the second, shadow files on disk. Per level: update -> update/accepted latency, accepted
/// updates per second against the offered rate, updates not answered before the thing's next one was due and updates
/// never answered, and CPU and resident memory of the stand-in process (broker, registry, policy engine and Device
/// Shadow service in one process), per update and per connected thing; the load generator's CPU beside them.
/// Baseline: the largest level again with the shadow files on tmpfs, isolating what waiting for the disk costs.
/// </summary>
public static class ScaleBench
{
    public const string Id = "scale";

    public static async Task<BenchSection> RunAsync(BenchOptions options)
    {
        int[] levels = options.ScaleLevels.Count > 0 ? [.. options.ScaleLevels] : options.Smoke ? [2, 4] : [10, 100, 250, 500, 1000];
        var window = TimeSpan.FromSeconds(options.Pick(20, 3));
        var section = new BenchSection(Id, $"5. Scale of the local stand-in: N things each reporting once a second ({window.TotalSeconds:0} s window per level)");

        // the things' identities are issued once per run; every level's stand-in starts from a copy of that registry
        using var identities = BenchIdentities.Create();
        var issuing = Stopwatch.StartNew();
        for (int i = 0; i < levels.Max(); i++) identities.Thing(ThingName(i));
        options.Progress.WriteLine($"bench: scale: {levels.Max()} thing identities issued in {issuing.Elapsed.TotalSeconds:0.0} s");
        foreach (int things in levels)
        {
            options.Progress.WriteLine($"bench: scale {things} things ...");
            await RunLevelAsync(section, identities, things, window, inMemory: false);
        }

        if (BenchStandIn.MemoryFolder is not null)
        {
            options.Progress.WriteLine($"bench: scale {levels[^1]} things, shadow files on tmpfs ...");
            await RunLevelAsync(section, identities, levels[^1], window, inMemory: true);
        }

        BenchRow? bent = section.Rows.Where(row => !row.Name.StartsWith("baseline", StringComparison.Ordinal)).FirstOrDefault(row => row.Values["accepted updates/s"] < 0.95 * row.Values["offered updates/s"] || row.Values["not answered in time"] > 0 || row.Values["never answered"] > 0);
        section.Note(bent is null
            ? $"No bend up to {levels[^1]} things: every level was answered at its offered rate."
            : $"It bends at {bent.Name}: {BenchSection.Format(bent.Values["accepted updates/s"])} updates/s accepted of "
              + $"{BenchSection.Format(bent.Values["things"])} wanted, with the stand-in at {BenchSection.Format(bent.Values["stand-in CPU %"])} % "
              + $"and the load generator at {BenchSection.Format(bent.Values["load generator CPU %"])} % of one core.");
        BenchRow top = section.Rows.Last(row => !row.Name.StartsWith("baseline", StringComparison.Ordinal));
        bool allAnswered = top.Values["never answered"] == 0 && top.Values["not answered in time"] == 0 && top.Values["rejected"] == 0;
        section.Note($"Target at {top.Name} (files on disk): every update answered and p99 under 50 ms: "
            + (allAnswered && top.Values["p99 ms"] < 50 ? "**met**" : "**missed**") + $" ({(allAnswered ? "all answered" : "not all answered")}, p99 {BenchSection.Format(top.Values["p99 ms"])} ms).");
        section.Note("Latency: from the publish call of a thing's update to its update/accepted. 'not answered in time': an update still "
            + "unanswered when the thing's next one was due (that next one is skipped). CPU % is of one core (200 % = both cores of this machine). "
            + "'never answered': sent and still unanswered 5 s after the window. Memory per connected thing: the stand-in's resident memory "
            + "with all N things connected and subscribed (before any update) minus the idle stand-in's, divided by N; 'RSS MB' is at the end of the window. "
            + "The things' identities are issued once per run: every level's stand-in starts with the same registry (all the run's things), so its idle memory includes them.");
        section.Note("The load generator (all N clients, TLS included) runs on the same 2 cores; its CPU is shown so a bend can be attributed. "
            + "'waiting for a CPU': milliseconds per second that the stand-in's threads were runnable but not running (run-queue wait from "
            + "/proc/<pid>/task/*/schedstat, summed over its threads): CPU the machine did not give it. 'load average': the machine's 1-minute "
            + "load average at the end of the window.");
        section.Note("Baseline row: the same stand-in with its shadows folder on tmpfs (/dev/shm), where the group commit's journal "
            + "fsync costs nothing: the difference to the row above is what waiting for the disk costs.");
        return section;
    }

    private static string ThingName(int i) => $"scale-{i:D4}";

    private static async Task RunLevelAsync(BenchSection section, BenchIdentities identities, int things, TimeSpan window, bool inMemory)
    {
        await using var standIn = await BenchStandIn.StartAsync(inMemory, identities);
        int standInPid = standIn.Process.ProcessId, selfPid = Environment.ProcessId;
        ProcessUsage idle = ProcessUsage.Of(standInPid);

        var connectOptions = Enumerable.Range(0, things).Select(i => standIn.ThingOptions(ThingName(i))).ToArray();
        var fleet = new Fleet(things);
        var connectTimer = Stopwatch.StartNew();
        using (var gate = new SemaphoreSlim(16))
        {
            await Task.WhenAll(Enumerable.Range(0, things).Select(async i =>
            {
                await gate.WaitAsync();
                try
                {
                    await fleet.ConnectAsync(i, connectOptions[i]);
                }
                finally
                {
                    gate.Release();
                }
            }));
        }

        connectTimer.Stop();
        ProcessUsage connected = ProcessUsage.Of(standInPid), selfBefore = ProcessUsage.Of(selfPid);
        var run = Stopwatch.StartNew();
        await fleet.DriveAsync(window);
        TimeSpan elapsed = run.Elapsed;
        ProcessUsage after = ProcessUsage.Of(standInPid), selfAfter = ProcessUsage.Of(selfPid);
        await fleet.DrainAsync(TimeSpan.FromSeconds(5));
        int unanswered = fleet.Unanswered();
        await fleet.DisposeAsync();

        List<double> latencies = fleet.Latencies();
        double seconds = elapsed.TotalSeconds;
        double cpu = (after.Cpu - connected.Cpu).TotalSeconds;
        int accepted = latencies.Count;
        section.Add(inMemory ? $"baseline: {things} things, shadow files on tmpfs (fsync free)" : $"{things} things",
        [
            ("things", things),
            .. Percentiles.Columns(latencies),
            ("offered updates/s", fleet.Sent / seconds),
            ("accepted updates/s", accepted / seconds),
            ("not answered in time", fleet.Late),
            ("never answered", unanswered),
            ("rejected", fleet.Rejected),
            ("stand-in CPU %", 100 * cpu / seconds),
            ("load generator CPU %", 100 * (selfAfter.Cpu - selfBefore.Cpu).TotalSeconds / seconds),
            ("stand-in CPU ms/update", accepted == 0 ? double.NaN : 1000 * cpu / accepted),
            ("stand-in waiting for a CPU ms/s", (after.RunQueueWait - connected.RunQueueWait).TotalMilliseconds / seconds),
            ("load average", LoadAverage()),
            ("idle RSS MB", idle.RssBytes / 1048576.0),
            ("connected RSS MB", connected.RssBytes / 1048576.0),
            ("RSS MB", after.RssBytes / 1048576.0),
            ("KB/connected thing", Math.Max(0, connected.RssBytes - idle.RssBytes) / 1024.0 / things),
            ("connect all s", connectTimer.Elapsed.TotalSeconds),
        ]);
    }

    /// <summary>The machine's 1-minute load average (runnable and disk-waiting tasks), NaN where there is no /proc/loadavg.</summary>
    private static double LoadAverage()
    {
        try
        {
            return double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return double.NaN;
        }
    }

    /// <summary>N thing clients: connect, then each publishes an update per second and times its update/accepted.</summary>
    private sealed class Fleet(int things) : IAsyncDisposable
    {
        private readonly MqttClient?[] _clients = new MqttClient?[things];
        private readonly long[] _pending = new long[things];
        private readonly List<double> _latencies = [];
        private int _late;
        private int _rejected;
        private int _sent;

        public int Late => _late;

        public int Rejected => _rejected;

        public int Sent => _sent;

        public List<double> Latencies()
        {
            lock (_latencies) return [.. _latencies];
        }

        public async Task ConnectAsync(int i, MqttConnectOptions options)
        {
            var client = new MqttClient(options);
            string root = "$aws/things/" + options.ClientId + "/shadow/update/";
            client.MessageReceived += message =>
            {
                long now = Stopwatch.GetTimestamp();
                long sentAt = Interlocked.Exchange(ref _pending[i], 0);
                if (message.Topic == root + "rejected") Interlocked.Increment(ref _rejected);
                else if (sentAt != 0) lock (_latencies) _latencies.Add(Stopwatch.GetElapsedTime(sentAt, now).TotalMilliseconds);
            };
            var connected = await client.ConnectAsync();
            if (!connected.IsConnected) throw new InvalidOperationException($"scale: thing {i} could not connect: {connected.Message}");
            var subscribed = await client.SubscribeAsync([new MqttSubscription(root + "accepted", MqttQos.AtLeastOnce), new MqttSubscription(root + "rejected", MqttQos.AtLeastOnce)]);
            if (!subscribed.AllGranted) throw new InvalidOperationException($"scale: thing {i} could not subscribe: {subscribed.Message}");
            _clients[i] = client;
        }

        /// <summary>For <paramref name="window"/>: thing i publishes at i/N of every second.</summary>
        public async Task DriveAsync(TimeSpan window)
        {
            var clock = Stopwatch.StartNew();
            long fired = 0; // updates due so far, over all things
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
            while (clock.Elapsed < window && await timer.WaitForNextTickAsync())
            {
                long due = (long)(clock.Elapsed.TotalSeconds * things);
                for (; fired < due; fired++)
                {
                    int i = (int)(fired % things);
                    long now = Stopwatch.GetTimestamp();
                    if (Interlocked.CompareExchange(ref _pending[i], now, 0) != 0)
                    {
                        Interlocked.Increment(ref _late);
                        continue;
                    }

                    Interlocked.Increment(ref _sent);
                    _ = PublishAsync(i, fired / things);
                }
            }
        }

        /// <summary>Updates sent and not answered (yet).</summary>
        public int Unanswered() => _pending.Count(p => Volatile.Read(ref p) != 0);

        public async Task DrainAsync(TimeSpan bound)
        {
            var deadline = Stopwatch.StartNew();
            while (deadline.Elapsed < bound && _pending.Any(p => Volatile.Read(ref p) != 0)) await Task.Delay(50);
        }

        public async ValueTask DisposeAsync()
        {
            await Task.WhenAll(_clients.Where(c => c is not null).Select(c => c!.DisposeAsync().AsTask()));
        }

        private async Task PublishAsync(int i, long second)
        {
            MqttClient client = _clients[i]!;
            string topic = "$aws/things/" + client.Options.ClientId + "/shadow/update";
            byte[] payload = Encoding.UTF8.GetBytes("{\"state\":{\"reported\":{\"temperature\":" + (20 + second % 50 / 10.0).ToString(System.Globalization.CultureInfo.InvariantCulture)
                + ",\"humidity\":40.25,\"pressure\":1013.25,\"uptimeSeconds\":" + second + "}},\"clientToken\":\"s-" + second + "\"}");
            var published = await client.PublishAsync(topic, payload);
            if (!published.Succeeded) Interlocked.Exchange(ref _pending[i], 0);
        }
    }
}
