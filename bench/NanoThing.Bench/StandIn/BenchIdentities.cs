using NanoThing.LocalIot.Pki;
using NanoThing.LocalIot.Registry;

namespace NanoThing.Bench.StandIn;

/// <summary>
/// What a stand-in's data folder starts with, issued once and reusable by several stand-ins: a local CA, a registry
/// with the application identities (<see cref="BenchStandIn.Applications"/>) and any thing identities provisioned into
/// it (certificate and key files under the temp folder, key 0600), as <c>nanothing local provision</c> makes them.
/// Issuing 1,000 things means about 5,000 rewrites of a growing registry.json, so the scale benchmark issues its
/// things once per run here and starts each level's stand-in from a copy (<see cref="CopyDataTo"/>) instead of
/// issuing them again per level. Deleted on dispose.
/// </summary>
public sealed class BenchIdentities : IDisposable
{
    private readonly LocalRegistry _registry;

    private BenchIdentities(string root, LocalCa ca, LocalRegistry registry)
    {
        Root = root;
        Ca = ca;
        _registry = registry;
    }

    /// <summary>The temp folder: <c>local/</c> (CA and registry), <c>identities/</c>, the applications' files.</summary>
    public string Root { get; }

    /// <summary>The data folder whose CA and registry these identities are registered in.</summary>
    public string DataFolder => Path.Combine(Root, "local");

    /// <summary>The local CA that issued every identity here.</summary>
    public LocalCa Ca { get; }

    /// <summary>A new CA and registry with the application identities, under a new temp folder.</summary>
    public static BenchIdentities Create()
    {
        string root = Path.Combine(Path.GetTempPath(), "nanothing-bench-" + Guid.NewGuid().ToString("N"));
        string data = Path.Combine(root, "local");
        LocalCa? ca = null;
        try
        {
            if (!LocalCa.TryCreate(Path.Combine(data, "ca"), false, out ca, out var error)) throw new InvalidOperationException(error);
            if (!LocalRegistry.TryOpen(data, out var registry, out error)) throw new InvalidOperationException(error);

            // The cloud side: application identities allowed on every thing's shadow topics, as an AWS IoT policy for an
            // application would allow; each holds its own client id.
            foreach (string application in BenchStandIn.Applications)
            {
                if (!LocalProvisioning.TryProvisionApplication(ca, registry, application, LocalProvisioning.ApplicationPolicyName(application), LocalProvisioning.ApplicationPolicy(application), out var credentials, out error)
                    || !credentials.TryWrite(Path.Combine(root, application + ".crt"), Path.Combine(root, application + ".key"), false, out error))
                {
                    throw new InvalidOperationException(error);
                }
            }

            return new BenchIdentities(root, ca, registry);
        }
        catch
        {
            ca?.Dispose();
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
            throw;
        }
    }

    /// <summary>Certificate and key files of thing <paramref name="thing"/>, issued and registered (thing, policy, attachments) the first time.</summary>
    public (string Certificate, string Key) Thing(string thing)
    {
        string folder = Path.Combine(Root, "identities");
        Directory.CreateDirectory(folder);
        string certificate = Path.Combine(folder, thing + ".crt"), key = Path.Combine(folder, thing + ".key");
        if (!File.Exists(key))
        {
            if (!LocalProvisioning.TryProvisionThing(Ca, _registry, thing, LocalProvisioning.ThingShadowsPolicyName, LocalProvisioning.ThingShadowsPolicy(), out var credentials, out var error)
                || !credentials.TryWrite(certificate, key, false, out error))
            {
                throw new InvalidOperationException(error);
            }
        }

        return (certificate, key);
    }

    /// <summary>True when <paramref name="thing"/> was issued here.</summary>
    public bool Has(string thing) => File.Exists(Path.Combine(Root, "identities", thing + ".key"));

    /// <summary>Certificate and key files of application <paramref name="application"/> (one of <see cref="BenchStandIn.Applications"/>).</summary>
    public (string Certificate, string Key) Application(string application) =>
        (Path.Combine(Root, application + ".crt"), Path.Combine(Root, application + ".key"));

    /// <summary>Copies the CA and the registry into <paramref name="dataFolder"/>: a stand-in started there knows every identity issued so far.</summary>
    public void CopyDataTo(string dataFolder)
    {
        foreach (string file in Directory.EnumerateFiles(DataFolder, "*", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(DataFolder, file);
            if (relative.EndsWith(".lock", StringComparison.Ordinal) || relative.EndsWith(".tmp", StringComparison.Ordinal)) continue;
            string target = Path.Combine(dataFolder, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target); // keeps the key files' mode (0600)
        }
    }

    public void Dispose()
    {
        Ca.Dispose();
        if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
    }
}
