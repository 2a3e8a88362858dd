using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using NanoThing.Cli.Execution;

namespace NanoThing.Cli.Identity;

/// <summary>
/// What the CLI reports about a certificate: subject, issuer, validity, SHA-1 thumbprint (colon-separated upper-case
/// hex, as openssl prints it) and the AWS IoT certificate ID (lower-case hex SHA-256 of the DER encoding, which is
/// how AWS names a certificate, so the ID is known before registering).
/// </summary>
public sealed record CertificateFacts(
    string Subject, string Issuer, DateTimeOffset NotBefore, DateTimeOffset NotAfter, string Sha1Thumbprint, string AwsCertificateId)
{
    /// <summary>How close to expiry a certificate must be for a warning.</summary>
    public static readonly TimeSpan ExpiryWarning = TimeSpan.FromDays(30);

    public static CertificateFacts Of(X509Certificate2 certificate)
    {
        byte[] der = certificate.RawData;
        return new CertificateFacts(
            certificate.Subject,
            certificate.Issuer,
            new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero),
            new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero),
            string.Join(':', Convert.ToHexString(SHA1.HashData(der)).Chunk(2).Select(pair => new string(pair))),
            Convert.ToHexStringLower(SHA256.HashData(der)));
    }

    /// <summary>Loads the first certificate of a PEM (or DER) file; a file that holds none is an
    /// <see cref="Failure.InputInvalid"/> error naming it. <paramref name="remedy"/> is the next step offered.</summary>
    public static bool TryLoad(string path, string remedy, out X509Certificate2? certificate, out CliError? error)
    {
        certificate = null;
        error = null;
        if (!File.Exists(path))
        {
            error = new CliError(Failure.NotFound, $"no certificate at {path}", remedy);
            return false;
        }

        try
        {
            certificate = X509CertificateLoader.LoadCertificateFromFile(path);
            return true;
        }
        catch (CryptographicException exception)
        {
            error = new CliError(Failure.InputInvalid, $"{path} does not hold a valid certificate ({exception.Message.TrimEnd('.')})", remedy);
            return false;
        }
    }

    /// <summary>A warning about the validity period at <paramref name="now"/>, or null when the certificate is
    /// valid for more than <see cref="ExpiryWarning"/>.</summary>
    public string? ValidityWarning(DateTimeOffset now)
    {
        if (now < NotBefore)
        {
            return $"the certificate is not valid before {Format(NotBefore)} (is this machine's clock right?)";
        }

        if (now >= NotAfter)
        {
            return $"the certificate expired on {Format(NotAfter)}";
        }

        if (NotAfter - now <= ExpiryWarning)
        {
            return $"the certificate expires on {Format(NotAfter)}, in {(int)Math.Ceiling((NotAfter - now).TotalDays)} days";
        }

        return null;
    }

    /// <summary>UTC time as yyyy-MM-dd HH:mm:ss UTC.</summary>
    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
}
