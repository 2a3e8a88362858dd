using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using NanoThing.LocalIot.Broker;
using NanoThing.LocalIot.Registry;
using NanoThing.LocalIot.Tests.Shadows;

namespace NanoThing.LocalIot.Tests.Registry;

/// <summary>
/// The authority caches publish/subscribe/receive decisions; a cached decision must be the one a fresh evaluation gives,
/// and a change to a policy, an attachment or a certificate's status, made through this registry or by another process
/// (another instance on the same folder, as the CLI is), must apply from the next action on.
/// </summary>
[TestClass]
public sealed class RegistryAuthorityCacheTests
{
    private const string Arn = "arn:aws:iot:*:*:";
    private const string Thing = "cache-thing";

    private static LocalRegistry Open(TempFolder folder)
    {
        Assert.IsTrue(LocalRegistry.TryOpen(folder.Path, out var registry, out var error), error);
        return registry;
    }

    private static string Policy(string effect, params (string Action, string Resource)[] statements) => new JsonObject
    {
        ["Version"] = "2012-10-17",
        ["Statement"] = new JsonArray(statements.Select(s => (JsonNode)new JsonObject { ["Effect"] = effect, ["Action"] = s.Action, ["Resource"] = s.Resource }).ToArray()),
    }.ToJsonString();

    private static string ThingPolicy() => Policy("Allow",
        ("iot:Connect", Arn + "client/${iot:Connection.Thing.ThingName}"),
        ("iot:Publish", Arn + "topic/$aws/things/${iot:Connection.Thing.ThingName}/shadow/*"),
        ("iot:Subscribe", Arn + "topicfilter/$aws/things/${iot:Connection.Thing.ThingName}/shadow/*"),
        ("iot:Receive", Arn + "topic/$aws/things/${iot:Connection.Thing.ThingName}/shadow/*"));

    /// <summary>A thing with a registered certificate and <see cref="ThingPolicy"/> attached; the identity it connects with.</summary>
    private static (RegistryAuthority Authority, ClientIdentity Identity, X509Certificate2 Ca) Provision(LocalRegistry registry)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var certificate = new CertificateRequest("CN=" + Thing, key, HashAlgorithmName.SHA256).CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        Assert.IsNull(registry.RegisterCertificate(certificate.ExportCertificatePem(), withoutCa: true, CertificateStatus.Active, out string id));
        Assert.IsNull(registry.CreateThing(Thing));
        Assert.IsNull(registry.AttachThingPrincipal(Thing, id));
        Assert.IsNull(registry.CreatePolicy("thing-policy", ThingPolicy()));
        Assert.IsNull(registry.AttachPolicy("thing-policy", id));
        var authority = new RegistryAuthority(registry, certificate);
        var connect = authority.AuthorizeConnect(certificate, Thing);
        Assert.IsTrue(connect.Accepted, connect.Explanation);
        return (authority, connect.Identity!, certificate);
    }

    private static readonly (BrokerAction Action, string Resource)[] Requests =
    [
        (BrokerAction.Publish, "$aws/things/cache-thing/shadow/update"),
        (BrokerAction.Publish, "$aws/things/other-thing/shadow/update"),
        (BrokerAction.RetainPublish, "$aws/things/cache-thing/shadow/update"),
        (BrokerAction.Subscribe, "$aws/things/cache-thing/shadow/update/accepted"),
        (BrokerAction.Subscribe, "$aws/things/+/shadow/update/accepted"),
        (BrokerAction.Receive, "$aws/things/cache-thing/shadow/update/delta"),
        (BrokerAction.Receive, "sensors/kitchen"),
    ];

    [TestMethod]
    public void CachedDecisions_AreTheDecisionsAFreshEvaluationGives()
    {
        using var folder = new TempFolder();
        var registry = Open(folder);
        var (authority, identity, ca) = Provision(registry);
        var first = Requests.Select(r => authority.Authorize(identity, r.Action, r.Resource)).ToList();

        var again = Requests.Select(r => authority.Authorize(identity, r.Action, r.Resource)).ToList();
        var fresh = Requests.Select(r => new RegistryAuthority(Open(folder), ca).Authorize(identity, r.Action, r.Resource)).ToList();

        Assert.AreEqual(Requests.Length, authority.CachedDecisions, "each request's decision is kept");
        CollectionAssert.AreEqual(fresh, again, "a kept decision is the one a fresh evaluation gives (allowed and the sentence naming the statement)");
        CollectionAssert.AreEqual(first, again);
        CollectionAssert.AreEqual(new[] { true, false, false, true, false, true, false }, again.Select(d => d.Allowed).ToArray());
    }

    [TestMethod]
    public void PolicyReplacedByAnotherProcess_AppliesToTheNextPublish()
    {
        using var folder = new TempFolder();
        var (authority, identity, _) = Provision(Open(folder));
        const string topic = "$aws/things/cache-thing/shadow/update";
        Assert.IsTrue(authority.Authorize(identity, BrokerAction.Publish, topic).Allowed);

        Assert.IsNull(Open(folder).CreatePolicy("thing-policy", Policy("Allow", ("iot:Receive", Arn + "topic/*")), replace: true));

        var decision = authority.Authorize(identity, BrokerAction.Publish, topic);
        Assert.IsFalse(decision.Allowed, "the replaced policy no longer allows publishing");
        StringAssert.Contains(decision.Explanation, "default deny");
    }

    [TestMethod]
    public void PolicyWithExplicitDenyAttached_AppliesToTheNextAction()
    {
        using var folder = new TempFolder();
        var registry = Open(folder);
        var (authority, identity, _) = Provision(registry);
        const string filter = "$aws/things/cache-thing/shadow/update/accepted";
        Assert.IsTrue(authority.Authorize(identity, BrokerAction.Subscribe, filter).Allowed);

        Assert.IsNull(registry.CreatePolicy("deny-subscribe", Policy("Deny", ("iot:Subscribe", Arn + "topicfilter/*"))));
        Assert.IsNull(registry.AttachPolicy("deny-subscribe", identity.CertificateId));

        var decision = authority.Authorize(identity, BrokerAction.Subscribe, filter);
        Assert.IsFalse(decision.Allowed);
        StringAssert.Contains(decision.Explanation, "explicit Deny");
    }

    [TestMethod]
    public void DeniedDecision_IsNotKept_OnceAnAttachedPolicyAllowsIt()
    {
        using var folder = new TempFolder();
        var (authority, identity, _) = Provision(Open(folder));
        Assert.IsFalse(authority.Authorize(identity, BrokerAction.Receive, "sensors/kitchen").Allowed);

        var other = Open(folder);
        Assert.IsNull(other.CreatePolicy("sensors", Policy("Allow", ("iot:Receive", Arn + "topic/sensors/*"))));
        Assert.IsNull(other.AttachPolicy("sensors", identity.CertificateId));

        Assert.IsTrue(authority.Authorize(identity, BrokerAction.Receive, "sensors/kitchen").Allowed);
    }

    [TestMethod]
    [DataRow(CertificateStatus.Inactive)]
    [DataRow(CertificateStatus.Revoked)]
    public void CertificateNoLongerActive_IsRefusedFromTheNextAction(CertificateStatus status)
    {
        using var folder = new TempFolder();
        var (authority, identity, _) = Provision(Open(folder));
        const string topic = "$aws/things/cache-thing/shadow/update";
        Assert.IsTrue(authority.Authorize(identity, BrokerAction.Publish, topic).Allowed);

        Assert.IsNull(Open(folder).SetStatus(identity.CertificateId, status));

        var decision = authority.Authorize(identity, BrokerAction.Publish, topic);
        Assert.IsFalse(decision.Allowed);
        StringAssert.Contains(decision.Explanation, "no longer ACTIVE");
        if (status == CertificateStatus.Inactive)
        {
            Assert.IsNull(Open(folder).SetStatus(identity.CertificateId, CertificateStatus.Active));
            Assert.IsTrue(authority.Authorize(identity, BrokerAction.Publish, topic).Allowed, "made ACTIVE again, it publishes again");
        }
    }
}
