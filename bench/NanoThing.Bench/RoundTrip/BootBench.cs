using System.Diagnostics;
using System.Text;
using NanoThing.Bench.Figures;
using NanoThing.Bench.StandIn;
using NanoThing.Mqtt;
using NanoThing.Mqtt.Packets;
using NanoThing.VirtualBoard.Simulation;

namespace NanoThing.Bench.RoundTrip;

/// <summary>
/// Benchmark 4: boot to first accepted report of a virtual board (compose from its folder: config, certificate,
/// key; start; connect with TLS; subscribe; GET; measure; update; update/accepted), against the floor: the same
/// protocol steps by a bare MQTT client (load the identity, TLS connect, one SUBSCRIBE of the five reply topics,
/// GET -> get/accepted, update -> update/accepted) through the same stand-in.
/// </summary>
public static class BootBench
{
    public const string Id = "boot";

    public static async Task<BenchSection> RunAsync(BenchOptions options)
    {
        int boots = options.Pick(15, 2);
        var section = new BenchSection(Id, "4. Boot to first accepted report of a virtual board vs the protocol's floor");
        await using var standIn = await BenchStandIn.StartAsync();

        var board = new List<double>();
        for (int i = 0; i < boots + 1; i++)
        {
            string thing = "boot-" + i;
            string folder = standIn.ProvisionBoard(thing, RoundTripBench.FastSettings);
            long start = Stopwatch.GetTimestamp();
            using var probe = BoardProbe.Create(thing, folder, new FixedWeather(new(21.5, 101_300, 40)));
            probe.Board.Start();
            long accepted = probe.WaitForAccepted(_ => true, "the first report");
            if (i > 0) board.Add(Stopwatch.GetElapsedTime(start, accepted).TotalMilliseconds); // the first warms the JIT
        }

        var connect = new List<double>();
        var subscribe = new List<double>();
        var get = new List<double>();
        var update = new List<double>();
        var total = new List<double>();
        for (int i = 0; i < boots + 1; i++)
        {
            string thing = "floor-" + i;
            standIn.ThingOptions(thing); // the identity exists beforehand, as the board's does
            var steps = await FloorAsync(standIn, thing);
            if (i == 0) continue;
            connect.Add(steps[0]);
            subscribe.Add(steps[1]);
            get.Add(steps[2]);
            update.Add(steps[3]);
            total.Add(steps.Sum());
        }

        section.Add("virtual board: compose + start -> first update/accepted", Percentiles.Columns(board));
        section.Add("floor: identity load + TLS connect + SUBSCRIBE + GET + update (sum)", Percentiles.Columns(total));
        section.Add("floor, step: identity load + TCP + TLS + CONNECT/CONNACK", Percentiles.Columns(connect));
        section.Add("floor, step: SUBSCRIBE 5 reply topics -> SUBACK", Percentiles.Columns(subscribe));
        section.Add("floor, step: GET -> get/accepted", Percentiles.Columns(get));
        section.Add("floor, step: update -> update/accepted", Percentiles.Columns(update));
        section.Note($"The board's boot is {BenchSection.Format(Percentiles.Of(board, 50) / Percentiles.Of(total, 50))}x the floor at p50. "
            + "On top of the floor the board composes itself (reads nanothing.json through Core's parser, loads the identity), starts its loop thread, "
            + "and takes its first BME280 measurement (forced mode) before the first report.");
        return section;
    }

    /// <summary>Milliseconds of connect, subscribe, get and update for a bare client with <paramref name="thing"/>'s certificate.</summary>
    private static async Task<double[]> FloorAsync(BenchStandIn standIn, string thing)
    {
        string root = "$aws/things/" + thing + "/shadow/";
        var replies = new System.Collections.Concurrent.BlockingCollection<string>();
        long start = Stopwatch.GetTimestamp();
        await using var client = new MqttClient(standIn.ThingOptions(thing));
        client.MessageReceived += message => replies.Add(message.Topic);
        RoundTripBench.Check((await client.ConnectAsync()).IsConnected, "floor connect");
        long connected = Stopwatch.GetTimestamp();
        string[] topics = ["get/accepted", "get/rejected", "update/accepted", "update/rejected", "update/delta"];
        var subscribed = await client.SubscribeAsync(topics.Select(t => new MqttSubscription(root + t, MqttQos.AtLeastOnce)).ToList());
        RoundTripBench.Check(subscribed.AllGranted, "floor subscribe");
        long afterSubscribe = Stopwatch.GetTimestamp();
        await client.PublishAsync(root + "get", Encoding.UTF8.GetBytes("{\"clientToken\":\"nt-00000000-1\"}"));
        Await(replies, root + "get/");
        long afterGet = Stopwatch.GetTimestamp();
        await client.PublishAsync(root + "update", Encoding.UTF8.GetBytes(
            "{\"state\":{\"reported\":{\"temperature\":21.5,\"humidity\":40,\"pressure\":1013,\"faults\":null,\"buttonPresses\":0,"
            + "\"firmwareVersion\":\"0.1.0-virtual\",\"uptimeSeconds\":0,\"resetReason\":\"virtualBoard\"}},\"clientToken\":\"nt-00000000-2\"}"));
        Await(replies, root + "update/accepted");
        long afterUpdate = Stopwatch.GetTimestamp();
        return
        [
            Stopwatch.GetElapsedTime(start, connected).TotalMilliseconds,
            Stopwatch.GetElapsedTime(connected, afterSubscribe).TotalMilliseconds,
            Stopwatch.GetElapsedTime(afterSubscribe, afterGet).TotalMilliseconds,
            Stopwatch.GetElapsedTime(afterGet, afterUpdate).TotalMilliseconds,
        ];
    }

    private static void Await(System.Collections.Concurrent.BlockingCollection<string> replies, string topicPrefix)
    {
        var deadline = DateTime.UtcNow + BoardProbe.Bound;
        while (replies.TryTake(out string? topic, Math.Max(0, (int)(deadline - DateTime.UtcNow).TotalMilliseconds)))
        {
            if (topic.StartsWith(topicPrefix, StringComparison.Ordinal)) return;
        }

        throw new TimeoutException("no reply on " + topicPrefix + "* within " + BoardProbe.Bound.TotalSeconds + " s");
    }
}
