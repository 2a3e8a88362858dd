using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace NanoThing.Mqtt.Connection;

/// <summary>
/// Accepts the server certificate only when .NET found no error: the chain ends at one of the given CAs
/// (custom root trust, set through MQTTnet's <c>TrustChain</c>) and the name matches the host. Remembers a sentence
/// describing a refusal.
/// </summary>
internal sealed class ServerCertificateCheck(MqttConnectOptions options)
{
    public string? Failure { get; private set; }

    /// <summary>True once a server certificate was accepted (the TLS handshake is then past the server's part).</summary>
    public bool Accepted { get; private set; }

    public bool Check(X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            Accepted = true;
            return true;
        }

        var chainProblems = chain?.ChainStatus.Select(s => s.Status.ToString()).Distinct().ToList() ?? [];
        string subject = certificate?.Subject ?? "(none)";
        Failure = "The server certificate of " + options.Endpoint + " (" + subject + ") was refused: " + errors
            + (chainProblems.Count > 0 ? " (" + string.Join(", ", chainProblems) + ")" : "")
            + ". This client trusts only the CA certificates from " + options.Tls.TrustSource
            + (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) ? " and expects the name '" + (options.ServerName ?? options.Host) + "'" : "")
            + "; check that you use the right CA file and endpoint.";
        return false;
    }
}
