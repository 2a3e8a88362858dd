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
