using NanoThing.Cli.Commands.Flash;
using NanoThing.Cli.Execution;
using NanoThing.Cli.Tests.Support;
using static NanoThing.Cli.Tests.Commands.Flash.NanoffReplies;

namespace NanoThing.Cli.Tests.Commands.Flash;

[TestClass]
public sealed class FlashCommandTests
{
    private const string Name = "kitchen";
    private const string Port = "/dev/ttyUSB0";

    private static (CliHarness Cli, StandInProgram Nanoff) Setup()
    {
        var cli = new CliHarness();
        Assert.AreEqual(ExitCodes.Ok, cli.Run("cert", "create", "--thing", Name).ExitCode);
        TestCa.WriteRoot(cli.PathOf("things", Name, "root-ca.pem"), "Local CA");
        Assert.AreEqual(ExitCodes.Ok, cli.Run("bundle", "--thing", Name, "--endpoint", "127.0.0.1", "--wifi-ssid", "home", "--wifi-password", "password1").ExitCode);
        Directory.CreateDirectory(cli.PathOf("firmware", "NanoThing", "bin", "Release"));
        File.WriteAllBytes(cli.PathOf("firmware", "NanoThing", "bin", "Release", "NanoThing.bin"), [1, 2, 3, 4]);
        return (cli, new StandInProgram(cli.Bin, "nanoff"));
    }

    private static void AllSucceed(StandInProgram nanoff) => nanoff
        .Reply(" --update ", 0, Update())
        .Reply(" --deploy ", 0, Deploy)
        .Reply(" --networkdeployment ", 0, NetworkDeployment)
        .Reply(" --filedeployment ", 0, FileDeployment);

    [TestMethod]
    public void Flash_AllSteps_RunsNanoffWithTheExactArgumentsInOrder()
    {
        var (cli, nanoff) = Setup();
        using var _ = cli;
        AllSucceed(nanoff);

        CliRun run = cli.Run("flash", "--thing", Name, "--port", Port);

        Assert.AreEqual(ExitCodes.Ok, run.ExitCode, run.ToString());
        string bundle = cli.PathOf("things", Name, "bundle");
        string[][] expected =
        [
            ["--update", "--target", "ESP32_PSRAM_REV0", "--serialport", Port],
            ["--nanodevice", "--deploy", "--serialport", Port, "--image", cli.PathOf("firmware", "NanoThing", "bin", "Release", "NanoThing.bin")],
            ["--networkdeployment", Path.Combine(bundle, "network-deployment.json"), "--serialport", Port],
            ["--filedeployment", Path.Combine(bundle, "file-deployment.json"), "--serialport", Port],
        ];
        Assert.AreEqual(expected.Length, nanoff.Calls.Count);
        for (int i = 0; i < expected.Length; i++)
        {
            CollectionAssert.AreEqual(expected[i], nanoff.Calls[i], string.Join(" ", nanoff.Calls[i]));
        }

        StringAssert.Contains(run.Out, "[1/4] firmware: ");
        StringAssert.Contains(run.Out, "[4/4] config: ");
        StringAssert.Contains(run.Out, "  Flashing firmware...OK\n");
        Assert.AreEqual("", run.Error);
    }

    [TestMethod]
    public void Flash_SkipsAndOptions_ChangeTheSteps()
    {
        var (cli, nanoff) = Setup();
        using var _ = cli;
        AllSucceed(nanoff);
        File.WriteAllBytes(cli.PathOf("other.bin"), [9]);

        CliRun run = cli.Run("flash", "--thing", Name, "--port", "COM3", "--target", "ESP32_REV0", "--image", "other.bin", "--skip-identity", "--skip-config");

        Assert.AreEqual(ExitCodes.Ok, run.ExitCode, run.ToString());
        CollectionAssert.AreEqual(new[]
        {
            "--update --target ESP32_REV0 --serialport COM3",
            $"--nanodevice --deploy --serialport COM3 --image {cli.PathOf("other.bin")}",
        }, nanoff.CallLines.ToArray());
    }

    [TestMethod]
    [DataRow("E4005", "Failed to open specified COM port.", "dialout")]
    [DataRow("E2000", "Error connecting to nano device.", "EN/reset button")]
    [DataRow("E9000", "Invalid or missing arguments.", "dotnet tool install -g nanoff --version 2.5.162")]
    [DataRow("E9007", "Error downloading firmware file.", "internet connection")]
    public void Flash_NanoffErrorCode_IsExplainedWithTheNextStep(string code, string displayName, string expectedNext)
    {
        var (cli, nanoff) = Setup();
        using var _ = cli;
        nanoff.Reply(" --update ", Truncated(int.Parse(code[1..])), Error(code, displayName));
        AllSucceed(nanoff);

        CliRun run = cli.Run("flash", "--thing", Name, "--port", Port);

        Assert.AreEqual(ExitCodes.ExternalToolFailed, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, $"step 'firmware' failed: nanoff {code}: {displayName}");
        StringAssert.Contains(run.Error, expectedNext);
        Assert.AreEqual(1, nanoff.Calls.Count, "no step after a failed one");
    }

    [TestMethod]
    public void Flash_FailureInALaterStep_SaysHowToResumeThere()
    {
        var (cli, nanoff) = Setup();
        using var _ = cli;
        nanoff.Reply(" --networkdeployment ", Truncated(2002), Error("E2002", "Error executing operation with nano device."));
        AllSucceed(nanoff);

        CliRun run = cli.Run("flash", "--thing", Name, "--port", Port);

        Assert.AreEqual(ExitCodes.ExternalToolFailed, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, $"nanothing flash --thing {Name} --port {Port} --skip-firmware --skip-app\n");
    }

    [TestMethod]
    public void Flash_ErrorLineWithExitCodeZero_IsStillAFailure()
    {
        // 8-bit truncation could in principle yield 0; the output decides
        var (cli, nanoff) = Setup();
        using var _ = cli;
        nanoff.Reply(" --filedeployment ", 0, "Error E2003: Error executing file deployment on nano device. (I:\\ is full)\n");
        AllSucceed(nanoff);

        CliRun run = cli.Run("flash", "--thing", Name, "--port", Port, "--skip-firmware", "--skip-app", "--skip-identity");

        Assert.AreEqual(ExitCodes.ExternalToolFailed, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, "E2003");
    }

    [TestMethod]
    public void Flash_NonZeroExitWithoutCode_IsAGenericFailure()
    {
        var (cli, nanoff) = Setup();
        using var _ = cli;
        nanoff.Reply(" --update ", 134, "", "Unhandled exception. System.IO.IOException: boom\n");

        CliRun run = cli.Run("flash", "--thing", Name, "--port", Port);

        Assert.AreEqual(ExitCodes.ExternalToolFailed, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, "exited with code 134");
    }

    [TestMethod]
    public void Flash_OtherNanoffVersion_Warns()
    {
        var (cli, nanoff) = Setup();
        using var _ = cli;
        nanoff.Reply(" --update ", 0, Update("3.0.1"));
        AllSucceed(nanoff);

        CliRun run = cli.Run("flash", "--thing", Name, "--port", Port);

        Assert.AreEqual(ExitCodes.Ok, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, "nanoff 3.0.1 is not the pinned 2.5.162");
    }

    [TestMethod]
    public void Flash_NoNanoff_GivesThePinnedInstallCommand()
    {
        var (cli, nanoff) = Setup();
        using var _ = cli;
        File.Delete(nanoff.Path);
        cli.Environment["PATH"] = cli.Bin;

        CliRun run = cli.Run("flash", "--thing", Name, "--port", Port);

        Assert.AreEqual(ExitCodes.ExternalToolMissing, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, "dotnet tool install -g nanoff --version 2.5.162");
    }

    [TestMethod]
    public void Flash_NanoffAsLocalDotnetTool_RunsThroughDotnetToolRun()
    {
        var (cli, nanoff) = Setup();
        using var _ = cli;
        File.Delete(nanoff.Path);
        Directory.CreateDirectory(cli.PathOf(".config"));
        File.WriteAllText(cli.PathOf(".config", "dotnet-tools.json"),
            """{"version":1,"isRoot":true,"tools":{"nanoff":{"version":"2.5.162","commands":["nanoff"]}}}""");
        var dotnet = new StandInProgram(cli.Bin, "dotnet").Reply(" tool run nanoff ", 0, FileDeployment);

        CliRun run = cli.Run("flash", "--thing", Name, "--port", Port, "--skip-firmware", "--skip-app", "--skip-identity");

        Assert.AreEqual(ExitCodes.Ok, run.ExitCode, run.ToString());
        CollectionAssert.AreEqual(new[] { $"tool run nanoff --filedeployment {cli.PathOf("things", Name, "bundle", "file-deployment.json")} --serialport {Port}" },
            dotnet.CallLines.ToArray());
    }

    [TestMethod]
    public void Flash_NoBundle_FailsBeforeRunningAnything()
    {
        var (cli, nanoff) = Setup();
        using var _ = cli;
        AllSucceed(nanoff);
        Directory.Delete(cli.PathOf("things", Name, "bundle"), recursive: true);

        CliRun run = cli.Run("flash", "--thing", Name, "--port", Port);

        Assert.AreEqual(ExitCodes.NotFound, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, "nanothing bundle --thing kitchen");
        Assert.AreEqual(0, nanoff.Calls.Count);
    }

    [TestMethod]
    public void Flash_NoImage_SaysBuildOrPassImage()
    {
        var (cli, nanoff) = Setup();
        using var _ = cli;
        CliRun run = cli.Run("flash", "--thing", Name, "--port", Port, "--image", "missing.bin");
        Assert.AreEqual(ExitCodes.NotFound, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, "--image");
        Assert.AreEqual(0, nanoff.Calls.Count);
    }

    [TestMethod]
    [DataRow("esp32", ExitCodes.InputInvalid)]
    [DataRow("ESP32 REV0", ExitCodes.InputInvalid)]
    public void Flash_BadTarget_IsInputInvalid(string target, int expected)
    {
        using var cli = new CliHarness();
        Assert.AreEqual(expected, cli.Run("flash", "--thing", Name, "--port", Port, "--target", target).ExitCode);
    }

    [TestMethod]
    public void Flash_EverythingSkipped_IsInputInvalid()
    {
        using var cli = new CliHarness();
        CliRun run = cli.Run("flash", "--thing", Name, "--port", Port, "--skip-firmware", "--skip-app", "--skip-identity", "--skip-config");
        Assert.AreEqual(ExitCodes.InputInvalid, run.ExitCode, run.ToString());
    }
}
