using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using NanoThing.LocalIot.Pki;

namespace NanoThing.LocalIot.Registry;

/// <summary>
/// What <c>nanothing local provision</c> does in the registry, in AWS's order: a thing with a certificate from the local
/// CA, registered ACTIVE, its policy created and attached, the certificate attached to the thing; or an application
/// identity (a console, a backend, a test) with its own policy and no thing.
/// </summary>
public static class LocalProvisioning
{
    /// <summary>
    /// The default policy of an application identity <paramref name="name"/>: connect as <paramref name="name"/>, publish
    /// to every thing's shadow topics (classic and named), subscribe to and receive every topic, like a backend.
    /// </summary>
    public static string ApplicationPolicy(string name)
    {
        const string arn = "arn:aws:iot:*:*:";
        var statements = new JsonArray
        {
            Statement("iot:Connect", arn + "client/" + name),
            Statement("iot:Publish", arn + "topic/$aws/things/*/shadow/*"),
            Statement("iot:Subscribe", arn + "topicfilter/*"),
            Statement("iot:Receive", arn + "topic/*"),
        };
        return Document(statements);
    }

    private static JsonObject Statement(string action, string resource) => new() { ["Effect"] = "Allow", ["Action"] = action, ["Resource"] = resource };

    private static string Document(JsonArray statements) =>
        new JsonObject { ["Version"] = "2012-10-17", ["Statement"] = statements }.ToJsonString(new() { WriteIndented = true });

    /// <summary>Name of <see cref="ThingShadowsPolicy"/> in the registry.</summary>
    public const string ThingShadowsPolicyName = "NanoThingAllShadowTopics";

    /// <summary>
    /// A broader thing policy than the least-privilege one <c>nanothing policy</c> writes: connect as the attached thing,
    /// publish, subscribe to and receive every topic of its own shadows (classic and named, requests and every reply,
    /// <c>/documents</c> included). For test clients and benchmarks that act as a thing and watch all its traffic.
    /// </summary>
    public static string ThingShadowsPolicy()
    {
        const string arn = "arn:aws:iot:*:*:";
        const string shadows = "$aws/things/${iot:Connection.Thing.ThingName}/shadow/*";
        var statements = new JsonArray
        {
            Statement("iot:Connect", arn + "client/${iot:Connection.Thing.ThingName}"),
            Statement("iot:Publish", arn + "topic/" + shadows),
            Statement("iot:Subscribe", arn + "topicfilter/" + shadows),
            Statement("iot:Receive", arn + "topic/" + shadows),
        };
        return Document(statements);
    }

    /// <summary>The policy name an application identity's default policy gets.</summary>
    public static string ApplicationPolicyName(string name) => "NanoThingApplication-" + name;

    /// <summary>Issues a certificate for <paramref name="thing"/> and registers thing, certificate and policy, all attached.</summary>
    public static bool TryProvisionThing(LocalCa ca, LocalRegistry registry, string thing, string policyName, string policyDocument,
        [NotNullWhen(true)] out ClientCredentials? credentials, out string error)
    {
        if (!ca.TryIssueThingCertificate(thing, out credentials, out error))
        {
            return false;
        }

        error = registry.CreateThing(thing) ?? Register(registry, credentials, policyName, policyDocument, out string id) ?? registry.AttachThingPrincipal(thing, id) ?? "";
        return error.Length == 0;
    }

    /// <summary>Issues a certificate for application <paramref name="name"/> and registers it with its policy attached.</summary>
    public static bool TryProvisionApplication(LocalCa ca, LocalRegistry registry, string name, string policyName, string policyDocument,
        [NotNullWhen(true)] out ClientCredentials? credentials, out string error)
    {
        if (!ca.TryIssueApplicationCertificate(name, out credentials, out error))
        {
            return false;
        }

        error = Register(registry, credentials, policyName, policyDocument, out _) ?? "";
        return error.Length == 0;
    }

    private static string? Register(LocalRegistry registry, ClientCredentials credentials, string policyName, string policyDocument, out string id)
    {
        id = "";
        return registry.RegisterCertificate(credentials.CertificatePem, withoutCa: false, CertificateStatus.Active, out id)
            ?? registry.CreatePolicy(policyName, policyDocument, replace: true)
            ?? registry.AttachPolicy(policyName, id);
    }
}
