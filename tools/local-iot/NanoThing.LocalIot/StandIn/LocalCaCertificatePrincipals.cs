using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using NanoThing.LocalIot.DataPlane.Auth;
using NanoThing.LocalIot.Pki;
using NanoThing.LocalIot.Policies;

namespace NanoThing.LocalIot.StandIn;

/// <summary>
/// The data plane's device mode for a stand-in without a registry, with the same rules as <see cref="LocalCaAuthority"/>
/// on MQTT: every certificate of the local CA is known; a CN that is a thing name gets a policy for its own shadows
/// (every shadow action on <c>thing/&lt;CN&gt;</c> and its named shadows, <c>iot:Publish</c> on its own shadow topics);
/// any other CN (an application identity) gets every data-plane action. Evaluated by the policy engine like any policy.
/// </summary>
public sealed class LocalCaCertificatePrincipals(X509Certificate2 ca) : ICertificatePrincipals
{
    private const string ApplicationPolicy = """
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iot:GetThingShadow","iot:UpdateThingShadow","iot:DeleteThingShadow","iot:ListNamedShadowsForThing","iot:Publish","iot:RetainPublish"],"Resource":"*"}]}
        """;

    private const string ThingPolicy = """
        {"Version":"2012-10-17","Statement":[
          {"Effect":"Allow","Action":["iot:GetThingShadow","iot:UpdateThingShadow","iot:DeleteThingShadow"],"Resource":["arn:aws:iot:*:*:thing/THING","arn:aws:iot:*:*:thing/THING/*"]},
          {"Effect":"Allow","Action":"iot:ListNamedShadowsForThing","Resource":"arn:aws:iot:*:*:thing/THING"},
          {"Effect":"Allow","Action":"iot:Publish","Resource":"arn:aws:iot:*:*:topic/$aws/things/THING/shadow/*"}]}
        """;

    /// <inheritdoc/>
    public bool Trusts(X509Certificate2 certificate, out string explanation) => CaChain.IsIssuedBy(certificate, ca, out explanation);

    /// <inheritdoc/>
    public DataPlanePrincipal? Resolve(X509Certificate2 certificate, out string explanation)
    {
        if (!Trusts(certificate, out explanation))
        {
            return null;
        }

        string commonName = certificate.GetNameInfo(X509NameType.SimpleName, false);
        string id = Convert.ToHexStringLower(SHA256.HashData(certificate.RawData));
        bool thing = ThingName.Validate(commonName) is null;
        var parsed = thing
            ? IotPolicy.Parse("nanothing-local-thing-" + commonName, ThingPolicy.Replace("THING", commonName, StringComparison.Ordinal))
            : IotPolicy.Parse("nanothing-local-application", ApplicationPolicy);
        explanation = "";
        return new DataPlanePrincipal(id, (thing ? "thing " : "application identity ") + commonName + " (certificate " + id[..12] + "…)", [parsed.Policy!],
            new AuthorizationContext("", id, commonName, null, null));
    }
}
