using NanoThing.Cli.Commands.Bundle;
using NanoThing.Cli.Commands.Flash;
using NanoThing.Cli.Execution;
using NanoThing.Cli.Tests.Support;

namespace NanoThing.Cli.Tests.Commands.Flash;

/// <summary>
/// The failures of issue 12 that <c>flash</c>'s own checks keep nanoff from meeting (an old bundle, a file that vanished,
/// options another nanoff does not know): the nanoff 2.5.162 stand-in is run with exactly those inputs, and what it
/// prints and returns is judged as <c>flash</c> judges a step.
/// </summary>
[TestClass]
public sealed class NanoffFailureTests
{
    private const string Port = "/dev/ttyUSB0";

    private static (CliHarness Cli, SimulatedNanoff Nanoff, string Folder) Setup()
    {
        var cli = new CliHarness();
        string folder = Directory.CreateDirectory(cli.PathOf("bundle")).FullName;
        File.WriteAllBytes(Path.Combine(folder, "device-identity.pem"), [.. "-----BEGIN CERTIFICATE-----\n"u8, 0]);
        return (cli, new SimulatedNanoff(cli.Bin, Path.Combine(cli.Root, "board")), folder);
    }

    private static FlashStep Step(string name, string folder)
    {
        var request = new FlashRequest("ESP32_PSRAM_REV0", Port, "app.bin", new BundleLayout(folder), false, false, false, false);
        return FlashPlan.Steps(request).Single(step => step.Name == name);
    }

    [TestMethod]
    public void CertificatesInANetworkDeployment_E2003AfterTheWifiWasStored_IsExplainedAsUnsupported()
    {
        var (cli, nanoff, folder) = Setup();
        using var disposing = cli;
        File.WriteAllText(Path.Combine(folder, "network-deployment.json"),
            """{"WirelessClient":{"Ssid":"home","Password":"password1","Authentication":"WPA2","Encryption":"WPA2","ConfigurationOption":"AutoConnect"},"DeviceCertificatesPath":"device-identity.pem"}""");

        ProgramRun run = cli.RunProgram(nanoff.Path, folder, "--networkdeployment", "network-deployment.json", "--serialport", Port);

        Assert.AreEqual(2003 & 0xFF, run.ExitCode, run.AllOutput);
        StringAssert.Contains(run.Out, "Updating wireless configuration...OK\nUpdating client certificates...Error E2003: Error executing file deployment on nano device. (Specified method is not supported.)\n");
        StringAssert.Contains(nanoff.StoredWifi, "\"ssid\":\"home\"");
        Assert.AreEqual(1, Directory.GetFiles(Path.Combine(nanoff.Board, "config-block")).Length, "Wi-Fi only: no certificate stored");

        var (summary, error) = FlashStepOutcome.Judge(Step(FlashPlan.Wifi, folder), run, Port, "then nanothing flash ...");

        Assert.IsNull(summary);
        Assert.AreEqual(Failure.ExternalToolFailed, error!.Kind);
        StringAssert.Contains(error.Message, "nanoff E2003");
        StringAssert.Contains(error.Message, "cannot write certificates to an ESP32's configuration block");
        StringAssert.Contains(error.Message, "retrying fails the same way");
        StringAssert.Contains(error.Next, "run nanothing bundle again");
    }

    [TestMethod]
    public void FileNanoffCannotRead_ExceptionLineWithExitZero_IsAFailureNamingIt()
    {
        var (cli, nanoff, folder) = Setup();
        using var disposing = cli;
        File.WriteAllText(Path.Combine(folder, "file-deployment.json"),
            """{"Files":[{"DestinationFilePath":"I:\\device-identity.pem","SourceFilePath":"device-identity.pem"},{"DestinationFilePath":"I:\\nanothing.json","SourceFilePath":"nanothing.json"}]}""");

        ProgramRun run = cli.RunProgram(nanoff.Path, folder, "--filedeployment", "file-deployment.json", "--serialport", Port);

        Assert.AreEqual(0, run.ExitCode, run.AllOutput);
        StringAssert.Contains(run.Out, "Deploying file device-identity.pem to I:\\device-identity.pem...OK\n");
        StringAssert.Contains(run.Out, "Deploying file nanothing.json to I:\\nanothing.json...\nException deploying content file nanothing.json to I:\\nanothing.json\n");

        var (summary, error) = FlashStepOutcome.Judge(Step(FlashPlan.Files, folder), run, Port, "then nanothing flash ...");

        Assert.IsNull(summary);
        StringAssert.Contains(error!.Message, "nanoff exited 0 but printed \"Exception deploying content file nanothing.json to I:\\nanothing.json\"");
        StringAssert.Contains(error.Message, "could not read a file of the bundle folder");
        StringAssert.Contains(error.Next, "file-deployment.json exist (nanothing bundle)");
    }

    [TestMethod]
    public void OptionNanoffDoesNotKnow_Exit40WithoutCode_IsOptionsNotUnderstood()
    {
        var (cli, nanoff, folder) = Setup();
        using var disposing = cli;

        ProgramRun run = cli.RunProgram(nanoff.Path, folder, "--update", "--target", "ESP32_PSRAM_REV0", "--serialport", Port, "--reboot");

        Assert.AreEqual(40, run.ExitCode, run.AllOutput);
        Assert.IsFalse(NanoffOutput.TryFindError(run.AllOutput, out _, out _), "nanoff prints no code for a parse error");
        StringAssert.Contains(run.Error, "ERROR(S):\n  Option 'reboot' is unknown.\n");

        var (_, error) = FlashStepOutcome.Judge(Step(FlashPlan.Firmware, folder), run, Port, "then nanothing flash ...");

        StringAssert.Contains(error!.Message, "nanoff did not understand the options (Option 'reboot' is unknown.)");
        StringAssert.Contains(error.Next, "dotnet tool install -g nanoff --version 2.5.162");
    }

    [TestMethod]
    public void DeploymentFileMissing_NanoffCrashes_IsAFailureQuotingTheException()
    {
        var (cli, nanoff, folder) = Setup();
        using var disposing = cli;

        ProgramRun run = cli.RunProgram(nanoff.Path, folder, "--filedeployment", "file-deployment.json", "--serialport", Port);

        Assert.AreEqual(NanoffErrors.CrashStatus, run.ExitCode, run.AllOutput);
        var (_, error) = FlashStepOutcome.Judge(Step(FlashPlan.Files, folder), run, Port, "then nanothing flash ...");

        StringAssert.Contains(error!.Message, $"nanoff crashed (exit {NanoffErrors.CrashStatus}): Unhandled exception. System.IO.FileNotFoundException");
        StringAssert.Contains(error.Next, "re-create the bundle (nanothing bundle)");
    }

    [TestMethod]
    public void NetworkDeploymentAlone_PrintsTheHelpTextThenDeploys_AndTheFilterShowsOnlyTheDeployment()
    {
        var (cli, nanoff, folder) = Setup();
        using var disposing = cli;
        Assert.IsTrue(WifiCredentials.TryCreate("home", "password1", out var wifi, out _));
        File.WriteAllText(Path.Combine(folder, "network-deployment.json"), NanoffDeployment.Network(wifi));

        ProgramRun run = cli.RunProgram(nanoff.Path, folder, "--networkdeployment", "network-deployment.json", "--serialport", Port);

        Assert.AreEqual(0, run.ExitCode, run.AllOutput);
        StringAssert.Contains(run.Out, "No operation was performed with the options supplied.");
        var filter = new NanoffHelpTextFilter();
        string[] shown = run.Out.TrimEnd('\n').Split('\n').SelectMany(filter.Accept).ToArray();
        CollectionAssert.Contains(shown, NanoffHelpTextFilter.Note);
        CollectionAssert.Contains(shown, NanoffOutput.NetworkConfirmation);
        CollectionAssert.Contains(shown, NanoffOutput.WirelessConfirmation);
        Assert.IsFalse(shown.Any(line => line != NanoffHelpTextFilter.Note && (line.Contains("--") || line.Contains("No operation") || line.Contains("USAGE"))), string.Join("\n", shown));
        Assert.AreEqual("Wi-Fi settings stored (network + wireless configuration)", FlashStepOutcome.Judge(Step(FlashPlan.Wifi, folder), run, Port, "").Summary);
    }

    [TestMethod]
    public void IncompatibleOptions_CodedE9000_IsExplained()
    {
        var (cli, nanoff, folder) = Setup();
        using var disposing = cli;

        ProgramRun run = cli.RunProgram(nanoff.Path, folder, "--nanodevice", "--deploy", "--target", "ESP32_PSRAM_REV0", "--serialport", Port, "--image", "app.bin");

        Assert.AreEqual(9000 & 0xFF, run.ExitCode, run.AllOutput);
        var (_, error) = FlashStepOutcome.Judge(Step(FlashPlan.App, folder), run, Port, "then nanothing flash ...");
        StringAssert.Contains(error!.Message, "nanoff E9000: Invalid or missing arguments. (Incompatible options combined with --nanodevice.)");
    }
}
