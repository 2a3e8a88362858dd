using System.Security.Cryptography.X509Certificates;

namespace NanoThing.LocalIot.DataPlane.Auth;

/// <summary>
/// Who a TLS client certificate is on the data plane (AWS's device mode: HTTPS with the device's certificate, subject to
/// the policies attached to it). Thread-safe, in-memory answers only (called in TLS handshakes and per request).
/// </summary>
public interface ICertificatePrincipals
{
    /// <summary>TLS handshake: true when the certificate may open a connection at all (registered or issued by a trusted
    /// CA); false aborts the handshake, as AWS does for a certificate it does not know.</summary>
    bool Trusts(X509Certificate2 certificate, out string explanation);

    /// <summary>The principal of the certificate with its policies, or null with why (e.g. not active).</summary>
    DataPlanePrincipal? Resolve(X509Certificate2 certificate, out string explanation);
}
