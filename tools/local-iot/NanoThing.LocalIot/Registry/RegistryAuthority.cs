using System.Collections.Concurrent;
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
/// Publish, RetainPublish, Subscribe and Receive decisions are cached per identity, action and resource for as long as
/// the registry's <see cref="LocalRegistry.Generation"/> stays the same: a decision depends on nothing else (the
/// identity's client id, certificate, CN and thing; the certificate's status and policies and the thing's attributes,
/// all in the registry; no condition key of these actions depends on time), so a cached decision is the one a fresh
/// evaluation gives, and any change to a policy, an attachment or a certificate's status, made here or by another
/// process, applies from the next action on, as before. Evaluating the policies per message (three registry reads,
/// the policy variables substituted and the ARNs split per statement) was 4 % of the stand-in's CPU at 1,000 things.
/// </summary>
public sealed class RegistryAuthority(LocalRegistry registry, X509Certificate2 ca) : IBrokerAuthority
{
    /// <summary>Decisions kept at most; past it, new decisions are evaluated each time (a bound for clients that publish to ever new topics).</summary>
    internal const int MaxCachedDecisions = 100_000;

    private readonly ConcurrentDictionary<(ClientIdentity Identity, BrokerAction Action, string Resource), (long Generation, AccessDecision Decision)> decisions = new();
    private long decisionsGeneration = long.MinValue;

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
        long generation = registry.Generation; // read before evaluating: a decision evaluated while the registry changes is kept under the older generation, never used again
        if (Interlocked.Exchange(ref decisionsGeneration, generation) != generation)
        {
            decisions.Clear(); // the registry changed: every cached decision may be stale
        }

        var key = (identity, action, resource);
        if (decisions.TryGetValue(key, out var cached) && cached.Generation == generation)
        {
            return cached.Decision;
        }

        var decision = Evaluate(identity, action, resource);
        if (decisions.Count < MaxCachedDecisions)
        {
            decisions[key] = (generation, decision);
        }

        return decision;
    }

    /// <summary>Cached decisions now (tests).</summary>
    internal int CachedDecisions => decisions.Count;

    private AccessDecision Evaluate(ClientIdentity identity, BrokerAction action, string resource)
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
