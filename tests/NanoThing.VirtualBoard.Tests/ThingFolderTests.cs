using System.Text;
using NanoThing.VirtualBoard.Board;

namespace NanoThing.VirtualBoard.Tests;

/// <summary>The thing folder as the virtual board reads it: config created for an endpoint, read by Core's parser, refused with the file and the fix.</summary>
[TestClass]
public sealed class ThingFolderTests
{
    private string _folder = "";

    [TestInitialize]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("nanothing-thing-").FullName;

    [TestCleanup]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [TestMethod]
    public void NewConfigIsTheBundleFormatWithTheGivenSettings()
    {
        var config = new NewConfig("127.0.0.1", 18883) { Settings = new Dictionary<string, double> { ["reportIntervalSeconds"] = 30, ["temperatureThreshold"] = 0.1 } };
        Assert.AreEqual(
            "{\n  \"thingName\": \"kitchen\",\n  \"endpoint\": \"127.0.0.1\",\n  \"port\": 18883,\n  \"reportIntervalSeconds\": 30,\n  \"temperatureThreshold\": 0.1\n}\n",
            Encoding.UTF8.GetString(config.ToJson("kitchen")).Replace("\r\n", "\n"));
    }

    [TestMethod]
    public void MissingConfigIsCreatedForTheEndpointAndReadByCore()
    {
        var folder = new ThingFolder(_folder);
        var create = new NewConfig("127.0.0.1", 18883) { Settings = new Dictionary<string, double> { ["sampleIntervalSeconds"] = 2 } };
        Assert.IsTrue(folder.TryLoadConfig("kitchen", create, out var config, out string error), error);
        Assert.AreEqual("kitchen", config!.ThingName);
        Assert.AreEqual("127.0.0.1", config.Endpoint);
        Assert.AreEqual(18883, config.Port);
        Assert.AreEqual(2000, config.Settings.SampleIntervalMs);
        Assert.IsTrue(File.Exists(Path.Combine(_folder, "bundle", "nanothing.json")), "the flash folder is the bundle folder");

        File.WriteAllText(folder.Config, "{\"thingName\":\"kitchen\",\"endpoint\":\"example.com\"}");
        Assert.IsTrue(folder.TryLoadConfig("kitchen", create, out config, out error), error);
        Assert.AreEqual("example.com", config!.Endpoint, "an existing config is never replaced");
    }

    [TestMethod]
    public void NoConfigAndNoEndpointSaysWhichFileAndWhatToRun()
    {
        Assert.IsFalse(new ThingFolder(_folder).TryLoadConfig("kitchen", null, out var config, out string error));
        Assert.IsNull(config);
        StringAssert.Contains(error, Path.Combine(_folder, "bundle", "nanothing.json"));
        StringAssert.Contains(error, "nanothing bundle --thing kitchen");
        StringAssert.Contains(error, "--endpoint");
    }

    [TestMethod]
    public void ConfigOfAnotherThingIsRefused()
    {
        var folder = new ThingFolder(_folder);
        Directory.CreateDirectory(folder.Flash);
        File.WriteAllText(folder.Config, "{\"thingName\":\"garage\",\"endpoint\":\"example.com\"}");
        Assert.IsFalse(folder.TryLoadConfig("kitchen", null, out _, out string error));
        StringAssert.Contains(error, "'garage', not 'kitchen'");
    }

    [TestMethod]
    public void InvalidConfigIsRefusedWithCoresFieldError()
    {
        var folder = new ThingFolder(_folder);
        Directory.CreateDirectory(folder.Flash);
        File.WriteAllText(folder.Config, "{\"thingName\":\"kitchen\",\"endpoint\":\"example.com\",\"reportIntervalSecs\":5}");
        Assert.IsFalse(folder.TryLoadConfig("kitchen", null, out _, out string error));
        StringAssert.Contains(error, folder.Config);
        StringAssert.Contains(error, "reportIntervalSecs");
    }

    [TestMethod]
    public void MissingIdentityNamesTheFilesAndTheProvisionCommand()
    {
        Assert.IsFalse(new ThingFolder(_folder).TryLoadTls("kitchen", out var tls, out string error));
        Assert.IsNull(tls);
        StringAssert.Contains(error, Path.Combine(_folder, "device.crt"));
        StringAssert.Contains(error, "nanothing local provision --thing kitchen");
    }

    [TestMethod]
    public void BoardIsNotCreatedWithoutIdentityAndLeavesNothingRunning()
    {
        var options = new VirtualBoardOptions { Thing = "kitchen", Directory = _folder, Endpoint = new NewConfig("127.0.0.1", 18883) };
        Assert.IsFalse(Board.VirtualBoard.TryCreate(options, out var board, out string error));
        Assert.IsNull(board);
        StringAssert.Contains(error, "device.key");
    }
}
