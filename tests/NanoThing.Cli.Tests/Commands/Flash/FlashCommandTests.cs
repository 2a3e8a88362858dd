using NanoThing.Cli.Commands.Flash;
using NanoThing.Cli.Execution;
using NanoThing.Cli.Tests.Support;

namespace NanoThing.Cli.Tests.Commands.Flash;

/// <summary><c>nanothing flash</c> against the nanoff 2.5.162 stand-in and its simulated board.</summary>
[TestClass]
public sealed class FlashCommandTests
{
    private const string Name = "kitchen";
    private const string Port = "/dev/ttyUSB0";
    private const string NoVersionCheck = "--suppressnanoffversioncheck";
    private static readonly string[] DriveFiles = ["device-identity.pem", "root-ca-bundle.pem", "nanothing.json"];

    private static (CliHarness Cli, SimulatedNanoff Nanoff) Setup()
    {
        var cli = new CliHarness();
        Assert.AreEqual(ExitCodes.Ok, cli.Run("cert", "create", "--thing", Name).ExitCode);
        TestCa.WriteRoot(cli.PathOf("things", Name, "root-ca.pem"), "Local CA");
        Assert.AreEqual(ExitCodes.Ok, cli.Run("bundle", "--thing", Name, "--endpoint", "127.0.0.1", "--wifi-ssid", "home", "--wifi-password", "password1").ExitCode);
        Directory.CreateDirectory(cli.PathOf("firmware", "NanoThing", "bin", "Release"));
        File.WriteAllBytes(cli.PathOf("firmware", "NanoThing", "bin", "Release", "NanoThing.bin"), [1, 2, 3, 4]);
        return (cli, new SimulatedNanoff(cli.Bin, Path.Combine(cli.Root, "board")));
    }

    [TestMethod]
    public void Flash_AllSteps_WifiByNetworkDeployment_IdentityAndConfigByFileDeployment()
    {
        var (cli, nanoff) = Setup();
        using var _ = cli;

        CliRun run = cli.Run("flash", "--thing", Name, "--port", Port);

        Assert.AreEqual(ExitCodes.Ok, run.ExitCode, run.ToString());
        string bundle = cli.PathOf("things", Name, "bundle");
        (string, string[])[] expected =
        [
            (cli.WorkingDirectory, ["--update", "--target", "ESP32_PSRAM_REV0", "--serialport", Port, NoVersionCheck]),
            (cli.WorkingDirectory, ["--nanodevice", "--deploy", "--serialport", Port, "--image", cli.PathOf("firmware", "NanoThing", "bin", "Release", "NanoThing.bin"), NoVersionCheck]),
            (bundle, ["--networkdeployment", "network-deployment.json", "--serialport", Port, NoVersionCheck]),
            (bundle, ["--filedeployment", "file-deployment.json", "--serialport", Port, NoVersionCheck]),
        ];
        Assert.AreEqual(expected.Length, nanoff.Calls.Count);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.AreEqual(expected[i].Item1, nanoff.Calls[i].WorkingDirectory);
            CollectionAssert.AreEqual(expected[i].Item2, nanoff.Calls[i].Arguments, string.Join(" ", nanoff.Calls[i].Arguments));
        }

        // what the board holds: the identity, the root CAs and the config on I:\, byte for byte; Wi-Fi in the configuration block
        CollectionAssert.AreEquivalent(DriveFiles, Directory.GetFiles(nanoff.Drive).Select(Path.GetFileName).ToArray());
        foreach (string file in DriveFiles)
        {
            CollectionAssert.AreEqual(File.ReadAllBytes(Path.Combine(bundle, file)), File.ReadAllBytes(Path.Combine(nanoff.Drive, file)), file);
        }

        StringAssert.Contains(nanoff.StoredWifi, "\"ssid\":\"home\"");

        // each step's real outcome, and nanoff's help text before the network deployment not shown as an error
        StringAssert.Contains(run.Out, "[3/4] wifi: ");
        StringAssert.Contains(run.Out, "  -> wifi: Wi-Fi settings stored (network + wireless configuration)\n");
        StringAssert.Contains(run.Out, @"  -> files: I:\device-identity.pem, I:\root-ca-bundle.pem, I:\nanothing.json written" + "\n");
        StringAssert.Contains(run.Out, NanoffHelpTextFilter.Note);
        Assert.IsFalse(run.Out.Contains("No operation was performed"), run.Out);
        Assert.IsFalse(run.Out.Contains("--version"), run.Out);
        StringAssert.Contains(run.Out, "  Updating wireless configuration...OK\n");
        StringAssert.Contains(run.Out, $"flashed {Name} on {Port}: firmware: done; app: done; wifi: ");
        Assert.AreEqual("", run.Error);
    }

    [TestMethod]
    public void Flash_BundleMovedToAnotherFolder_StillFlashes()
    {
        var (cli, nanoff) = Setup();
        using var _ = cli;
        string moved = Path.Combine(cli.Root, "elsewhere", Name);
        Directory.CreateDirectory(Path.GetDirectoryName(moved)!);
        Directory.Move(cli.PathOf("things", Name), moved);

        CliRun run = cli.Run("flash", "--thing", Name, "--dir", moved, "--port", Port, "--skip-firmware", "--skip-app");

        Assert.AreEqual(ExitCodes.Ok, run.ExitCode, run.ToString());
        CollectionAssert.AreEquivalent(DriveFiles, Directory.GetFiles(nanoff.Drive).Select(Path.GetFileName).ToArray());
        Assert.AreEqual(Path.Combine(moved, "bundle"), nanoff.Calls[^1].WorkingDirectory);
    }

    [TestMethod]
    public void Flash_FailureWithTheThingFolderElsewhere_ResumesWithTheSameDir()
    {
        var (cli, nanoff) = Setup();
        using var _ = cli;
        string moved = Path.Combine(cli.Root, "elsewhere", Name);
        Directory.CreateDirectory(Path.GetDirectoryName(moved)!);
        Directory.Move(cli.PathOf("things", Name), moved);
        nanoff.Inject("files=E2003");

        CliRun run = cli.Run("flash", "--thing", Name, "--dir", moved, "--port", Port, "--skip-firmware", "--skip-app");

        Assert.AreEqual(ExitCodes.ExternalToolFailed, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, "nanoff E2003: Error executing file deployment on nano device. (The port is closed.) -> the connection to the board failed during the file deployment");
        StringAssert.Contains(run.Error, $"then nanothing flash --thing {Name} --dir {moved} --port {Port} --skip-firmware --skip-app --skip-wifi\n");
    }

    [TestMethod]
    public void Flash_SkipsAndOptions_ChangeTheSteps()
    {
        var (cli, nanoff) = Setup();
        using var _ = cli;
        File.WriteAllBytes(cli.PathOf("other.bin"), [9]);

        CliRun run = cli.Run("flash", "--thing", Name, "--port", "COM3", "--target", "ESP32_REV0", "--image", "other.bin", "--skip-wifi", "--skip-files");

        Assert.AreEqual(ExitCodes.Ok, run.ExitCode, run.ToString());
        CollectionAssert.AreEqual(new[]
        {
            $"--update --target ESP32_REV0 --serialport COM3 {NoVersionCheck}",
            $"--nanodevice --deploy --serialport COM3 --image {cli.PathOf("other.bin")} {NoVersionCheck}",
        }, nanoff.Calls.Select(call => string.Join(' ', call.Arguments)).ToArray());
        Assert.AreEqual(0, Directory.GetFiles(nanoff.Drive).Length);
        Assert.IsNull(nanoff.StoredWifi);
    }

    [TestMethod]
    [DataRow("update=E4005", "firmware", "E4005", "Failed to open specified COM port.", "dialout")]
    [DataRow("update=E9007", "firmware", "E9007", "Error downloading firmware file.", "internet connection")]
    [DataRow("deploy=E2000", "app", "E2000", "Error connecting to nano device.", "EN/reset button")]
    [DataRow("device=absent", "wifi", "E2000", "Error connecting to nano device.", "EN/reset button")]
    public void Flash_NanoffErrorCode_IsExplainedWithTheNextStep(string fault, string step, string code, string displayName, string expectedNext)
    {
        var (cli, nanoff) = Setup();
        using var _ = cli;
        nanoff.Inject(fault);

        CliRun run = cli.Run("flash", "--thing", Name, "--port", Port);

        Assert.AreEqual(ExitCodes.ExternalToolFailed, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, $"step '{step}' failed: nanoff {code}: {displayName}");
        StringAssert.Contains(run.Error, expectedNext);
        Assert.AreEqual(Array.IndexOf(FlashPlan.StepNames, step) + 1, nanoff.Calls.Count, "no step after a failed one");
    }

    [TestMethod]
    public void Flash_FailureInALaterStep_SaysWhatWasDoneAndHowToResumeThere()
    {
        var (cli, nanoff) = Setup();
        using var _ = cli;
        nanoff.Inject("network=E2002");

        CliRun run = cli.Run("flash", "--thing", Name, "--port", Port);

        Assert.AreEqual(ExitCodes.ExternalToolFailed, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, "done before the failure: firmware: done; app: done\n");
        StringAssert.Contains(run.Error, $"nanothing flash --thing {Name} --port {Port} --skip-firmware --skip-app\n");
    }

    [TestMethod]
    public void Flash_FileTheBoardRefuses_IsAFailureThoughNanoffExitsZero()
    {
        var (cli, nanoff) = Setup();
        using var _ = cli;
        nanoff.Inject("storage=full");

        CliRun run = cli.Run("flash", "--thing", Name, "--port", Port, "--skip-firmware", "--skip-app", "--skip-wifi");

        Assert.AreEqual(ExitCodes.ExternalToolFailed, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, "step 'files' failed: nanoff exited 0 but printed \"Error deploying content file device-identity.pem to I:\\device-identity.pem\"");
        StringAssert.Contains(run.Error, "I:\\ drive is full");
        StringAssert.Contains(run.Error, $"nanothing flash --thing {Name} --port {Port} --skip-firmware --skip-app --skip-wifi\n");
        Assert.IsFalse(run.Out.Contains("flashed "), run.Out);
    }

    [TestMethod]
    public void Flash_BundleWithCertificatesInTheNetworkDeployment_IsRefusedBeforeNanoffRuns()
    {
        var (cli, nanoff) = Setup();
        using var _ = cli;
        string bundle = cli.PathOf("things", Name, "bundle");
        File.WriteAllText(Path.Combine(bundle, "network-deployment.json"),
            $$"""{"WirelessClient":{"Ssid":"home","Password":"password1","Authentication":"WPA2","Encryption":"WPA2","ConfigurationOption":"AutoConnect"},"DeviceCertificatesPath":"{{bundle}}/device-identity.pem"}""");

        CliRun run = cli.Run("flash", "--thing", Name, "--port", Port);

        Assert.AreEqual(ExitCodes.InputInvalid, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, "cannot do that on an ESP32");
        StringAssert.Contains(run.Error, "next:  nanothing bundle --thing kitchen");
        Assert.AreEqual(0, nanoff.Calls.Count);
        Assert.IsFalse(run.Error.Contains("password1"));
    }

    [TestMethod]
    public void Flash_FileDeploymentWithAbsolutePaths_IsRefusedBeforeNanoffRuns()
    {
        var (cli, nanoff) = Setup();
        using var _ = cli;
        string bundle = cli.PathOf("things", Name, "bundle");
        File.WriteAllText(Path.Combine(bundle, "file-deployment.json"),
            $$"""{"Files":[{"DestinationFilePath":"I:\\nanothing.json","SourceFilePath":"{{bundle}}/nanothing.json"}]}""");

        CliRun run = cli.Run("flash", "--thing", Name, "--port", Port);

        Assert.AreEqual(ExitCodes.InputInvalid, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, "by an absolute path");
        Assert.AreEqual(0, nanoff.Calls.Count);
    }

    [TestMethod]
    public void Flash_FileNamedByTheFileDeploymentMissing_IsNotFoundBeforeNanoffRuns()
    {
        var (cli, nanoff) = Setup();
        using var _ = cli;
        File.Delete(cli.PathOf("things", Name, "bundle", "root-ca-bundle.pem"));

        CliRun run = cli.Run("flash", "--thing", Name, "--port", Port);

        Assert.AreEqual(ExitCodes.NotFound, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, "root-ca-bundle.pem (named in ");
        Assert.AreEqual(0, nanoff.Calls.Count);
    }

    [TestMethod]
    public void Flash_OtherNanoffVersion_Warns()
    {
        var (cli, _) = Setup();
        using var __ = cli;
        new StandInProgram(cli.Bin, "nanoff").Reply(" --update ", 0,
            ".NET nanoFramework Firmware Flasher v3.0.1+4b0a4bc2a1\nCopyright (C) 2019 .NET Foundation and nanoFramework project contributors\n\nFlashing firmware...OK\n");

        CliRun run = cli.Run("flash", "--thing", Name, "--port", Port, "--skip-app", "--skip-wifi", "--skip-files");

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
        var dotnet = new StandInProgram(cli.Bin, "dotnet").Reply(" tool run nanoff ", 0, string.Concat(DriveFiles.Select(f => $"Deploying file {f} to I:\\{f}...OK\n")));

        CliRun run = cli.Run("flash", "--thing", Name, "--port", Port, "--skip-firmware", "--skip-app", "--skip-wifi");

        Assert.AreEqual(ExitCodes.Ok, run.ExitCode, run.ToString());
        CollectionAssert.AreEqual(new[] { $"tool run nanoff --filedeployment file-deployment.json --serialport {Port} {NoVersionCheck}" }, dotnet.CallLines.ToArray());
    }

    [TestMethod]
    public void Flash_NoBundle_FailsBeforeRunningAnything()
    {
        var (cli, nanoff) = Setup();
        using var _ = cli;
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
        CliRun run = cli.Run("flash", "--thing", Name, "--port", Port, "--skip-firmware", "--skip-app", "--skip-wifi", "--skip-files");
        Assert.AreEqual(ExitCodes.InputInvalid, run.ExitCode, run.ToString());
    }
}
