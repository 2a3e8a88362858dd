using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace NanoThing.Cli.Tests.Support;

/// <summary>Throw-away CA certificates generated at test time (no key or certificate is checked in).</summary>
public static class TestCa
{
    /// <summary>Writes a self-signed CA certificate with CN=<paramref name="name"/> to <paramref name="path"/>.</summary>
    public static string WriteRoot(string path, string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=" + name, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using X509Certificate2 certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(5));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, certificate.ExportCertificatePem() + "\n");
        return path;
    }
}
