using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using NanoThing.LocalIot.Broker;
using NanoThing.LocalIot.Pki;
using NanoThing.LocalIot.Shadows;

namespace NanoThing.LocalIot.StandIn;

/// <summary>
/// The authority of a stand-in without a registry: every certificate of the local CA, client id = certificate CN. A CN
/// that is a thing name gets the least-privilege shadow policy (its own shadows' requests, every topic of its own
/// shadows); any other CN (an application identity, e.g. <see cref="LocalCa.ShadowServiceIdentity"/>) gets everything.
/// </summary>
public sealed class LocalCaAuthority(X509Certificate2 ca) : IBrokerAuthority
{
    /// <inheritdoc/>
    public bool TrustsCertificate(X509Certificate2 certificate, out string explanation) => CaChain.IsIssuedBy(certificate, ca, out explanation);

    /// <inheritdoc/>
    public ConnectDecision AuthorizeConnect(X509Certificate2 certificate, string clientId)
    {
        string commonName = certificate.GetNameInfo(X509NameType.SimpleName, false);
        string id = Convert.ToHexStringLower(SHA256.HashData(certificate.RawData));
        if (clientId != commonName)
        {
            return new(null, "iot:Connect denied: client id '" + clientId + "' is not the certificate's CN '" + commonName + "'");
        }

        return new(new ClientIdentity(clientId, id, commonName, ThingName.Validate(commonName) is null ? commonName : null), "client id equals the certificate's CN");
    }

    /// <inheritdoc/>
    public AccessDecision Authorize(ClientIdentity identity, BrokerAction action, string resource)
    {
        if (identity.ThingName is not { } thing)
        {
            return new(true, "application identity " + identity.CommonName);
        }

        string own = "$aws/things/" + thing + "/shadow/";
        bool allowed = action switch
        {
            BrokerAction.Publish => ShadowTopics.TryParseRequest(resource, out var id, out _) && id.ThingName == thing,
            BrokerAction.Subscribe or BrokerAction.Receive => resource.StartsWith(own, StringComparison.Ordinal),
            _ => false,
        };
        return new(allowed, allowed ? "thing " + thing + " on its own shadow topics" : "thing " + thing + " may use only its own shadow topics (" + own + "...)");
    }
}
