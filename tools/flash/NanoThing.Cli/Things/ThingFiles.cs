namespace NanoThing.Cli.Things;

/// <summary>
/// Where one thing's files live: <c>things/&lt;thing&gt;/</c> under the working directory, or the folder given
/// with <c>--dir</c>. Only paths; nothing here touches the disk.
/// </summary>
public sealed record ThingFiles(ThingName Thing, string Directory)
{
    /// <summary>The files of <paramref name="thing"/>: in <paramref name="dir"/> when given, else in things/&lt;thing&gt;/.</summary>
    public static ThingFiles For(ThingName thing, string workingDirectory, string? dir) =>
        new(thing, dir is null
            ? Path.Combine(workingDirectory, "things", thing.Value)
            : Path.GetFullPath(dir, workingDirectory));

    /// <summary>The private key (PKCS#8 PEM, mode 0600).</summary>
    public string Key => Path.Combine(Directory, "device.key");
    /// <summary>The device certificate (PEM), self-signed, from AWS or from the local CA.</summary>
    public string Certificate => Path.Combine(Directory, "device.crt");
    /// <summary>The certificate signing request (PEM).</summary>
    public string Csr => Path.Combine(Directory, "device.csr");
    /// <summary>The CA a client must trust to reach the local stand-in (written by <c>local provision</c>).</summary>
    public string RootCa => Path.Combine(Directory, "root-ca.pem");
    /// <summary>The AWS IoT policy document written by <c>register</c>.</summary>
    public string Policy => Path.Combine(Directory, "policy.json");
    /// <summary>The deployment set written by <c>bundle</c>.</summary>
    public string BundleDirectory => Path.Combine(Directory, "bundle");
}
