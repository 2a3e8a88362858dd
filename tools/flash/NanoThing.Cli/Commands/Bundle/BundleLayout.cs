using NanoThing.Cli.Things;

namespace NanoThing.Cli.Commands.Bundle;

/// <summary>
/// The files of a thing's deployment set, in things/&lt;thing&gt;/bundle/ (written by <c>bundle</c>, read by <c>flash</c>).
/// The folder is self-contained: the file deployment names its files relative to it and <c>flash</c> runs nanoff from
/// inside it, so a bundle copied to another machine or folder flashes the same.
/// </summary>
public sealed record BundleLayout(string Directory)
{
    /// <summary>File name of the device certificate + key, in the bundle and on I:\ (firmware/NanoThing/Adapters/IdentityFiles.cs).</summary>
    public const string DeviceIdentityName = "device-identity.pem";
    /// <summary>File name of the root CA bundle, in the bundle and on I:\ (firmware/NanoThing/Adapters/IdentityFiles.cs).</summary>
    public const string RootCaBundleName = "root-ca-bundle.pem";
    public const string NetworkDeploymentName = "network-deployment.json";
    public const string FileDeploymentName = "file-deployment.json";

    /// <summary>
    /// What the file deployment copies to I:\, each under its own name, in this order: the identity first and the
    /// config file last, so that a board whose config arrived also has the identity it names.
    /// </summary>
    public static readonly IReadOnlyList<string> DriveFiles = [DeviceIdentityName, RootCaBundleName, DeviceConfigFile.DeviceFileName];

    public static BundleLayout Of(ThingFiles files) => new(files.BundleDirectory);

    /// <summary>Where a file of <see cref="DriveFiles"/> lands on the board.</summary>
    public static string DevicePath(string name) => @"I:\" + name;

    /// <summary>Device certificate followed by its private key, NUL-terminated (mode 0600).</summary>
    public string DeviceIdentity => Path.Combine(Directory, DeviceIdentityName);
    /// <summary>The CA certificates the device trusts, NUL-terminated.</summary>
    public string RootCaBundle => Path.Combine(Directory, RootCaBundleName);
    /// <summary>The device config file for I:\.</summary>
    public string DeviceConfig => Path.Combine(Directory, DeviceConfigFile.DeviceFileName);
    /// <summary>nanoff --networkdeployment input: the Wi-Fi settings only (holds the password: mode 0600).</summary>
    public string NetworkDeployment => Path.Combine(Directory, NetworkDeploymentName);
    /// <summary>nanoff --filedeployment input: <see cref="DriveFiles"/> to I:\, by paths relative to <see cref="Directory"/>.</summary>
    public string FileDeployment => Path.Combine(Directory, FileDeploymentName);
}
