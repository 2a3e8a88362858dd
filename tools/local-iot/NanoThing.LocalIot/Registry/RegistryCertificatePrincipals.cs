using System.Security.Cryptography.X509Certificates;
using NanoThing.LocalIot.DataPlane.Auth;
using NanoThing.LocalIot.Policies;

namespace NanoThing.LocalIot.Registry;

/// <summary>
/// The data plane's device mode from the registry, as AWS's data endpoint does it with a client certificate
/// (device-shadow-rest-api.html): the TLS handshake lets through what the broker would (<see cref="RegistryAuthority"/>);
/// a request is the certificate's when it is registered and ACTIVE, decided by the policies attached to it now. Over
/// HTTPS there is no MQTT connection, so the <c>iot:Connection.Thing.*</c> variables and <c>${iot:ClientId}</c> are
/// undefined (AWS defines them only for MQTT): a policy written with them, like the one <c>nanothing policy</c>
/// prints, allows nothing here — as on AWS.
/// </summary>
public sealed class RegistryCertificatePrincipals(LocalRegistry registry, RegistryAuthority authority) : ICertificatePrincipals
{
    /// <inheritdoc/>
    public bool Trusts(X509Certificate2 certificate, out string explanation) => authority.TrustsCertificate(certificate, out explanation);

    /// <inheritdoc/>
    public DataPlanePrincipal? Resolve(X509Certificate2 certificate, out string explanation)
    {
        string id = LocalRegistry.CertificateId(certificate);
        var record = registry.Certificate(id);
        if (record is null)
        {
            explanation = "certificate " + id + " is not registered (nanothing local provision, or nanothing register --local)";
            return null;
        }

        if (record.Status != CertificateStatus.Active)
        {
            explanation = "certificate " + id + " is " + record.Status.ToString().ToUpperInvariant() + ", only ACTIVE certificates are accepted";
            return null;
        }

        string commonName = certificate.GetNameInfo(X509NameType.SimpleName, false);
        explanation = "";
        return new DataPlanePrincipal(id, "certificate " + id[..12] + "… (CN=" + commonName + ")", registry.PoliciesOf(id),
            new AuthorizationContext("", id, commonName, null, null));
    }
}
