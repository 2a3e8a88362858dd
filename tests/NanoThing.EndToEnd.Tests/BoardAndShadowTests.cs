using System.Text.Json.Nodes;
using NanoThing.Core.Seams;
using NanoThing.EndToEnd.Tests.Support;
using NanoThing.VirtualBoard.Simulation;

namespace NanoThing.EndToEnd.Tests;

/// <summary>
/// A virtual board against the real stand-in (broker + shadow service): what it reports after boot, how it obeys
/// desired state (and answers bad values), how a sensor fault shows. Waits are on what the board received from the
/// service (update/accepted, delta) or did (LED); the shadow is then read from the service's store. One stand-in for
/// the class; one thing per test.
/// </summary>
[TestClass]
public sealed class BoardAndShadowTests
{
    private static StandIn standIn = null!;

    [ClassInitialize]
    public static async Task StartStandIn(TestContext _) => standIn = await StandIn.StartAsync();

    [ClassCleanup]
    public static async Task StopStandIn()
    {
        if (standIn is not null) await standIn.DisposeAsync();
    }

    internal static bool Near(JsonNode? value, double expected, double tolerance) =>
        value is JsonValue v && v.TryGetValue(out double d) && Math.Abs(d - expected) <= tolerance;

    private static JsonNode Reported(JsonObject? shadow) => shadow?["state"]?["reported"] ?? throw new AssertFailedException("no reported state in " + shadow?.ToJsonString());

    [TestMethod]
    public void FirstReportAfterBootAppearsInTheShadow()
    {
        var board = standIn.StartBoard("boot-report", new FixedWeather(new(22.5, 100_800, 45)));
        var watch = standIn.Watches[board];

        watch.WaitFor(BoardWatch.Kind.Received, "/shadow/get/rejected", t => t.Contains("404", StringComparison.Ordinal), "the GET of a new thing answered 404");
        JsonNode accepted = watch.WaitForAccepted(r => r["temperature"] is not null, "the first report accepted");
        Assert.AreEqual(1L, (long)accepted["version"]!, "the first report creates the shadow: " + accepted.ToJsonString());

        JsonNode reported = Reported(standIn.Shadow("boot-report"));
        Assert.IsTrue(Near(reported["temperature"], 22.5, 0.02), reported.ToJsonString());
        Assert.IsTrue(Near(reported["humidity"], 45, 0.1), reported.ToJsonString());
        Assert.IsTrue(Near(reported["pressure"], 1008.0, 0.05), reported.ToJsonString());
        Assert.AreEqual("0.1.0-virtual", (string?)reported["firmwareVersion"]);
        Assert.AreEqual("virtualBoard", (string?)reported["resetReason"]);
        Assert.IsTrue((long?)reported["freeMemoryBytes"] > 0, "the PC's memory gauge is wired: " + reported.ToJsonString());
        Assert.AreEqual(false, (bool?)reported["led"], "the settings are reported after boot: " + reported.ToJsonString());
    }

    [TestMethod]
    public void ButtonPressIsReportedAtOnceWithItsCount()
    {
        var board = standIn.StartBoard("button-press");
        var watch = standIn.Watches[board];
        watch.WaitForAccepted(r => r["temperature"] is not null, "the first report accepted");

        int mark = watch.Mark();
        board.Button.PressAndHold(bounces: 3);
        JsonNode accepted = watch.WaitForAccepted(r => r["buttonPresses"] is JsonValue presses && (int)presses > 0, "a button press", mark);
        board.Button.Release();
        Assert.AreEqual(1, (int)accepted["state"]!["reported"]!["buttonPresses"]!, "three contact bounces are one press: " + accepted.ToJsonString());
        Assert.AreEqual(1, (int)Reported(standIn.Shadow("button-press"))["buttonPresses"]!);
    }

    [TestMethod]
    public async Task DesiredLedReachesTheBoardIsReportedBackAndTheDeltaClears()
    {
        var board = standIn.StartBoard("led-desired");
        var watch = standIn.Watches[board];
        watch.WaitForAccepted(r => r["temperature"] is not null, "the first report accepted");
        Assert.IsFalse(board.Led.IsOn);

        int mark = watch.Mark();
        var (topic, _) = await standIn.SetDesiredAsync("led-desired", "{\"led\":true}");
        StringAssert.EndsWith(topic, "/update/accepted");

        watch.WaitFor(BoardWatch.Kind.Led, "", t => t == "on", "the LED turning on", mark);
        watch.WaitForAccepted(r => r["led"] is JsonValue led && (bool)led, "led reported true", mark);
        Assert.IsTrue(board.Led.IsOn);

        JsonObject shadow = standIn.Shadow("led-desired")!;
        Assert.AreEqual(true, (bool?)shadow["state"]!["desired"]!["led"]);
        Assert.AreEqual(true, (bool?)shadow["state"]!["reported"]!["led"]);
        Assert.IsNull(shadow["state"]!["delta"], "desired and reported agree, so no delta is left: " + shadow.ToJsonString());
    }

    [TestMethod]
    public async Task InvalidDesiredValueIsAnsweredInErrorsAndRemovedOnceFixed()
    {
        var board = standIn.StartBoard("led-invalid");
        var watch = standIn.Watches[board];
        watch.WaitForAccepted(r => r["temperature"] is not null, "the first report accepted");

        int mark = watch.Mark();
        await standIn.SetDesiredAsync("led-invalid", "{\"led\":\"blue\"}");
        JsonNode refused = watch.WaitForAccepted(r => r["errors"]?["led"] is not null, "errors.led reported", mark);
        Assert.AreEqual("must be true or false", (string?)refused["state"]!["reported"]!["errors"]!["led"], refused.ToJsonString());
        Assert.AreEqual("must be true or false", (string?)Reported(standIn.Shadow("led-invalid"))["errors"]?["led"]);
        Assert.IsFalse(board.Led.IsOn, "a bad value changes nothing");

        mark = watch.Mark();
        await standIn.SetDesiredAsync("led-invalid", "{\"led\":true}");
        watch.WaitForAccepted(r => r["led"] is JsonValue led && (bool)led, "led reported true", mark);
        JsonObject shadow = standIn.Shadow("led-invalid")!;
        Assert.IsNull(shadow["state"]!["reported"]!["errors"]?["led"], "the error is removed once fixed: " + shadow.ToJsonString());
        Assert.IsNull(shadow["state"]!["delta"], shadow.ToJsonString());
        Assert.IsTrue(board.Led.IsOn);
    }

    [TestMethod]
    public void SensorFaultIsReportedAsAFaultNeverAsAValueAndHeals()
    {
        var board = standIn.StartBoard("sensor-fault");
        var watch = standIn.Watches[board];
        watch.WaitForAccepted(r => r["temperature"] is not null, "the first report accepted");

        int mark = watch.Mark();
        board.Sensor.Fault(I2cStatus.UnknownError);
        JsonNode faulty = watch.WaitForAccepted(r => r["faults"]?["bme280"] is not null, "faults.bme280 reported", mark);
        Assert.AreEqual("busError", (string?)faulty["state"]!["reported"]!["faults"]!["bme280"], faulty.ToJsonString());
        JsonNode reported = Reported(standIn.Shadow("sensor-fault"));
        Assert.IsNull(reported["temperature"], "a failed sensor deletes its values: " + reported.ToJsonString());
        Assert.IsNull(reported["pressure"], reported.ToJsonString());

        mark = watch.Mark();
        board.Sensor.Weather = new FixedWeather(new(19.0, 101_300, 50));
        board.Sensor.Fault(I2cStatus.Ok);
        watch.WaitForAccepted(r => Near(r["temperature"], 19.0, 0.02), "temperature 19 reported", mark);
        reported = Reported(standIn.Shadow("sensor-fault"));
        Assert.IsNull(reported["faults"]?["bme280"], "the fault is cleared: " + reported.ToJsonString());
    }
}
