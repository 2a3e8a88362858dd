using System.Diagnostics.CodeAnalysis;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace NanoThing.Mqtt;

/// <summary>
/// TLS material of one MQTT connection: the CA certificates the server's certificate must chain to (and only
/// those: the machine's trust store is not used), and the client certificate with its private key.
/// There is deliberately no "accept any server certificate" switch.
/// </summary>
public sealed class TlsSettings
{
    /// <summary>Builds settings from certificates already loaded.</summary>
    /// <param name="trustedCas">The only roots the server certificate may chain to (e.g. Amazon Root CA 1 and 3, or the local CA).</param>
    /// <param name="clientCertificate">Client certificate with private key, or null to present none.</param>
    /// <param name="trustSource">Where the CAs came from, for error messages (e.g. the CA file path).</param>
    public TlsSettings(X509Certificate2Collection trustedCas, X509Certificate2? clientCertificate, string trustSource)
    {
        if (trustedCas.Count == 0) throw new ArgumentException("At least one trusted CA certificate is needed.", nameof(trustedCas));
        if (clientCertificate is { HasPrivateKey: false }) throw new ArgumentException("The client certificate has no private key.", nameof(clientCertificate));
        TrustedCas = trustedCas;
        ClientCertificate = clientCertificate;
        TrustSource = trustSource;
    }

    /// <summary>The only roots the server certificate may chain to.</summary>
    public X509Certificate2Collection TrustedCas { get; }

    /// <summary>The certificate (with private key) presented to the server, or null.</summary>
    public X509Certificate2? ClientCertificate { get; }

    /// <summary>Where the CAs came from, for messages.</summary>
    public string TrustSource { get; }

    /// <summary>TLS versions offered; <see cref="SslProtocols.None"/> lets the system choose (TLS 1.2 and 1.3).</summary>
    public SslProtocols Protocols { get; init; } = SslProtocols.None;

    /// <summary>
    /// Loads the CA bundle <paramref name="caFile"/> (one or more PEM certificates) and, when
    /// <paramref name="certificateFile"/> is given, the client certificate and its PEM private key
    /// <paramref name="keyFile"/>. False with a sentence naming the file and the fix when anything is missing,
    /// unreadable, mismatched or expired. Keys are never printed.
    /// </summary>
    public static bool TryLoadFromPemFiles(string caFile, string? certificateFile, string? keyFile,
        [NotNullWhen(true)] out TlsSettings? settings, out string error)
    {
        settings = null;
        if (!TryLoadCas(caFile, out var cas, out error)) return false;
        X509Certificate2? client = null;
        if (certificateFile is not null)
        {
            if (keyFile is null) { error = "A client certificate (" + certificateFile + ") needs its private key file too."; return false; }
            if (!TryLoadClientCertificate(certificateFile, keyFile, out client, out error)) return false;
        }
        settings = new TlsSettings(cas, client, caFile);
        return true;
    }

    private static bool TryLoadCas(string caFile, out X509Certificate2Collection cas, out string error)
    {
        cas = [];
        if (!File.Exists(caFile)) { error = "The CA certificate file " + caFile + " does not exist."; return false; }
        try
        {
            cas.ImportFromPemFile(caFile);
        }
        catch (CryptographicException e)
        {
            error = "The CA certificate file " + caFile + " is not a valid PEM certificate bundle: " + e.Message;
            return false;
        }
        error = cas.Count == 0 ? "The CA certificate file " + caFile + " contains no PEM certificate (expected -----BEGIN CERTIFICATE-----)." : "";
        return cas.Count > 0;
    }

    private static bool TryLoadClientCertificate(string certificateFile, string keyFile, out X509Certificate2? certificate, out string error)
    {
        certificate = null;
        foreach (var file in new[] { certificateFile, keyFile })
        {
            if (!File.Exists(file)) { error = "The " + (file == keyFile ? "private key" : "client certificate") + " file " + file + " does not exist."; return false; }
        }
        try
        {
            certificate = X509Certificate2.CreateFromPemFile(certificateFile, keyFile);
            if (OperatingSystem.IsWindows())
            {
                // SChannel cannot use an ephemeral key; Linux (OpenSSL) can, so only Windows needs the round trip.
                certificate = X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
            }
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            error = "Could not load the client certificate " + certificateFile + " with the private key " + keyFile
                + " (not PEM, or the key does not belong to the certificate): " + e.Message;
            return false;
        }
        if (certificate.NotAfter.ToUniversalTime() < DateTime.UtcNow)
        {
            error = "The client certificate " + certificateFile + " expired on " + certificate.NotAfter.ToUniversalTime().ToString("yyyy-MM-dd") + "; issue a new one.";
            return false;
        }
        error = "";
        return true;
    }
}
