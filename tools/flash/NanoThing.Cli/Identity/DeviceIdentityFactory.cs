using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using NanoThing.Cli.Things;

namespace NanoThing.Cli.Identity;

/// <summary>
/// Makes a device's key pair and its self-signed certificate or CSR, subject CN=&lt;thing name&gt;, with the
/// extensions a TLS client certificate needs (not a CA, digital signature, extended key usage clientAuth).
/// </summary>
public static class DeviceIdentityFactory
{
    private const string ClientAuthOid = "1.3.6.1.5.5.7.3.2";

    /// <summary>Creates a new key of <paramref name="type"/>. The caller disposes it.</summary>
    public static AsymmetricAlgorithm CreateKey(KeyType type) => type == KeyType.Rsa2048
        ? RSA.Create(2048)
        : ECDsa.Create(ECCurve.NamedCurves.nistP256);

    /// <summary>The key as PKCS#8 PEM (unencrypted: the device's TLS stack reads it as is).</summary>
    public static string ExportKeyPem(AsymmetricAlgorithm key) => key.ExportPkcs8PrivateKeyPem();

    /// <summary>A self-signed certificate for <paramref name="thing"/>, valid from 5 minutes before
    /// <paramref name="now"/> (clock skew) for <paramref name="days"/> days.</summary>
    public static X509Certificate2 CreateSelfSigned(AsymmetricAlgorithm key, ThingName thing, DateTimeOffset now, int days)
    {
        CertificateRequest request = CreateRequest(key, thing);
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(days));
    }

    /// <summary>A PEM certificate signing request for <paramref name="thing"/>.</summary>
    public static string CreateCsrPem(AsymmetricAlgorithm key, ThingName thing) =>
        CreateRequest(key, thing).CreateSigningRequestPem();

    private static CertificateRequest CreateRequest(AsymmetricAlgorithm key, ThingName thing)
    {
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCommonName(thing.Value);
        CertificateRequest request = key switch
        {
            RSA rsa => new CertificateRequest(subject.Build(), rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            ECDsa ecdsa => new CertificateRequest(subject.Build(), ecdsa, HashAlgorithmName.SHA256),
            _ => throw new ArgumentException("unsupported key algorithm " + key.GetType().Name, nameof(key)),
        };
        X509KeyUsageFlags usage = key is RSA
            ? X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment
            : X509KeyUsageFlags.DigitalSignature;
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(ClientAuthOid)], false));
        return request;
    }
}
