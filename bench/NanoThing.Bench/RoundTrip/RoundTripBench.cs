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
/// carrying the new led) are taken. Baseline in the same run: the floor of a report's round trip (<see cref="RoundTripFloor"/>:
/// two raw MQTT QoS 1 hops through the same broker with the same TLS setup, and one fsync of a small file on the same
/// disk); target: report -> update/accepted p50 at most 2x the floor's.
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
        int samples = options.Pick(60, 4), floorSamples = options.Pick(200, 20);
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
        RoundTripFloor floor = await RoundTripFloor.MeasureAsync(standIn, floorSamples, TimeSpan.FromMilliseconds(options.Pick(50, 10)));

        section.Add("report -> update/accepted (board publishes, service stores, board receives)", Percentiles.Columns(reports));
        section.Add("desired change -> device applied (console publishes desired led, board's LED changes)", Percentiles.Columns(applied));
        section.Add("desired change -> reported (... and the board's report of it is accepted)", Percentiles.Columns(reported));
        section.Add("floor: two raw QoS 1 hops + one fsync of a small file (same broker and TLS, no shadow service)", Percentiles.Columns(floor.TwoHopsAndFsync));
        section.Add("floor, part: two raw QoS 1 hops (publish -> echo client -> back)", Percentiles.Columns(floor.TwoHops));
        section.Add("floor, part: one raw QoS 1 hop (publish -> subscriber receive; the earlier runs' baseline)", Percentiles.Columns(floor.OneHop));
        section.Add($"floor, part: one fsync of a small file (append {RoundTripFloor.RecordBytes} bytes + fsync, stand-in's data folder)", Percentiles.Columns(floor.Fsync));
        double reportP50 = Percentiles.Of(reports, 50), floorP50 = Percentiles.Of(floor.TwoHopsAndFsync, 50);
        double ratio = reportP50 / floorP50;
        section.Note($"Target report -> update/accepted p50 at most 2x the floor: **{(ratio <= 2 ? "met" : "missed")}** ({BenchSection.Format(reportP50)} ms "
            + $"vs {BenchSection.Format(floorP50)} ms, {BenchSection.Format(ratio)}x; the floor's parts' p50s add up to "
            + $"{BenchSection.Format(Percentiles.Of(floor.TwoHops, 50) + Percentiles.Of(floor.Fsync, 50))} ms).");
        section.Note("A report's round trip is the board's publish to the stand-in's broker, the shadow service (parse, merge, journal append "
            + "+ fsync shared by concurrent updates, reply) and the reply's delivery; the floor's two hops go through the broker twice with an "
            + "echo client's receive and publish between them, and its fsync is taken on the echo's delivery task between the hops. "
            + $"Floor samples alternate with and without the fsync, one every {options.Pick(50, 10)} ms. A desired change is four hops "
            + "(console -> service -> delta to the board -> report -> accepted) plus the agent's step that applies it.");
        section.Note("Board timestamps are taken where the agent hands the publish to the MQTT client and where the client hands a message "
            + "to the agent (the virtual board's ObservedSession); the agent loop's wake-up is included in the desired-change figures.");
        return section;
    }

    internal static void Check(bool condition, string what)
    {
        if (!condition) throw new InvalidOperationException("benchmark step failed: " + what);
    }
}
