using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using NanoThing.EndToEnd.Tests.Support;
using NanoThing.Mqtt;
using NanoThing.Mqtt.Packets;
using NanoThing.VirtualBoard.Board;

namespace NanoThing.EndToEnd.Tests;

/// <summary>
/// A virtual board with telemetry on, against the real stand-in: an application identity (a backend, as
/// `nanothing local provision --app` registers it) subscribed to every thing's telemetry receives the board's records,
/// in seq order, on dt/nanothing/&lt;thing&gt;/telemetry, which the thing's default policy allows.
/// </summary>
[TestClass]
public sealed class TelemetryTests
{
    [TestMethod]
    public async Task AnApplicationIdentityReceivesTheBoardsTelemetry()
    {
        await using var standIn = await StandIn.StartAsync();
        NewConfig fast = standIn.FastConfig();
        var settings = new Dictionary<string, double>(fast.Settings) { ["telemetryIntervalSeconds"] = 1, ["telemetryBatchSize"] = 2 };
        standIn.ProvisionThing("streaming", fast with { Settings = settings });

        var messages = Channel.CreateUnbounded<MqttMessage>();
        await using var backend = new MqttClient(new MqttConnectOptions("127.0.0.1", standIn.Port, "backend", standIn.ProvisionApplication("backend")));
        backend.MessageReceived += message => messages.Writer.TryWrite(message);
        var connected = await backend.ConnectAsync();
        Assert.IsTrue(connected.IsConnected, connected.Message);
        var subscribed = await backend.SubscribeAsync([new MqttSubscription("dt/nanothing/+/telemetry", MqttQos.AtLeastOnce)]);
        Assert.IsTrue(subscribed.AllGranted, subscribed.Message);

        standIn.StartBoard("streaming");
        var seqs = new List<long>();
        using var bound = new CancellationTokenSource(StandIn.Bound);
        while (seqs.Count < 4)
        {
            MqttMessage message;
            try
            {
                message = await messages.Reader.ReadAsync(bound.Token);
            }
            catch (OperationCanceledException)
            {
                throw new AssertFailedException($"{seqs.Count} telemetry record(s) within {StandIn.Bound.TotalSeconds} s: " + string.Join(",", seqs));
            }

            Assert.AreEqual("dt/nanothing/streaming/telemetry", message.Topic);
            JsonNode body = JsonNode.Parse(Encoding.UTF8.GetString(message.Payload.Span))!;
            Assert.AreEqual("streaming", (string?)body["thing"], body.ToJsonString());
            foreach (JsonNode? record in body["records"]!.AsArray())
            {
                Assert.IsNotNull(record?["temperature"], body.ToJsonString());
                seqs.Add((long)record!["seq"]!);
            }
        }

        CollectionAssert.AreEqual(seqs.OrderBy(s => s).ToList(), seqs, "records arrive in seq order: " + string.Join(",", seqs));
        Assert.AreEqual(seqs.Count, seqs.Distinct().Count(), "no seq twice on a link that did not drop: " + string.Join(",", seqs));
    }

    [TestMethod]
    public async Task APolicyWithoutTheTelemetryTopic_CostsTheLinkTwice_ThenTelemetryPauses_AndTheShadowStaysConnected()
    {
        await using var standIn = await StandIn.StartAsync();
        NewConfig fast = standIn.FastConfig();
        var settings = new Dictionary<string, double>(fast.Settings) { ["telemetryIntervalSeconds"] = 1, ["telemetryBatchSize"] = 2 };
        // the classic shadow's policy only: AWS (and the stand-in) close the connection of a publish outside it
        standIn.ProvisionThing("unallowed", fast with { Settings = settings }, Cli.Commands.Policy.DevicePolicy.Classic);

        var board = standIn.StartBoard("unallowed");
        var watch = standIn.Watches[board];
        watch.WaitForLog("telemetry: the link was lost right after each of the last 2 telemetry messages on dt/nanothing/unallowed/telemetry");

        int paused = watch.Mark();
        watch.WaitForAccepted(_ => true, "a report accepted after telemetry paused", paused);
        int later = watch.Mark();
        watch.WaitForAccepted(_ => true, "a second report accepted on the same link", later);
        string[] lost = watch.LogLines().Where(l => l.Contains("connection to the broker lost", StringComparison.Ordinal)).ToArray();
        Assert.AreEqual(2, lost.Length, "the link was lost twice, then no more: " + string.Join(" | ", lost));
        Assert.IsTrue(board.Agent.Telemetry!.IsPaused);
        Assert.IsTrue(board.Agent.Telemetry.Store.UsedSlots > 0, "the records wait on the board's flash");
    }
}
