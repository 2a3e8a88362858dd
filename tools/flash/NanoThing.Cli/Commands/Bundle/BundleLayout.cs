using NanoThing.Cli.Things;

namespace NanoThing.Cli.Commands.Bundle;

/// <summary>The files of a thing's deployment set, in things/&lt;thing&gt;/bundle/ (written by <c>bundle</c>, read by <c>flash</c>).</summary>
public sealed record BundleLayout(string Directory)
{
    public static BundleLayout Of(ThingFiles files) => new(files.BundleDirectory);

    /// <summary>Device certificate followed by its private key, NUL-terminated (mode 0600).</summary>
    public string DeviceIdentity => Path.Combine(Directory, "device-identity.pem");
    /// <summary>The CA certificates the device trusts, NUL-terminated.</summary>
    public string RootCaBundle => Path.Combine(Directory, "root-ca-bundle.pem");
    /// <summary>The device config file for I:\.</summary>
    public string DeviceConfig => Path.Combine(Directory, DeviceConfigFile.DeviceFileName);
    /// <summary>nanoff --networkdeployment input (holds the Wi-Fi password: mode 0600).</summary>
    public string NetworkDeployment => Path.Combine(Directory, "network-deployment.json");
    /// <summary>nanoff --filedeployment input.</summary>
    public string FileDeployment => Path.Combine(Directory, "file-deployment.json");
}
