using System.Security.Cryptography.X509Certificates;
using NanoThing.LocalIot.Broker;
using NanoThing.LocalIot.Pki;
using NanoThing.LocalIot.Policies;

namespace NanoThing.LocalIot.Registry;

/// <summary>
/// Decides as AWS IoT Core does, from the registry and the policy engine (reference local-aws-iot.md §3.6: valid
/// certificate, registered and ACTIVE, then the policies per action):
/// <list type="bullet">
/// <item>TLS: a certificate issued by the local CA, or one registered without a CA (AWS's SNI_ONLY mode), is let through.</item>
/// <item>CONNECT: the certificate must be registered and ACTIVE, and its policies must allow <c>iot:Connect</c> on
/// <c>client/&lt;clientId&gt;</c>. The thing variables are defined only when a thing attached to the certificate has
/// the client id as its name (thing-policy-variables.html).</item>
/// <item>Publish, RetainPublish, Subscribe, Receive: the certificate's policies as they are now (a policy changed or
/// detached while connected applies to the next action; a certificate made INACTIVE or REVOKED is refused from its
/// next action on).</item>
/// </list>
/// </summary>
public sealed class RegistryAuthority(LocalRegistry registry, X509Certificate2 ca) : IBrokerAuthority
{
    /// <inheritdoc/>
    public bool TrustsCertificate(X509Certificate2 certificate, out string explanation)
    {
        if (CaChain.IsIssuedBy(certificate, ca, out explanation))
        {
            return true;
        }

        string id = LocalRegistry.CertificateId(certificate);
        if (registry.Certificate(id) is { RegisteredWithoutCa: true })
        {
            explanation = "";
            return true;
        }

        explanation = "certificate " + id + " (" + certificate.Subject + ") is not issued by the local CA and not registered without a CA: "
            + explanation + ". Register it: nanothing register --local --thing <name>";
        return false;
    }

    /// <inheritdoc/>
    public ConnectDecision AuthorizeConnect(X509Certificate2 certificate, string clientId)
    {
        string id = LocalRegistry.CertificateId(certificate);
        var record = registry.Certificate(id);
        if (record is null)
        {
            return new(null, "certificate " + id + " is not registered (nanothing local provision, or nanothing register --local)");
        }

        if (record.Status != CertificateStatus.Active)
        {
            return new(null, "certificate " + id + " is " + record.Status.ToString().ToUpperInvariant() + ", only ACTIVE certificates connect");
        }

        string commonName = certificate.GetNameInfo(X509NameType.SimpleName, false);
        string? thing = registry.ThingsOf(id).Contains(clientId, StringComparer.Ordinal) ? clientId : null;
        var identity = new ClientIdentity(clientId, id, commonName, thing);
        var decision = Decide(identity, IotActions.Connect, IotArn.Client(clientId));
        return decision.Allowed ? new(identity, decision.Explanation) : new(null, decision.Explanation);
    }

    /// <inheritdoc/>
    public AccessDecision Authorize(ClientIdentity identity, BrokerAction action, string resource)
    {
        if (registry.Certificate(identity.CertificateId) is not { Status: CertificateStatus.Active })
        {
            return new(false, "certificate " + identity.CertificateId + " is no longer ACTIVE");
        }

        return action switch
        {
            BrokerAction.Publish => Decide(identity, IotActions.Publish, IotArn.Topic(resource)),
            BrokerAction.RetainPublish => Decide(identity, IotActions.RetainPublish, IotArn.Topic(resource)),
            BrokerAction.Subscribe => Decide(identity, IotActions.Subscribe, IotArn.TopicFilter(resource)),
            _ => Decide(identity, IotActions.Receive, IotArn.Topic(resource)),
        };
    }

    private AccessDecision Decide(ClientIdentity identity, string action, string resource)
    {
        var policies = registry.PoliciesOf(identity.CertificateId);
        var thing = identity.ThingName is { } name ? registry.Thing(name) : null;
        var context = new AuthorizationContext(identity.ClientId, identity.CertificateId, identity.CommonName, thing?.Name, thing?.Attributes);
        var decision = PolicyEngine.Authorize(policies, new AuthorizationRequest(action, resource), context);
        return new(decision.Allowed, decision.Explanation); // names the action, resource, policy and statement that decided

    }
}
