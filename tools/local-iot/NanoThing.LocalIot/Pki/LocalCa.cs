using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace NanoThing.LocalIot.Pki;

/// <summary>
/// The local stand-in's certificate authority, kept in one folder: <c>ca.crt</c>/<c>ca.key</c> (ECDSA P-256, 10
/// years) and the broker's <c>server.crt</c>/<c>server.key</c> for <c>localhost</c> and <c>127.0.0.1</c>. It issues
/// client certificates whose CN is the identity (thing name or application name) the broker expects as client id. Keys are created new
/// with mode 0600 and never replaced without <c>force</c>. Built with .NET only (no openssl).
/// </summary>
public sealed class LocalCa : IDisposable
{
    /// <summary>An application identity (CN and MQTT client id) with access to every thing's topics, for tools and tests
    /// that act as the cloud side. Contains a dot, which <see cref="ThingName"/> forbids, so no thing can be issued it.</summary>
    public const string ShadowServiceIdentity = "nanothing.shadow-service";

    /// <summary>File names inside <see cref="Directory"/>.</summary>
    public const string CaCertificateFileName = "ca.crt", CaKeyFileName = "ca.key", ServerCertificateFileName = "server.crt", ServerKeyFileName = "server.key";

    private static readonly TimeSpan CaLifetime = TimeSpan.FromDays(3650);
    private static readonly TimeSpan LeafLifetime = TimeSpan.FromDays(825);
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private readonly ECDsa _caKey;

    private LocalCa(string directory, X509Certificate2 caCertificate, ECDsa caKey)
    {
        Directory = directory;
        CaCertificate = caCertificate;
        _caKey = caKey;
    }

    /// <summary>The folder holding the CA and server files.</summary>
    public string Directory { get; }

    /// <summary>The CA certificate (public part only).</summary>
    public X509Certificate2 CaCertificate { get; }

    /// <summary>Path of the CA certificate: the file a client must trust to reach the local endpoint.</summary>
    public string CaCertificatePath => Path.Combine(Directory, CaCertificateFileName);

    /// <summary>Path of the broker's certificate.</summary>
    public string ServerCertificatePath => Path.Combine(Directory, ServerCertificateFileName);

    /// <summary>Path of the broker's private key (0600).</summary>
    public string ServerKeyPath => Path.Combine(Directory, ServerKeyFileName);

    /// <summary>
    /// Creates a new CA and server certificate in <paramref name="directory"/> (created with mode 0700). Refuses
    /// when a CA key is already there unless <paramref name="force"/> (which invalidates every certificate it issued).
    /// </summary>
    public static bool TryCreate(string directory, bool force, [NotNullWhen(true)] out LocalCa? ca, out string error)
    {
        ca = null;
        string caKeyPath = Path.Combine(directory, CaKeyFileName);
        if (File.Exists(caKeyPath) && !force)
        {
            error = "A local CA already exists in " + directory + " (" + CaKeyFileName + "); it was kept. Use --force to replace it (certificates it issued stop working).";
            return false;
        }
        if (!OperatingSystem.IsWindows()) System.IO.Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        else System.IO.Directory.CreateDirectory(directory);

        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=NanoThing Local CA, O=NanoThing local AWS IoT stand-in", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        using var selfSigned = request.CreateSelfSigned(now - ClockSkew, now + CaLifetime);
        var certificate = X509CertificateLoader.LoadCertificate(selfSigned.RawData);
        if (!PemFile.TryWriteSecret(caKeyPath, key.ExportPkcs8PrivateKeyPem(), force, out error)
            || !PemFile.TryWritePublic(Path.Combine(directory, CaCertificateFileName), certificate.ExportCertificatePem(), force, out error))
        {
            key.Dispose();
            return false;
        }
        var created = new LocalCa(directory, certificate, key);
        if (!created.TryWriteServerCertificate(force, out error))
        {
            created.Dispose();
            return false;
        }
        ca = created;
        return true;
    }

    /// <summary>Loads the CA from <paramref name="directory"/>; false with a sentence when files are missing or damaged.</summary>
    public static bool TryLoad(string directory, [NotNullWhen(true)] out LocalCa? ca, out string error)
    {
        ca = null;
        string certificatePath = Path.Combine(directory, CaCertificateFileName), keyPath = Path.Combine(directory, CaKeyFileName);
        foreach (var path in new[] { certificatePath, keyPath, Path.Combine(directory, ServerCertificateFileName), Path.Combine(directory, ServerKeyFileName) })
        {
            if (!File.Exists(path))
            {
                error = "The local CA in " + directory + " is incomplete: " + path + " is missing. Create it again with --force.";
                return false;
            }
        }
        try
        {
            var certificate = X509CertificateLoader.LoadCertificateFromFile(certificatePath);
            var key = ECDsa.Create();
            key.ImportFromPem(File.ReadAllText(keyPath));
            using var matchCheck = certificate.CopyWithPrivateKey(key); // throws when the key is not the certificate's
            ca = new LocalCa(directory, certificate, key);
            error = "";
            return true;
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException or IOException)
        {
            error = "The local CA in " + directory + " could not be loaded (" + CaCertificateFileName + " and " + CaKeyFileName
                + " must be a matching PEM certificate and EC key): " + e.Message;
            return false;
        }
    }

    /// <summary>Loads the CA in <paramref name="directory"/>, or creates it when there is no CA key yet.</summary>
    public static bool TryLoadOrCreate(string directory, [NotNullWhen(true)] out LocalCa? ca, out string error) =>
        File.Exists(Path.Combine(directory, CaKeyFileName)) ? TryLoad(directory, out ca, out error) : TryCreate(directory, false, out ca, out error);

    /// <summary>Issues a certificate for <paramref name="thingName"/> (CN = thing name, clientAuth). False when the name is not a valid AWS thing name.</summary>
    public bool TryIssueThingCertificate(string thingName, [NotNullWhen(true)] out ClientCredentials? credentials, out string error)
    {
        credentials = null;
        if (ThingName.Validate(thingName) is { } invalid) { error = invalid; return false; }
        credentials = IssueClientCertificate(thingName);
        error = "";
        return true;
    }

    /// <summary>Issues the certificate of the Device Shadow service (CN = <see cref="ShadowServiceIdentity"/>).</summary>
    public ClientCredentials IssueShadowServiceCertificate() => IssueClientCertificate(ShadowServiceIdentity);

    /// <summary>
    /// Issues the certificate of an application identity (a console, a backend, a benchmark, a test): CN = <paramref name="name"/>,
    /// 1-128 characters of <c>a-z A-Z 0-9 : _ - .</c> (a valid MQTT client id without topic wildcards).
    /// </summary>
    public bool TryIssueApplicationCertificate(string name, [NotNullWhen(true)] out ClientCredentials? credentials, out string error)
    {
        credentials = null;
        if (name.Length is 0 or > 128 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is ':' or '_' or '-' or '.'))
        {
            error = "'" + name + "' cannot be an application name: use 1-128 characters of a-z A-Z 0-9 : _ - . (it is the certificate's CN and the client id).";
            return false;
        }

        credentials = IssueClientCertificate(name);
        error = "";
        return true;
    }

    /// <summary>The CA certificate as PEM (to hand to clients as root-ca.pem).</summary>
    public string CaCertificatePem => CaCertificate.ExportCertificatePem();

    /// <summary>Releases the CA key.</summary>
    public void Dispose()
    {
        _caKey.Dispose();
        CaCertificate.Dispose();
    }

    private ClientCredentials IssueClientCertificate(string commonName)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = LeafRequest("CN=" + commonName, key, "1.3.6.1.5.5.7.3.2");
        using var certificate = Sign(request);
        return new ClientCredentials(commonName, certificate.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }

    private bool TryWriteServerCertificate(bool force, out string error)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = LeafRequest("CN=localhost", key, "1.3.6.1.5.5.7.3.1");
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = Sign(request);
        return PemFile.TryWriteSecret(ServerKeyPath, key.ExportPkcs8PrivateKeyPem(), force, out error)
            && PemFile.TryWritePublic(ServerCertificatePath, certificate.ExportCertificatePem(), force, out error);
    }

    private static CertificateRequest LeafRequest(string subject, ECDsa key, string extendedKeyUsageOid)
    {
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(extendedKeyUsageOid)], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request;
    }

    private X509Certificate2 Sign(CertificateRequest request)
    {
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(CaCertificate, true, false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        var now = DateTimeOffset.UtcNow;
        var notAfter = now + LeafLifetime < CaCertificate.NotAfter ? now + LeafLifetime : new DateTimeOffset(CaCertificate.NotAfter);
        return request.Create(CaCertificate.SubjectName, X509SignatureGenerator.CreateForECDsa(_caKey), now - ClockSkew, notAfter, serial);
    }
}
