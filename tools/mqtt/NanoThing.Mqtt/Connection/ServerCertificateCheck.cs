using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace NanoThing.Mqtt.Connection;

/// <summary>
/// Accepts the server certificate only when .NET found no error: the chain ends at one of the given CAs
/// (custom root trust) and the name matches the host. Remembers a sentence describing a refusal.
/// </summary>
internal sealed class ServerCertificateCheck(TlsSettings tls)
{
    public string? Failure { get; private set; }

    public bool Check(MqttConnectOptions options, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None) return true;
        var chainProblems = chain?.ChainStatus.Select(s => s.Status.ToString()).Distinct() ?? [];
        string subject = certificate?.Subject ?? "(none)";
        Failure = "The server certificate of " + options.Endpoint + " (" + subject + ") was refused: " + errors
            + (chainProblems.Any() ? " (" + string.Join(", ", chainProblems) + ")" : "")
            + ". This client trusts only the CA certificates from " + tls.TrustSource
            + (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) ? " and expects the name '" + (options.ServerName ?? options.Host) + "'" : "")
            + "; check that you use the right CA file and endpoint.";
        return false;
    }
}
