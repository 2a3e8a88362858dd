using System.Security.Cryptography.X509Certificates;

namespace NanoThing.LocalIot.Broker;

/// <summary>
/// Decides, as AWS IoT Core does, which client certificates may open a TLS session, which CONNECTs are accepted and
/// which publish, subscribe and receive actions are allowed. Called on the broker's connection threads: implementations
/// are thread-safe and do not block on anything but local memory (a registry read from disk is cached).
/// </summary>
public interface IBrokerAuthority
{
    /// <summary>TLS handshake: true when the certificate chains to a CA the broker trusts or is itself registered.
    /// False aborts the handshake (no CONNACK), as AWS does for an unknown certificate.</summary>
    bool TrustsCertificate(X509Certificate2 certificate, out string explanation);

    /// <summary>CONNECT: the identity when the certificate is active and <c>iot:Connect</c> allows the client id.</summary>
    ConnectDecision AuthorizeConnect(X509Certificate2 certificate, string clientId);

    /// <summary>Publish, subscribe or receive: <paramref name="resource"/> is the topic (or the topic filter for Subscribe).</summary>
    AccessDecision Authorize(ClientIdentity identity, BrokerAction action, string resource);
}
