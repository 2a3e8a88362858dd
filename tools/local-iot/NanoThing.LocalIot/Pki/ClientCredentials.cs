namespace NanoThing.LocalIot.Pki;

/// <summary>
/// A client certificate issued by <see cref="LocalCa"/> and its new private key, both PEM. Not a record on
/// purpose: <see cref="ToString"/> must never print the key.
/// </summary>
public sealed class ClientCredentials(string commonName, string certificatePem, string privateKeyPem)
{
    /// <summary>The certificate's CN: the thing name (or the shadow service identity).</summary>
    public string CommonName { get; } = commonName;

    /// <summary>The certificate, PEM.</summary>
    public string CertificatePem { get; } = certificatePem;

    /// <summary>The private key (PKCS#8 PEM). Secret: write it only with <see cref="TryWrite"/>.</summary>
    public string PrivateKeyPem { get; } = privateKeyPem;

    /// <summary>
    /// Writes the certificate (0644) and the key (0600, created new). Refuses to replace either without
    /// <paramref name="force"/>; checks both before writing, so a refusal writes nothing.
    /// </summary>
    public bool TryWrite(string certificatePath, string keyPath, bool force, out string error)
    {
        foreach (var path in new[] { keyPath, certificatePath })
        {
            if (!force && File.Exists(path))
            {
                error = "The file " + path + " already exists; nothing was written. Use --force to replace the certificate and key of '" + CommonName + "'.";
                return false;
            }
        }
        return PemFile.TryWriteSecret(keyPath, PrivateKeyPem, force, out error)
            && PemFile.TryWritePublic(certificatePath, CertificatePem, force, out error);
    }

    /// <summary>Names the identity only; never the key.</summary>
    public override string ToString() => "client certificate CN=" + CommonName;
}
