using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using NanoThing.LocalIot.Policies;

namespace NanoThing.LocalIot.Registry;

/// <summary>
/// The stand-in's registry, like AWS IoT's: things, certificates (id = SHA-256 of the DER; ACTIVE, INACTIVE, REVOKED),
/// named policies (JSON documents, checked by the policy engine's parser) and attachments (policy to certificate,
/// certificate to thing). Kept in one file, <c>registry.json</c>, written atomically (temporary file, flush to disk,
/// rename) under a lock file, so the CLI (<c>local provision</c>, <c>register --local</c>) can change it while the
/// stand-in runs; the stand-in sees a change at its next read (AWS applies policy changes within minutes).
/// Thread-safe. Changes return null or a sentence saying what was refused and why.
/// </summary>
public sealed class LocalRegistry
{
    /// <summary>The file's name inside the data folder.</summary>
    public const string FileName = "registry.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(10);

    private readonly string lockPath;
    private readonly Lock gate = new();
    private readonly Dictionary<string, IotPolicy> parsed = new(StringComparer.Ordinal);
    private RegistryState state = new();
    private (DateTime Written, long Length) loaded;
    private long generation;

    private LocalRegistry(string folder)
    {
        FilePath = Path.Combine(folder, FileName);
        lockPath = FilePath + ".lock";
    }

    /// <summary>The registry file.</summary>
    public string FilePath { get; }

    /// <summary>Opens the registry of <paramref name="folder"/> (created empty when it has none). False with a sentence
    /// naming the file when it cannot be read.</summary>
    public static bool TryOpen(string folder, [NotNullWhen(true)] out LocalRegistry? registry, out string error)
    {
        Directory.CreateDirectory(folder);
        var opened = new LocalRegistry(folder);
        lock (opened.gate)
        {
            if (!opened.TryReload(out error))
            {
                registry = null;
                return false;
            }
        }

        registry = opened;
        return true;
    }

    /// <summary>The AWS certificate id of <paramref name="certificate"/>: lower-case hex SHA-256 of its DER.</summary>
    public static string CertificateId(X509Certificate2 certificate) => CertificateVariables.Id(certificate);

    /// <summary>
    /// A number that changes whenever what the registry holds may have changed (a change through this instance, or the
    /// file changed by another process, which this read picks up): decisions derived from the registry and cached
    /// under one generation are valid while it stays the same.
    /// </summary>
    public long Generation => Read(_ => generation);

    /// <summary>The certificate with this id, or null when it is not registered.</summary>
    public CertificateRecord? Certificate(string id) => Read(s => s.Certificates.GetValueOrDefault(id));

    /// <summary>The thing with this name, or null.</summary>
    public ThingRecord? Thing(string name) => Read(s => s.Things.GetValueOrDefault(name));

    /// <summary>The policy with this name, or null.</summary>
    public PolicyRecord? Policy(string name) => Read(s => s.Policies.GetValueOrDefault(name));

    /// <summary>The names of every registered thing, in ordinal order.</summary>
    public IReadOnlyList<string> ThingNames() => Read(s => s.Things.Keys.Order(StringComparer.Ordinal).ToList());

    /// <summary>The certificates attached to <paramref name="thingName"/> (AttachThingPrincipal), in the order attached.</summary>
    public IReadOnlyList<CertificateRecord> CertificatesOf(string thingName) => Read(s =>
        s.ThingPrincipals.GetValueOrDefault(thingName)?.Select(id => s.Certificates.GetValueOrDefault(id)).OfType<CertificateRecord>().ToList()
        ?? (IReadOnlyList<CertificateRecord>)[]);

    /// <summary>The names of the things <paramref name="certificateId"/> is attached to.</summary>
    public IReadOnlyList<string> ThingsOf(string certificateId) =>
        Read(s => s.ThingPrincipals.Where(p => p.Value.Contains(certificateId)).Select(p => p.Key).Order(StringComparer.Ordinal).ToList());

    /// <summary>The parsed policies attached to <paramref name="certificateId"/>, by name.</summary>
    public IReadOnlyList<IotPolicy> PoliciesOf(string certificateId) => Read(s => s.PolicyTargets
        .Where(t => t.Value.Contains(certificateId))
        .Select(t => parsed.GetValueOrDefault(t.Key))
        .OfType<IotPolicy>()
        .OrderBy(p => p.Name, StringComparer.Ordinal)
        .ToList());

    /// <summary>Creates the thing (no change when it exists).</summary>
    public string? CreateThing(string name)
    {
        if (Pki.ThingName.Validate(name) is { } invalid)
        {
            return invalid;
        }

        return Change(s =>
        {
            s.Things.TryAdd(name, new ThingRecord(name, []));
            return null;
        });
    }

    /// <summary>
    /// Registers a certificate (PEM) with <paramref name="status"/>; <paramref name="withoutCa"/> records AWS's
    /// RegisterCertificateWithoutCA (the certificate itself is trusted, whoever issued it). Registering the same
    /// certificate again changes nothing. <paramref name="id"/> is its certificate id.
    /// </summary>
    public string? RegisterCertificate(string pem, bool withoutCa, CertificateStatus status, out string id)
    {
        X509Certificate2 certificate;
        try
        {
            certificate = X509Certificate2.CreateFromPem(pem);
        }
        catch (CryptographicException e)
        {
            id = "";
            return "The certificate is not a PEM X.509 certificate (" + e.Message + ").";
        }

        using (certificate)
        {
            string certificateId = id = CertificateId(certificate);
            string normalized = certificate.ExportCertificatePem();
            return Change(s =>
            {
                s.Certificates.TryAdd(certificateId, new CertificateRecord(certificateId, normalized, status, withoutCa, DateTimeOffset.UtcNow));
                return null;
            });
        }
    }

    /// <summary>Sets a certificate's status (UpdateCertificate). A REVOKED certificate cannot be made ACTIVE again.</summary>
    public string? SetStatus(string certificateId, CertificateStatus status) => Change(s =>
    {
        if (!s.Certificates.TryGetValue(certificateId, out var record))
        {
            return "No certificate with id " + certificateId + " is registered.";
        }

        if (record.Status == CertificateStatus.Revoked && status != CertificateStatus.Revoked)
        {
            return "Certificate " + certificateId + " is REVOKED; AWS does not let a revoked certificate be used again. Register a new one.";
        }

        s.Certificates[certificateId] = record with { Status = status };
        return null;
    });

    /// <summary>
    /// Creates a named policy (CreatePolicy). The document must parse as an AWS IoT policy; a policy of that name with
    /// the same document is kept, one with another document is refused unless <paramref name="replace"/>.
    /// </summary>
    public string? CreatePolicy(string name, string document, bool replace = false)
    {
        var result = IotPolicy.Parse(name, document);
        if (!result.Succeeded)
        {
            return "Policy '" + name + "' is not a valid AWS IoT policy: " + result.Error;
        }

        return Change(s =>
        {
            if (s.Policies.TryGetValue(name, out var existing) && existing.Document != document && !replace)
            {
                return "A policy named '" + name + "' already exists with another document; choose another name or replace it.";
            }

            s.Policies[name] = new PolicyRecord(name, document);
            return null;
        });
    }

    /// <summary>Attaches a policy to a certificate (AttachPolicy); both must exist. Attaching twice changes nothing.</summary>
    public string? AttachPolicy(string policyName, string certificateId) => Change(s =>
    {
        if (!s.Policies.ContainsKey(policyName))
        {
            return "No policy named '" + policyName + "' exists.";
        }

        if (!s.Certificates.ContainsKey(certificateId))
        {
            return "No certificate with id " + certificateId + " is registered.";
        }

        var targets = s.PolicyTargets.TryGetValue(policyName, out var list) ? list : s.PolicyTargets[policyName] = [];
        if (!targets.Contains(certificateId))
        {
            targets.Add(certificateId);
        }

        return null;
    });

    /// <summary>Attaches a certificate to a thing (AttachThingPrincipal); both must exist. Attaching twice changes nothing.</summary>
    public string? AttachThingPrincipal(string thingName, string certificateId) => Change(s =>
    {
        if (!s.Things.ContainsKey(thingName))
        {
            return "No thing named '" + thingName + "' exists.";
        }

        if (!s.Certificates.ContainsKey(certificateId))
        {
            return "No certificate with id " + certificateId + " is registered.";
        }

        var principals = s.ThingPrincipals.TryGetValue(thingName, out var list) ? list : s.ThingPrincipals[thingName] = [];
        if (!principals.Contains(certificateId))
        {
            principals.Add(certificateId);
        }

        return null;
    });

    private T Read<T>(Func<RegistryState, T> read)
    {
        lock (gate)
        {
            TryReload(out _); // a file another process damaged keeps the last good state (its error is reported by the next change)
            return read(state);
        }
    }

    /// <summary>Read-modify-write under the lock file: reloads, applies <paramref name="change"/>, writes atomically.</summary>
    private string? Change(Func<RegistryState, string?> change)
    {
        lock (gate)
        {
            FileStream? fileLock = null;
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (fileLock is null)
            {
                try
                {
                    fileLock = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                }
                catch (IOException) when (waited.Elapsed < LockTimeout)
                {
                    Thread.Sleep(10); // another process holds the registry for a moment
                }
                catch (IOException e)
                {
                    return "The registry " + FilePath + " stayed locked by another process for " + LockTimeout.TotalSeconds + " s (" + e.Message + ").";
                }
            }

            using (fileLock)
            {
                if (!TryReload(out string error))
                {
                    return error;
                }

                string? refused = change(state);
                generation++; // changed in memory, whether or not it is saved below
                if (refused is not null)
                {
                    TryReload(out _, force: true); // drop the half-applied change
                    return refused;
                }

                return TrySave(out error) ? null : error;
            }
        }
    }

    private bool TryReload(out string error, bool force = false)
    {
        error = "";
        var info = new FileInfo(FilePath);
        if (!info.Exists)
        {
            if (force || loaded != default)
            {
                state = new RegistryState();
                parsed.Clear();
                loaded = default;
                generation++;
            }

            return true;
        }

        var stamp = (info.LastWriteTimeUtc, info.Length);
        if (!force && stamp == loaded)
        {
            return true;
        }

        try
        {
            var read = JsonSerializer.Deserialize<RegistryState>(File.ReadAllText(FilePath), Json) ?? new RegistryState();
            state = read;
            loaded = stamp;
            ParsePolicies();
            generation++;

            return true;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            error = "The registry " + FilePath + " cannot be read (" + e.Message + "); fix or remove it (then provision every thing again).";
            return false;
        }
    }

    private void ParsePolicies()
    {
        parsed.Clear();
        foreach (var policy in state.Policies.Values)
        {
            if (IotPolicy.Parse(policy.Name, policy.Document).Policy is { } valid)
            {
                parsed[policy.Name] = valid;
            }
        }
    }

    private bool TrySave(out string error)
    {
        string temporary = FilePath + ".tmp";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                JsonSerializer.Serialize(stream, state, Json);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, FilePath, overwrite: true);
            var info = new FileInfo(FilePath);
            loaded = (info.LastWriteTimeUtc, info.Length);
            ParsePolicies();

            error = "";
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = "The registry " + FilePath + " could not be written (" + e.Message + "); check the folder's permissions and free space.";
            return false;
        }
    }
}
