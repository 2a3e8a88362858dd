using NanoThing.Cli.Execution;
using NanoThing.Cli.Tests.Support;

namespace NanoThing.Cli.Tests.Commands.Telemetry;

/// <summary><c>telemetry watch</c>'s refusals before it connects: each names what is wrong and what to run.</summary>
[TestClass]
public sealed class TelemetryCommandTests
{
    [TestMethod]
    public void Local_WithoutARunningStandIn_SaysToStartIt()
    {
        using var cli = new CliHarness();
        var run = cli.Run("telemetry", "watch", "--thing", "kitchen");

        Assert.AreEqual(ExitCodes.ConnectFailed, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, "the local stand-in is not running in " + cli.WorkingDirectory);
        StringAssert.Contains(run.Error, "next:  nanothing local start");
        Assert.IsFalse(Directory.Exists(cli.PathOf("apps")), "no identity is provisioned for a stand-in that is not there");
    }

    [TestMethod]
    public void Aws_WithoutAnIdentity_SaysWhatTheFolderHolds()
    {
        using var cli = new CliHarness();
        var run = cli.Run("telemetry", "watch", "--thing", "kitchen", "--endpoint", "abc123-ats.iot.eu-west-1.amazonaws.com");

        Assert.AreEqual(ExitCodes.InputInvalid, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, "needs --identity <folder>");
        StringAssert.Contains(run.Error, "client.crt, client.key, root-ca.pem");
    }

    [TestMethod]
    public void Aws_WithAnEmptyIdentityFolder_NamesTheMissingFile()
    {
        using var cli = new CliHarness();
        Directory.CreateDirectory(cli.PathOf("reader"));
        var run = cli.Run("telemetry", "watch", "--thing", "kitchen", "--endpoint", "abc123-ats.iot.eu-west-1.amazonaws.com", "--identity", "reader");

        Assert.AreEqual(ExitCodes.NotFound, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, "the reader identity in " + cli.PathOf("reader") + " cannot be used");
        StringAssert.Contains(run.Error, "root-ca.pem");
    }

    [TestMethod]
    [DataRow(ExitCodes.InputInvalid, "--thing", "bad name")]
    [DataRow(ExitCodes.InputInvalid, "--thing", "kitchen", "--count", "-1")]
    [DataRow(ExitCodes.InputInvalid, "--thing", "kitchen", "--endpoint", "https://example.com/", "--identity", "x")]
    [DataRow(ExitCodes.InputInvalid, "--thing", "kitchen", "--topic", "dt/nanothing/+/telemetry")]
    [DataRow(ExitCodes.Usage, "--count", "3")]
    public void BadOptions_AreRefused(int expected, params string[] args)
    {
        using var cli = new CliHarness();
        var run = cli.Run(["telemetry", "watch", .. args]);

        Assert.AreEqual(expected, run.ExitCode, run.ToString());
    }
}
