using System.Diagnostics;
using System.Text;
using NanoThing.Bench.Figures;
using NanoThing.Bench.StandIn;
using NanoThing.Mqtt;
using NanoThing.VirtualBoard.Simulation;

namespace NanoThing.Bench.RoundTrip;

/// <summary>
/// Benchmark 3: shadow round trips of a virtual board through the local stand-in (real broker and shadow service in one process
/// in its own process, real mutual TLS). Two boards run at once: one reports every second (thresholds 0, a rising
/// temperature) and the time from each update publish to its update/accepted is taken; on the other a console client
/// sets desired led, and the times to "device applied" (the board's LED changed) and "reported" (update/accepted
/// carrying the new led) are taken. Baseline in the same run: a raw MQTT QoS 1 publish to subscriber receive through
/// the same broker with the same TLS setup.
/// </summary>
public static class RoundTripBench
{
    public const string Id = "roundtrip";

    public static readonly IReadOnlyDictionary<string, double> FastSettings = new Dictionary<string, double>
    {
        ["sampleIntervalSeconds"] = 1,
        ["minReportIntervalSeconds"] = 1,
        ["reportIntervalSeconds"] = 300,
        ["temperatureThreshold"] = 0,
    };

    public static async Task<BenchSection> RunAsync(BenchOptions options)
    {
        int samples = options.Pick(60, 4), rawSamples = options.Pick(300, 20);
        var section = new BenchSection(Id, "3. Shadow round trip on the virtual board through the local stand-in (broker + shadow service in one process, mutual TLS)");
        await using var standIn = await BenchStandIn.StartAsync();

        using var reporter = BoardProbe.Create("rt-report", standIn.ProvisionBoard("rt-report", FastSettings), new RisingWeather());
        using var desired = BoardProbe.Create("rt-desired", standIn.ProvisionBoard("rt-desired", FastSettings), new FixedWeather(new(21.5, 101_300, 40)));
        reporter.Board.Start();
        desired.Board.Start();
        desired.WaitForAccepted(_ => true, "the first report");

        await using var console = new MqttClient(standIn.ApplicationOptions("bench.console"));
        Check((await console.ConnectAsync()).IsConnected, "console connect");
        var applied = new List<double>();
        var reported = new List<double>();
        long ledChangedAt = 0;
        desired.Board.Led.Changed += _ => Volatile.Write(ref ledChangedAt, Stopwatch.GetTimestamp());
        for (int i = 0; i < samples; i++)
        {
            await Task.Delay(1100); // past the board's minimum report interval: the reply is not held back by it
            bool on = i % 2 == 0;
            Volatile.Write(ref ledChangedAt, 0);
            long start = Stopwatch.GetTimestamp();
            var published = await console.PublishAsync("$aws/things/rt-desired/shadow/update", Encoding.UTF8.GetBytes("{\"state\":{\"desired\":{\"led\":" + (on ? "true" : "false") + "}}}"));
            Check(published.Succeeded, published.Message);
            // The board also receives the update/accepted of the console's own desired update: wait for its reported led.
            long done = desired.WaitForAccepted(text => text.Contains("\"reported\":", StringComparison.Ordinal)
                && text.Contains("\"led\":" + (on ? "true" : "false"), StringComparison.Ordinal), "reported led " + on);
            long changed = Volatile.Read(ref ledChangedAt);
            if (changed != 0) applied.Add(Stopwatch.GetElapsedTime(start, changed).TotalMilliseconds);
            reported.Add(Stopwatch.GetElapsedTime(start, done).TotalMilliseconds);
        }

        var deadline = DateTime.UtcNow + BoardProbe.Bound;
        while (reporter.ReportsTimed < samples && DateTime.UtcNow < deadline) await Task.Delay(100);
        var reports = reporter.ReportMilliseconds().Skip(1).ToList(); // the first report waits for the GET after connect
        List<double> raw = await RawPublishReceiveAsync(standIn, rawSamples);

        section.Add("report -> update/accepted (board publishes, service stores, board receives)", Percentiles.Columns(reports));
        section.Add("desired change -> device applied (console publishes desired led, board's LED changes)", Percentiles.Columns(applied));
        section.Add("desired change -> reported (... and the board's report of it is accepted)", Percentiles.Columns(reported));
        section.Add("baseline: raw MQTT QoS 1 publish -> subscriber receive (same broker, same TLS)", Percentiles.Columns(raw));
        double rawP50 = Percentiles.Of(raw, 50);
        section.Note($"A report's round trip is two broker hops plus the shadow service (parse, merge, write the shadow file, reply): p50 "
            + $"{BenchSection.Format(Percentiles.Of(reports, 50) / rawP50)}x the one-hop raw publish. A desired change is four hops (console -> service -> "
            + "delta to the board -> report -> accepted) plus the agent's step that applies it.");
        section.Note("Board timestamps are taken where the agent hands the publish to the MQTT client and where the client hands a message "
            + "to the agent (the virtual board's ObservedSession); the agent loop's wake-up is included in the desired-change figures.");
        return section;
    }

    /// <summary>One client publishes (QoS 1), another subscribed to the topic receives; the time from the publish call to the receive.</summary>
    private static async Task<List<double>> RawPublishReceiveAsync(BenchStandIn standIn, int samples)
    {
        const string Topic = "$aws/things/rawbench/shadow/raw"; // not a request topic: the shadow service does not see it
        await using var subscriber = new MqttClient(standIn.ApplicationOptions("bench.listener"));
        await using var publisher = new MqttClient(standIn.ApplicationOptions("bench.raw"));
        Check((await subscriber.ConnectAsync()).IsConnected, "raw subscriber connect");
        Check((await publisher.ConnectAsync()).IsConnected, "raw publisher connect");
        Check((await subscriber.SubscribeAsync(Topic)).AllGranted, "raw subscribe");
        var received = new SemaphoreSlim(0);
        long receivedAt = 0;
        subscriber.MessageReceived += _ =>
        {
            Volatile.Write(ref receivedAt, Stopwatch.GetTimestamp());
            received.Release();
        };
        byte[] payload = Encoding.UTF8.GetBytes("{\"state\":{\"reported\":{\"temperature\":21.5,\"humidity\":40.12,\"pressure\":1013.25,\"uptimeSeconds\":3600}},\"clientToken\":\"nt-0000abcd-17\"}");
        var times = new List<double>();
        for (int i = 0; i < samples + 5; i++)
        {
            long start = Stopwatch.GetTimestamp();
            var published = await publisher.PublishAsync(Topic, payload);
            Check(published.Succeeded, published.Message);
            Check(await received.WaitAsync(BoardProbe.Bound), "raw message not received within the bound");
            if (i >= 5) times.Add(Stopwatch.GetElapsedTime(start, Volatile.Read(ref receivedAt)).TotalMilliseconds); // first five warm the path
        }

        return times;
    }

    internal static void Check(bool condition, string what)
    {
        if (!condition) throw new InvalidOperationException("benchmark step failed: " + what);
    }
}
