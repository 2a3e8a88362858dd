using System.Diagnostics;
using System.Text;
using NanoThing.Bench.StandIn;
using NanoThing.Mqtt;

namespace NanoThing.Bench.RoundTrip;

/// <summary>
/// The floor of a report's round trip, through the same stand-in's broker without the shadow service: a client
/// publishes QoS 1 to a topic an echo client is subscribed to (hop 1); the echo appends a small record to a file in the
/// stand-in's data folder and fsyncs it (what the group commit does once per batch), then publishes QoS 1 to a topic
/// the first client is subscribed to (hop 2). Samples alternate with and without the fsync, so the two hops alone and
/// the fsync alone are measured in the same run and under the same load as the whole.
/// </summary>
public sealed class RoundTripFloor
{
    private const string There = "$aws/things/floorbench/shadow/floor/there"; // not shadow request topics: the shadow service ignores them
    private const string Back = "$aws/things/floorbench/shadow/floor/back";

    public List<double> TwoHopsAndFsync { get; } = [];

    public List<double> TwoHops { get; } = [];

    public List<double> OneHop { get; } = [];

    public List<double> Fsync { get; } = [];

    /// <summary>Bytes appended and fsynced per sample (the size of one update's journal record, roughly).</summary>
    public static int RecordBytes => Record.Length;

    private static readonly byte[] Record = Encoding.UTF8.GetBytes("{\"state\":{\"reported\":{\"temperature\":21.5,\"humidity\":40.12,\"pressure\":1013.25,\"uptimeSeconds\":3600}},\"clientToken\":\"nt-0000abcd-17\"}\n");

    /// <summary><paramref name="samples"/> of each kind, one every <paramref name="pace"/>, after five warm-up samples of each.</summary>
    public static async Task<RoundTripFloor> MeasureAsync(BenchStandIn standIn, int samples, TimeSpan pace)
    {
        var floor = new RoundTripFloor();
        string file = Path.Combine(standIn.DataFolder, "floor-fsync.journal");
        await using var stream = new FileStream(file, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.None);
        await using var echo = new MqttClient(standIn.ApplicationOptions("bench.listener"));
        await using var origin = new MqttClient(standIn.ApplicationOptions("bench.raw"));
        bool fsync = false;
        long echoReceivedAt = 0, echoFsynced = 0, backAt = 0;
        var back = new SemaphoreSlim(0);
        echo.MessageReceived += message =>
        {
            Volatile.Write(ref echoReceivedAt, Stopwatch.GetTimestamp());
            if (Volatile.Read(ref fsync))
            {
                stream.Write(Record);
                stream.Flush(flushToDisk: true);
            }

            Volatile.Write(ref echoFsynced, Stopwatch.GetTimestamp());
            _ = echo.PublishAsync(Back, message.Payload); // like the shadow service, the answer does not wait for its PUBACK
        };
        origin.MessageReceived += _ =>
        {
            Volatile.Write(ref backAt, Stopwatch.GetTimestamp());
            back.Release();
        };
        RoundTripBench.Check((await echo.ConnectAsync()).IsConnected, "floor echo connect");
        RoundTripBench.Check((await origin.ConnectAsync()).IsConnected, "floor origin connect");
        RoundTripBench.Check((await echo.SubscribeAsync(There)).AllGranted, "floor echo subscribe");
        RoundTripBench.Check((await origin.SubscribeAsync(Back)).AllGranted, "floor origin subscribe");

        byte[] payload = Record[..^1];
        const int WarmUp = 10;
        for (int i = 0; i < 2 * (samples + WarmUp); i++)
        {
            await Task.Delay(pace);
            Volatile.Write(ref fsync, i % 2 == 0);
            long start = Stopwatch.GetTimestamp();
            var published = await origin.PublishAsync(There, payload);
            RoundTripBench.Check(published.Succeeded, published.Message);
            RoundTripBench.Check(await back.WaitAsync(BoardProbe.Bound), "floor: the echo's answer did not arrive within the bound");
            if (i < 2 * WarmUp) continue;
            long received = Volatile.Read(ref echoReceivedAt), fsynced = Volatile.Read(ref echoFsynced), done = Volatile.Read(ref backAt);
            if (i % 2 == 0)
            {
                floor.TwoHopsAndFsync.Add(Stopwatch.GetElapsedTime(start, done).TotalMilliseconds);
                floor.Fsync.Add(Stopwatch.GetElapsedTime(received, fsynced).TotalMilliseconds);
            }
            else
            {
                floor.TwoHops.Add(Stopwatch.GetElapsedTime(start, done).TotalMilliseconds);
                floor.OneHop.Add(Stopwatch.GetElapsedTime(start, received).TotalMilliseconds);
            }
        }

        return floor;
    }
}
