using System.Text.Json.Nodes;
using NanoThing.EndToEnd.Tests.Support;
using NanoThing.VirtualBoard.Simulation;

namespace NanoThing.EndToEnd.Tests;

/// <summary>
/// The stand-in fails under a running board: it is stopped (every connection dropped) and started again. The board
/// reconnects with backoff and converges to its latest readings; the shadow keeps its state and versions only grow.
/// Each test has its own stand-in (they break it).
/// </summary>
[TestClass]
public sealed class RestartTests
{
    [TestMethod]
    public async Task BrokerKilledAndRestartedBoardReconnectsWithBackoffAndConvergesToTheLatestReadings()
    {
        await using var standIn = await StandIn.StartAsync();
        var weather = new FixedWeather(new(21.0, 101_300, 40));
        var board = standIn.StartBoard("broker-restart", weather);
        var watch = standIn.Watches[board];
        JsonNode first = watch.WaitForAccepted(r => r["temperature"] is not null, "the first report accepted");
        long versionBefore = (long)first["version"]!;

        int mark = watch.Mark();
        await standIn.StopServiceAsync();
        watch.WaitForLog("connection to the broker lost", mark);
        weather.Reading = new(27.5, 100_900, 33);
        watch.WaitForLog("connect as 'broker-restart' failed", mark); // refused while the broker is down, then backoff
        await standIn.StartServiceAsync();

        JsonNode converged = watch.WaitForAccepted(r => BoardAndShadowTests.Near(r["temperature"], 27.5, 0.02), "the reading taken while the broker was down", mark);
        Assert.IsTrue((long)converged["version"]! > versionBefore, "versions continue: " + converged.ToJsonString());
        Assert.IsTrue(board.Agent.Connects >= 2, "connected again: " + board.Agent.Connects);
        Assert.IsTrue(board.Agent.ConnectAttempts > board.Agent.Connects, $"failed attempts were backed off: {board.Agent.ConnectAttempts} attempts, {board.Agent.Connects} connects");
        Assert.IsTrue(watch.LogLines().Any(l => l.Contains("backoff drew", StringComparison.Ordinal)), "the retry delay comes from the backoff");

        JsonNode reported = standIn.Shadow("broker-restart")!["state"]!["reported"]!;
        Assert.IsTrue(BoardAndShadowTests.Near(reported["temperature"], 27.5, 0.02), reported.ToJsonString());
        Assert.IsTrue(BoardAndShadowTests.Near(reported["humidity"], 33, 0.1), reported.ToJsonString());
    }

    [TestMethod]
    public async Task StandInRestartsAndNothingIsLost()
    {
        await using var standIn = await StandIn.StartAsync();
        var weather = new FixedWeather(new(20.0, 101_300, 40));
        var board = standIn.StartBoard("service-restart", weather);
        var watch = standIn.Watches[board];
        watch.WaitForAccepted(r => r["temperature"] is not null, "the first report accepted");
        int mark = watch.Mark();
        await standIn.SetDesiredAsync("service-restart", "{\"led\":true}");
        JsonNode ledReported = watch.WaitForAccepted(r => r["led"] is JsonValue led && (bool)led, "led reported true", mark);
        long versionBefore = (long)ledReported["version"]!;

        mark = watch.Mark();
        await standIn.StopServiceAsync();
        weather.Reading = new(24.0, 101_300, 40);
        await standIn.StartServiceAsync(); // the broker and the shadow service are one process: both come back together

        JsonNode accepted = watch.WaitForAccepted(r => BoardAndShadowTests.Near(r["temperature"], 24.0, 0.02), "the report made after the restart", mark);
        Assert.IsTrue((long)accepted["version"]! > versionBefore, "versions continue: " + accepted.ToJsonString());
        JsonObject shadow = standIn.Shadow("service-restart")!;
        Assert.AreEqual(true, (bool?)shadow["state"]!["desired"]!["led"], "desired state survives: " + shadow.ToJsonString());
        Assert.AreEqual(true, (bool?)shadow["state"]!["reported"]!["led"], shadow.ToJsonString());
        Assert.IsTrue(BoardAndShadowTests.Near(shadow["state"]!["reported"]!["temperature"], 24.0, 0.02), shadow.ToJsonString());
        Assert.IsTrue((long)shadow["version"]! >= (long)accepted["version"]!);
        Assert.IsTrue(board.Led.IsOn);
    }

    [TestMethod]
    public async Task TwoBoardsNeverSeeEachOthersTraffic()
    {
        await using var standIn = await StandIn.StartAsync();
        var left = standIn.StartBoard("left-board", new FixedWeather(new(18.0, 101_000, 30)));
        var right = standIn.StartBoard("right-board", new FixedWeather(new(26.0, 102_000, 60)));
        var leftWatch = standIn.Watches[left];
        var rightWatch = standIn.Watches[right];
        leftWatch.WaitForAccepted(r => BoardAndShadowTests.Near(r["temperature"], 18.0, 0.02), "left's first report");
        rightWatch.WaitForAccepted(r => BoardAndShadowTests.Near(r["temperature"], 26.0, 0.02), "right's first report");

        int mark = leftWatch.Mark();
        await standIn.SetDesiredAsync("left-board", "{\"led\":true}");
        leftWatch.WaitForAccepted(r => r["led"] is JsonValue led && (bool)led, "left's led reported true", mark);
        int rightMark = rightWatch.Mark();
        right.Sensor.Weather = new FixedWeather(new(27.0, 102_000, 60));
        rightWatch.WaitForAccepted(r => BoardAndShadowTests.Near(r["temperature"], 27.0, 0.02), "right's next report", rightMark);

        Assert.IsTrue(left.Led.IsOn);
        Assert.IsFalse(right.Led.IsOn, "left's desired state never reaches right");
        foreach (var (watch, thing) in new[] { (leftWatch, "left-board"), (rightWatch, "right-board") })
        {
            var foreign = watch.ReceivedTopics().Where(t => !t.StartsWith("$aws/things/" + thing + "/shadow/", StringComparison.Ordinal)).ToList();
            Assert.AreEqual(0, foreign.Count, thing + " received another thing's traffic: " + string.Join(", ", foreign));
        }

        Assert.IsTrue(BoardAndShadowTests.Near(standIn.Shadow("left-board")!["state"]!["reported"]!["temperature"], 18.0, 0.02));
        Assert.IsNull(standIn.Shadow("right-board")!["state"]!["desired"], "right's shadow has no desired state");
    }
}
