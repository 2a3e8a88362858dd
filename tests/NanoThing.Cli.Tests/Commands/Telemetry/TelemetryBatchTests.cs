using System.Text;
using NanoThing.Cli.Commands.Telemetry;

namespace NanoThing.Cli.Tests.Commands.Telemetry;

/// <summary>The board's telemetry message as <c>telemetry watch</c> reads it: every field of a record, the flag of a
/// record taken before SNTP, refusals with a reason, and no input that throws.</summary>
[TestClass]
public sealed class TelemetryBatchTests
{
    // As NanoThing.Core's TelemetryMessage writes it (TelemetryMessageTests' golden output has the same shape).
    private const string Message = """{"thing":"kitchen","records":[{"seq":1,"ts":1767225600000,"temperature":21.43,"humidity":45.5,"pressure":1013.25},{"seq":2,"ts":4200,"clockValid":false,"temperature":-3.1,"pressure":990}]}""";

    [TestMethod]
    public void Records_AreReadWithTheirValuesInOrder()
    {
        Assert.IsTrue(TelemetryBatch.TryParse(Encoding.UTF8.GetBytes(Message), out string thing, out var records, out string error), error);

        Assert.AreEqual("kitchen", thing);
        Assert.AreEqual(2, records.Count);
        Assert.AreEqual(1, records[0].Seq);
        Assert.AreEqual(1767225600000, records[0].Ts);
        Assert.IsTrue(records[0].ClockValid);
        CollectionAssert.AreEqual(new[] { "temperature=21.43", "humidity=45.5", "pressure=1013.25" }, records[0].Values.Select(v => v.Key + "=" + v.Value).ToArray());
        Assert.AreEqual("""{"seq":1,"ts":1767225600000,"temperature":21.43,"humidity":45.5,"pressure":1013.25}""", records[0].Json);
        Assert.IsFalse(records[1].ClockValid, "taken before the clock was set: ts is ms since boot");
        CollectionAssert.AreEqual(new[] { "temperature", "pressure" }, records[1].Values.Select(v => v.Key).ToArray(), "no humidity on a BMP280");
    }

    [TestMethod]
    [DataRow("", "not valid JSON")]
    [DataRow("[1,2]", "\"records\" array")]
    [DataRow("{\"records\":{}}", "\"records\" array")]
    [DataRow("{\"records\":[{\"ts\":1}]}", "no integer \"seq\"")]
    [DataRow("{\"records\":[{\"seq\":\"1\",\"ts\":1}]}", "no integer \"seq\"")]
    [DataRow("{\"records\":[{\"seq\":1.5,\"ts\":1}]}", "no integer \"seq\"")]
    [DataRow("{\"records\":[7]}", "no integer \"seq\"")]
    public void NotTelemetry_IsRefusedWithAReason(string payload, string reason)
    {
        Assert.IsFalse(TelemetryBatch.TryParse(Encoding.UTF8.GetBytes(payload), out _, out var records, out string error));
        Assert.AreEqual(0, records.Count);
        StringAssert.Contains(error, reason);
    }

    [TestMethod]
    public void AnyInput_NeverThrows()
    {
        byte[] valid = Encoding.UTF8.GetBytes(Message);
        var random = new Random(16);
        for (int i = 0; i < 3000; i++)
        {
            byte[] input = (i % 3) switch
            {
                0 => valid[..random.Next(valid.Length)],
                1 => valid.Select(b => random.Next(15) == 0 ? (byte)random.Next(256) : b).ToArray(),
                _ => Enumerable.Range(0, random.Next(80)).Select(_ => (byte)random.Next(256)).ToArray(),
            };
            TelemetryBatch.TryParse(input, out _, out _, out _);
        }

        Assert.IsFalse(TelemetryBatch.TryParse(Encoding.UTF8.GetBytes(new string('[', 100_000)), out _, out _, out _));
        Assert.IsFalse(TelemetryBatch.TryParse(Encoding.UTF8.GetBytes("{\"records\":[{\"seq\":1e400,\"ts\":1}]}"), out _, out _, out _));
    }
}
