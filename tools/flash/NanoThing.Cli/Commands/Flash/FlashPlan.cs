using NanoThing.Cli.Commands.Bundle;

namespace NanoThing.Cli.Commands.Flash;

/// <summary>
/// One nanoff run of a flash: its name (also its --skip-&lt;name&gt; option), what it does, nanoff's exact arguments,
/// the folder nanoff runs in (null: the user's working directory), and the I:\ files it must confirm.
/// </summary>
public sealed record FlashStep(string Name, string Purpose, IReadOnlyList<string> Arguments, string? WorkingDirectory, IReadOnlyList<string> DriveFiles)
{
    public bool IsNetworkDeployment => Name == FlashPlan.Wifi;
    public bool IsFileDeployment => Name == FlashPlan.Files;
}

/// <summary>What <c>flash</c> was asked to do.</summary>
public sealed record FlashRequest(string Target, string Port, string? Image, BundleLayout Bundle, bool SkipFirmware, bool SkipApp, bool SkipWifi, bool SkipFiles);

/// <summary>
/// The nanoff runs of a flash, in order (pure): firmware update (keeps the config partition), app deployment over the
/// wire protocol (nanoff reads the deployment address from the device), Wi-Fi into the configuration block
/// (<c>--networkdeployment</c>), then the device identity, root CAs and config file to I:\ (<c>--filedeployment</c>).
/// The two deployments run with the bundle folder as nanoff's working directory, where the file deployment's relative
/// paths point. Syntax of nanoff <see cref="NanoffErrors.PinnedVersion"/>; every run passes
/// <c>--suppressnanoffversioncheck</c> (Options.cs:447-452), so nanoff does not query GitHub four times per flash.
/// </summary>
public static class FlashPlan
{
    public const string Firmware = "firmware";
    public const string App = "app";
    public const string Wifi = "wifi";
    public const string Files = "files";

    /// <summary>The names of all steps, in order (each has a --skip-&lt;name&gt; option).</summary>
    public static readonly string[] StepNames = [Firmware, App, Wifi, Files];

    private const string NoVersionCheck = "--suppressnanoffversioncheck";

    public static IReadOnlyList<FlashStep> Steps(FlashRequest request)
    {
        var steps = new List<FlashStep>();
        if (!request.SkipFirmware)
        {
            steps.Add(new(Firmware, $"update the nanoFramework firmware ({request.Target})",
                ["--update", "--target", request.Target, "--serialport", request.Port, NoVersionCheck], null, []));
        }

        if (!request.SkipApp)
        {
            steps.Add(new(App, $"deploy the application image {request.Image}",
                ["--nanodevice", "--deploy", "--serialport", request.Port, "--image", request.Image!, NoVersionCheck], null, []));
        }

        if (!request.SkipWifi)
        {
            steps.Add(new(Wifi, "store the Wi-Fi settings in the configuration block",
                ["--networkdeployment", BundleLayout.NetworkDeploymentName, "--serialport", request.Port, NoVersionCheck], request.Bundle.Directory, []));
        }

        if (!request.SkipFiles)
        {
            var paths = BundleLayout.DriveFiles.Select(BundleLayout.DevicePath).ToList();
            steps.Add(new(Files, "copy the device certificate + key, the root CAs and the config file to " + string.Join(", ", paths),
                ["--filedeployment", BundleLayout.FileDeploymentName, "--serialport", request.Port, NoVersionCheck], request.Bundle.Directory, BundleLayout.DriveFiles));
        }

        return steps;
    }
}
