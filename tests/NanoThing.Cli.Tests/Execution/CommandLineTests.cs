using NanoThing.Cli.Execution;
using NanoThing.Cli.Tests.Support;

namespace NanoThing.Cli.Tests.Execution;

/// <summary>Exit codes of whole command lines, as a table (parse level: nothing here needs external programs).</summary>
[TestClass]
public sealed class CommandLineTests
{
    [TestMethod]
    [DataRow(ExitCodes.Ok, "--help")]
    [DataRow(ExitCodes.Ok, "cert", "--help")]
    [DataRow(ExitCodes.Usage, "")]
    [DataRow(ExitCodes.Usage, "frobnicate")]
    [DataRow(ExitCodes.Usage, "cert")]
    [DataRow(ExitCodes.Usage, "cert", "create")]
    [DataRow(ExitCodes.Usage, "cert", "create", "--thing")]
    [DataRow(ExitCodes.Usage, "cert", "create", "--thing", "a", "--key-type", "dsa")]
    [DataRow(ExitCodes.Usage, "cert", "create", "--thing", "a", "--days", "many")]
    [DataRow(ExitCodes.InputInvalid, "cert", "create", "--thing", "a b")]
    [DataRow(ExitCodes.InputInvalid, "cert", "create", "--thing", "a", "--days", "0")]
    [DataRow(ExitCodes.NotFound, "cert", "show", "--thing", "nothing-here")]
    [DataRow(ExitCodes.Ok, "policy", "--help")]
    [DataRow(ExitCodes.Usage, "policy")]
    [DataRow(ExitCodes.Usage, "policy", "--thing", "a", "--region", "eu-west-1")]
    [DataRow(ExitCodes.Ok, "register", "--help")]
    [DataRow(ExitCodes.Usage, "register", "--dry-run")]
    [DataRow(ExitCodes.NotFound, "register", "--thing", "a", "--dry-run")]
    [DataRow(ExitCodes.Usage, "bundle", "--thing", "a", "--wifi-ssid", "x")]
    [DataRow(ExitCodes.Usage, "bundle", "--thing", "a", "--endpoint", "h")]
    [DataRow(ExitCodes.Usage, "flash", "--thing", "a")]
    [DataRow(ExitCodes.Usage, "flash", "--thing", "a", "--port", "p", "--skip-everything")]
    [DataRow(ExitCodes.Ok, "check", "--help")]
    [DataRow(ExitCodes.Usage, "check")]
    [DataRow(ExitCodes.Usage, "shadow")]
    [DataRow(ExitCodes.Usage, "shadow", "update", "--thing", "a")]
    [DataRow(ExitCodes.Usage, "shadow", "watch", "--thing", "a", "--count", "many")]
    [DataRow(ExitCodes.Usage, "local")]
    [DataRow(ExitCodes.Usage, "local", "start", "--port", "http")]
    [DataRow(ExitCodes.InputInvalid, "local", "start", "--port", "0")]
    [DataRow(ExitCodes.Usage, "local", "provision")]
    public void Run_CommandLine_ExitsWithMappedCode(int expected, params string[] args)
    {
        using var cli = new CliHarness();
        CliRun run = cli.Run(args.Where(a => a.Length > 0).ToArray());
        Assert.AreEqual(expected, run.ExitCode, run.ToString());
        if (expected >= ExitCodes.Usage)
        {
            StringAssert.StartsWith(run.Error, "error: ", run.ToString());
            StringAssert.Contains(run.Error, "next:", run.ToString());
        }
    }
}

[TestClass]
public sealed class ParseTests
{
    [TestMethod]
    public void Parse_FlashOptions_AreReadWithDefaults()
    {
        using var cli = new CliHarness();
        var root = NanoThingCli.CreateRoot(new CliContext { WorkingDirectory = cli.WorkingDirectory, Out = TextWriter.Null, Error = TextWriter.Null, Environment = cli.Environment, UtcNow = () => cli.Now });

        var parse = root.Parse(["flash", "--thing", "kitchen", "--port", "COM3", "--skip-app"]);

        Assert.AreEqual(0, parse.Errors.Count);
        Assert.AreEqual("ESP32_PSRAM_REV0", parse.GetValue<string>("--target"));
        Assert.AreEqual("COM3", parse.GetValue<string>("--port"));
        Assert.IsTrue(parse.GetValue<bool>("--skip-app"));
        Assert.IsFalse(parse.GetValue<bool>("--skip-firmware"));
    }

    [TestMethod]
    public void Parse_RootCaRepeated_KeepsEveryFile()
    {
        using var cli = new CliHarness();
        var root = NanoThingCli.CreateRoot(new CliContext { WorkingDirectory = cli.WorkingDirectory, Out = TextWriter.Null, Error = TextWriter.Null, Environment = cli.Environment, UtcNow = () => cli.Now });

        var parse = root.Parse(["bundle", "--thing", "k", "--endpoint", "h", "--wifi-ssid", "s", "--root-ca", "a.pem", "--root-ca", "b.pem"]);

        Assert.AreEqual(0, parse.Errors.Count);
        CollectionAssert.AreEqual(new[] { "a.pem", "b.pem" }, parse.GetValue<string[]>("--root-ca"));
    }
}
