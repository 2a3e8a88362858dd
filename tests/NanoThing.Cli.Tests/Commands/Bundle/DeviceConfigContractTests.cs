using System.Collections;
using System.Text;
using NanoThing.Cli.Commands.Bundle;
using NanoThing.Cli.Things;
using NanoThing.Core.Config;

namespace NanoThing.Cli.Tests.Commands.Bundle;

/// <summary>The config file `bundle` writes is read by the firmware's own parser (Core's DeviceConfig, host build).</summary>
[TestClass]
public sealed class DeviceConfigContractTests
{
    [TestMethod]
    [DataRow("kitchen", "a1b2c3d4e5f6g7-ats.iot.eu-west-1.amazonaws.com", 8883)]
    [DataRow("Thing_01:floor-2", "127.0.0.1", 18883)]
    public void Write_IsAcceptedByTheFirmwareParserWithTheSameValues(string thing, string host, int port)
    {
        Assert.IsTrue(ThingName.TryCreate(thing, out var name, out _));
        byte[] file = Encoding.UTF8.GetBytes(DeviceConfigFile.Write(name, new IotEndpoint(host, port)));
        var errors = new ArrayList();

        DeviceConfig config = DeviceConfig.Parse(file, 0, file.Length, errors);

        Assert.AreEqual(0, errors.Count, string.Join("\n", errors.Cast<object>()));
        Assert.AreEqual(thing, config.ThingName);
        Assert.AreEqual(host, config.Endpoint);
        Assert.AreEqual(port, config.Port);
        Assert.AreEqual(DeviceConfig.FileName, DeviceConfigFile.DeviceFileName);
    }
}
