using NanoThing.Cli.Commands.Bundle;

namespace NanoThing.Cli.Commands.Flash;

/// <summary>One nanoff run of a flash: its name, what it does, and nanoff's exact arguments.</summary>
public sealed record FlashStep(string Name, string Purpose, IReadOnlyList<string> Arguments);

/// <summary>What <c>flash</c> was asked to do.</summary>
public sealed record FlashRequest(string Target, string Port, string? Image, BundleLayout Bundle, bool SkipFirmware, bool SkipApp, bool SkipIdentity, bool SkipConfig);

/// <summary>
/// The nanoff runs of a flash, in order (pure): firmware update (keeps the config partition), app deployment over the
/// wire protocol (nanoff reads the deployment address from the device), identity + Wi-Fi into the configuration block,
/// config file to I:\. Syntax of nanoff <see cref="NanoffErrors.PinnedVersion"/>.
/// </summary>
public static class FlashPlan
{
    /// <summary>The names of all steps, in order (each has a --skip-&lt;name&gt; option).</summary>
    public static readonly string[] StepNames = ["firmware", "app", "identity", "config"];

    public static IReadOnlyList<FlashStep> Steps(FlashRequest request)
    {
        var steps = new List<FlashStep>();
        if (!request.SkipFirmware)
        {
            steps.Add(new("firmware", $"update the nanoFramework firmware ({request.Target})",
                ["--update", "--target", request.Target, "--serialport", request.Port]));
        }

        if (!request.SkipApp)
        {
            steps.Add(new("app", $"deploy the application image {request.Image}",
                ["--nanodevice", "--deploy", "--serialport", request.Port, "--image", request.Image!]));
        }

        if (!request.SkipIdentity)
        {
            steps.Add(new("identity", "store the device certificate + key, the root CAs and the Wi-Fi settings in the configuration block",
                ["--networkdeployment", request.Bundle.NetworkDeployment, "--serialport", request.Port]));
        }

        if (!request.SkipConfig)
        {
            steps.Add(new("config", $"copy the config file to {DeviceConfigFile.DevicePath}",
                ["--filedeployment", request.Bundle.FileDeployment, "--serialport", request.Port]));
        }

        return steps;
    }

    /// <summary>The files a step reads, to check before anything runs.</summary>
    public static IEnumerable<string> Inputs(FlashRequest request)
    {
        if (!request.SkipApp)
        {
            yield return request.Image!;
        }

        if (!request.SkipIdentity)
        {
            yield return request.Bundle.NetworkDeployment;
            yield return request.Bundle.DeviceIdentity;
            yield return request.Bundle.RootCaBundle;
        }

        if (!request.SkipConfig)
        {
            yield return request.Bundle.FileDeployment;
            yield return request.Bundle.DeviceConfig;
        }
    }
}
