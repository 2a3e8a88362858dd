using NanoThing.Cli.Execution;
using NanoThing.Cli.Tests.Support;

namespace NanoThing.Cli.Tests.Commands.Board;

/// <summary>
/// `nanothing board` and `nanothing demo` refusing what they cannot run, before anything starts: exit code from the
/// table, the error naming the file or option and the command to run next. (Running boards and the demo are tested
/// end to end in NanoThing.EndToEnd.Tests.)
/// </summary>
[TestClass]
public sealed class BoardCommandTests
{
    [TestMethod]
    [DataRow(ExitCodes.Ok, "board", "--help")]
    [DataRow(ExitCodes.Usage, "board")]
    [DataRow(ExitCodes.Usage, "board", "--thing", "a", "--seed", "many")]
    [DataRow(ExitCodes.InputInvalid, "board", "--thing", "a b")]
    [DataRow(ExitCodes.InputInvalid, "board", "--thing", "a", "--endpoint", "host:notaport")]
    [DataRow(ExitCodes.Ok, "demo", "--help")]
    [DataRow(ExitCodes.InputInvalid, "demo", "--thing", "a b")]
    [DataRow(ExitCodes.InputInvalid, "demo", "--duration", "0")]
    [DataRow(ExitCodes.InputInvalid, "demo", "--until-reports", "0")]
    public void Run_CommandLine_ExitsWithMappedCode(int expected, params string[] args)
    {
        using var cli = new CliHarness();
        var run = cli.Run(args);
        Assert.AreEqual(expected, run.ExitCode, run.ToString());
    }

    [TestMethod]
    public void Board_WithoutConfigEndpointOrStandIn_SaysToStartTheStandIn()
    {
        using var cli = new CliHarness();
        var run = cli.Run("board", "--thing", "kitchen");
        Assert.AreEqual(ExitCodes.NotFound, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, cli.PathOf("things", "kitchen", "bundle", "nanothing.json"));
        StringAssert.Contains(run.Error, "next:  nanothing local start");
    }

    [TestMethod]
    public void Board_WithoutIdentity_NamesTheFilesAndTheProvisionCommand()
    {
        using var cli = new CliHarness();
        var run = cli.Run("board", "--thing", "kitchen", "--endpoint", "127.0.0.1:18883");
        Assert.AreEqual(ExitCodes.NotFound, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, cli.PathOf("things", "kitchen", "device.crt"));
        StringAssert.Contains(run.Error, "nanothing local provision --thing kitchen");
    }
}
