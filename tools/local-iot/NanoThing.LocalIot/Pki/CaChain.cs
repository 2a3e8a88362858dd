using System.Security.Cryptography.X509Certificates;

namespace NanoThing.LocalIot.Pki;

/// <summary>Checks that a client certificate chains to one CA (custom root trust, no revocation lookup) and is valid now.</summary>
public static class CaChain
{
    /// <summary>True when <paramref name="certificate"/> chains to <paramref name="ca"/>; otherwise false and the chain's status.</summary>
    public static bool IsIssuedBy(X509Certificate2 certificate, X509Certificate2 ca, out string explanation)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain.Build(certificate))
        {
            explanation = "";
            return true;
        }

        explanation = "certificate " + certificate.Subject + " does not chain to " + ca.Subject + " ("
            + string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim())) + ")";
        return false;
    }
}
