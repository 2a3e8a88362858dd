using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using NanoThing.LocalIot.Pki;

namespace NanoThing.LocalIot.Registry;

/// <summary>
/// An application identity the stand-in keeps for itself in a folder (its certificate, and its key with mode 0600) and
/// uses again at every start, as a backend on AWS keeps its one certificate: the registry gains no certificate per
/// start. The kept identity is used only while it still works — both files read, the key matches the certificate, the
/// certificate names the identity, was issued by this CA, is valid for another day, and is registered ACTIVE — and is
/// otherwise replaced by a newly issued and registered one. Its default application policy is (re)attached either way,
/// so a policy that a newer NanoThing writes differently takes effect.
/// </summary>
public static class KeptApplicationIdentity
{
    /// <summary>The certificate's file name in the identity's folder.</summary>
    public const string CertificateFileName = "certificate.pem";

    /// <summary>The private key's file name in the identity's folder (mode 0600).</summary>
    public const string KeyFileName = "private.key";

    /// <summary>The kept identity <paramref name="name"/> in <paramref name="folder"/>, or a new one written there.
    /// False with a sentence naming what failed (issuing or registering). A new identity that cannot be written to the
    /// folder is still returned (it works for this run) and the reason goes to <paramref name="log"/>.</summary>
    public static bool TryLoadOrProvision(LocalCa ca, LocalRegistry registry, string folder, string name, TimeProvider time, Action<string> log,
        [NotNullWhen(true)] out ClientCredentials? credentials, out string error)
    {
        string policyName = LocalProvisioning.ApplicationPolicyName(name);
        string policy = LocalProvisioning.ApplicationPolicy(name);
        if (TryLoad(ca, registry, folder, name, time, out credentials, out string certificateId))
        {
            // written only when it differs: every registry change empties the broker's cache of policy decisions
            error = (registry.Policy(policyName)?.Document == policy ? null : registry.CreatePolicy(policyName, policy, replace: true))
                ?? (registry.PoliciesOf(certificateId).Any(p => p.Name == policyName) ? null : registry.AttachPolicy(policyName, certificateId))
                ?? "";
            return error.Length == 0;
        }

        if (!LocalProvisioning.TryProvisionApplication(ca, registry, name, policyName, policy, out credentials, out error))
        {
            return false;
        }

        if (!credentials.TryWrite(Path.Combine(folder, CertificateFileName), Path.Combine(folder, KeyFileName), force: true, out string writeError))
        {
            log(name + ": the new identity is used for this run only, the next start issues another one: " + writeError);
        }

        return true;
    }

    private static bool TryLoad(LocalCa ca, LocalRegistry registry, string folder, string name, TimeProvider time, [NotNullWhen(true)] out ClientCredentials? credentials,
        out string certificateId)
    {
        credentials = null;
        certificateId = "";
        string certificatePath = Path.Combine(folder, CertificateFileName), keyPath = Path.Combine(folder, KeyFileName);
        if (!File.Exists(certificatePath) || !File.Exists(keyPath))
        {
            return false;
        }

        try
        {
            string certificatePem = File.ReadAllText(certificatePath), keyPem = File.ReadAllText(keyPath);
            using var certificate = X509Certificate2.CreateFromPem(certificatePem, keyPem);
            certificateId = LocalRegistry.CertificateId(certificate);
            bool usable = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false) == name
                && CaChain.IsIssuedBy(certificate, ca.CaCertificate, out _)
                && certificate.NotAfter.ToUniversalTime() > time.GetUtcNow().UtcDateTime.AddDays(1)
                && registry.Certificate(certificateId)?.Status == CertificateStatus.Active;
            credentials = usable ? new ClientCredentials(name, certificatePem, keyPem) : null;
            return usable;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            return false; // damaged or unreadable: replaced by a new identity
        }
    }
}
