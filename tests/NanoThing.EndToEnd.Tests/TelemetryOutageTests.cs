using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NanoThing.EndToEnd.Tests.Support;
using NanoThing.LocalIot.Broker;
using NanoThing.VirtualBoard.Board;
using NanoThing.VirtualBoard.Simulation;
using Board = NanoThing.VirtualBoard.Board.VirtualBoard;

namespace NanoThing.EndToEnd.Tests;

/// <summary>
/// Issue 16's "a virtual board's telemetry will be read from the stand-in through a broker outage", as a user does it:
/// the stand-in process (`nanothing local start`), a virtual board sampling every second with telemetry on, and
/// `nanothing telemetry watch --json` reading as an application identity with a persistent session. The stand-in is
/// stopped (`local stop`) while the board keeps sampling into its flash ring, and started again: every seq the board
/// took arrives at the reader, in order, each printed once, and the reader's account of the boot says no gaps. And when
/// the reader is away during the restart while the board sends, its persistent session, restored from disk, delivers
/// those records when it comes back (which of the reader and the board reconnects first is up to their backoff in the
/// first test; the second makes the board first).
/// </summary>
[TestClass]
public sealed partial class TelemetryOutageTests
{
    private const string Thing = "outage";

    [GeneratedRegex("^(\\{\"seq\":\\d+.*)$")]
    private static partial Regex RecordLine();

    [TestMethod]
    public void AReaderThatStaysUp_GetsEverySeqOnceInOrder_ThroughLocalStopAndStart()
    {
        using var run = new Run();
        using (var reader = run.Reader())
        {
            reader.WaitForMatches(new Regex("(subscribed to dt/nanothing/" + Thing + "/telemetry)"), 1);
            run.Board.Start();
            reader.WaitForMatches(RecordLine(), 3);

            long takenDuringOutage = run.Outage();
            List<long> seqs = WaitForSeq(reader, takenDuringOutage + 1);

            Assert.AreEqual(0, reader.Interrupt(), reader.Output);
            CollectionAssert.AreEqual(Enumerable.Range(1, seqs.Count).Select(i => (long)i).ToList(), seqs,
                "seqs 1.." + (takenDuringOutage + 1) + " each once, in order, those taken while the stand-in was down included: " + string.Join(",", seqs));
            StringAssert.Contains(reader.Output, "connecting again in", "the reader says it lost the broker and retries: " + reader.Output);
            StringAssert.Contains(reader.Output, "the broker kept the session", "the reader's session survived the restart: " + reader.Output);
            StringAssert.Matches(reader.Output, new Regex(@"boot 1 \(seq 1-\d+\): \d+ record\(s\), complete, no gaps"));
        }
    }

    [TestMethod]
    public void AReaderAwayDuringTheRestart_GetsWhatTheBoardSentMeanwhile_FromItsRestoredSession()
    {
        using var run = new Run();
        List<long> first;
        using (var reader = run.Reader())
        {
            reader.WaitForMatches(new Regex("(subscribed to dt/nanothing/" + Thing + "/telemetry)"), 1);
            run.Board.Start();
            first = reader.WaitForMatches(RecordLine(), 2).Select(Seq).ToList();
            Assert.AreEqual(0, reader.Interrupt(), reader.Output);
        }

        long takenDuringOutage = run.Outage();
        // The board sends its backlog and what it takes now while no reader is connected: only the restored session can keep them.
        run.Watch.WaitFor(BoardWatch.Kind.Published, "/telemetry", text => Seqs(text).Any(seq => seq > takenDuringOutage), "telemetry taken after the restart published");
        List<long> second;
        string output;
        using (var reader = run.Reader())
        {
            second = WaitForSeq(reader, takenDuringOutage + 1);
            Assert.AreEqual(0, reader.Interrupt(), reader.Output);
            output = reader.Output;
        }

        CollectionAssert.AreEqual(second.Order().ToList(), second, "in order: " + string.Join(",", second));
        Assert.IsTrue(second[0] <= first[^1] + 1, $"the second reader starts where the first stopped (a repeat of the same seq allowed): {first[^1]} then {second[0]}");
        var all = first.Concat(second).Distinct().ToList();
        CollectionAssert.AreEqual(Enumerable.Range(1, all.Count).Select(i => (long)i).ToList(), all,
            "every seq the board took, once, in order: " + string.Join(",", first) + " | " + string.Join(",", second));
        StringAssert.Contains(output, "the broker kept the session", output);
    }

    private static long Seq(string recordLine) => (long)JsonNode.Parse(recordLine)!["seq"]!;

    private static IEnumerable<long> Seqs(string telemetryJson) =>
        JsonNode.Parse(telemetryJson)?["records"]?.AsArray().Select(record => (long)record!["seq"]!) ?? [];

    /// <summary>
    /// One scenario's world in a temp folder: the stand-in process (`local start` on a free port), the thing
    /// provisioned by `local provision`, and a virtual board (not started) sampling every second with a telemetry record
    /// per sample, two per message. Disposing stops the board and the stand-in and removes the folder.
    /// </summary>
    private sealed class Run : IDisposable
    {
        private readonly string folder = Directory.CreateTempSubdirectory("nanothing-outage-").FullName;
        private readonly int port = FreePort.Find();

        public Run()
        {
            Succeeds("local", "start", "--port", port.ToString());
            Succeeds("local", "provision", "--thing", Thing);
            string thingFolder = Path.Combine(folder, "things", Thing);
            var config = new NewConfig("127.0.0.1", port)
            {
                Settings = new Dictionary<string, double>
                {
                    ["sampleIntervalSeconds"] = 1,
                    ["minReportIntervalSeconds"] = 1,
                    ["reportIntervalSeconds"] = 5,
                    ["telemetryIntervalSeconds"] = 1,
                    ["telemetryBatchSize"] = 2,
                },
            };
            Assert.IsTrue(new ThingFolder(thingFolder).TryLoadConfig(Thing, config, out _, out string error), error);
            Assert.IsTrue(Board.TryCreate(new VirtualBoardOptions { Thing = Thing, Directory = thingFolder, Output = Console.Out }, out var board, out error), error);
            Board = board!;
            Board.Sensor.Weather = Weather;
            Watch = new BoardWatch(Board);
        }

        public Board Board { get; }

        public BoardWatch Watch { get; }

        public CountingWeather Weather { get; } = new(new(21.5, 101_300, 40));

        /// <summary>`nanothing telemetry watch --thing outage --json` in the folder (its reader identity is provisioned on first use).</summary>
        public CliProcess Reader() => new(folder, "telemetry", "watch", "--thing", Thing, "--json");

        /// <summary>`local stop`, the board samples on (4 sensor reads), `local start`; returns the last seq taken while the stand-in was down.</summary>
        public long Outage()
        {
            int mark = Watch.Mark();
            Succeeds("local", "stop");
            Watch.WaitForLog("connection to the broker lost", mark);
            Weather.WaitForReads(Weather.Reads + 4);
            long taken = Board.Agent.Telemetry.NextSeq - 1;
            Succeeds("local", "start", "--port", port.ToString());
            return taken;
        }

        public void Dispose()
        {
            Board.Stop(CliProcess.Bound);
            using (var stop = new CliProcess(folder, "local", "stop"))
            {
                stop.WaitForExit();
            }

            Directory.Delete(folder, recursive: true);
        }

        private void Succeeds(params string[] arguments)
        {
            using var process = new CliProcess(folder, arguments);
            Assert.AreEqual(0, process.WaitForExit(), "nanothing " + string.Join(' ', arguments) + ":\n" + process.Output);
        }
    }

    /// <summary>The seqs the reader printed, in print order, once it printed <paramref name="target"/> or a later seq
    /// (then the assertions say what is missing); fails after <see cref="CliProcess.Bound"/> without a new line.</summary>
    private static List<long> WaitForSeq(CliProcess reader, long target)
    {
        for (int lines = 1; ; lines++)
        {
            var seqs = reader.WaitForMatches(RecordLine(), lines).Select(Seq).ToList();
            if (seqs.Any(seq => seq >= target))
            {
                return seqs;
            }
        }
    }

    internal sealed class CountingWeather(WeatherReading reading) : IWeather
    {
        private readonly object gate = new();
        private int reads;

        public int Reads
        {
            get
            {
                lock (gate) return reads;
            }
        }

        public WeatherReading Now()
        {
            lock (gate)
            {
                reads++;
                Monitor.PulseAll(gate);
            }

            return reading;
        }

        public void WaitForReads(int count)
        {
            var deadline = DateTime.UtcNow + StandIn.Bound;
            lock (gate)
            {
                while (reads < count)
                {
                    var left = deadline - DateTime.UtcNow;
                    if (left <= TimeSpan.Zero || !Monitor.Wait(gate, left))
                    {
                        throw new AssertFailedException($"the board read its sensor {reads} times, not {count}, within {StandIn.Bound.TotalSeconds} s");
                    }
                }
            }
        }
    }
}
