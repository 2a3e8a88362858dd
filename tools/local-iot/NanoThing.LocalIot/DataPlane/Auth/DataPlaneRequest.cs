using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace NanoThing.LocalIot.DataPlane.Auth;

/// <summary>
/// What an authenticator sees of one HTTPS request: exactly what arrived, so a SigV4 signature can be recomputed
/// (method, raw request target, every header as received, the body bytes) plus the TLS client certificate.
/// </summary>
/// <param name="Method">The HTTP method, upper case.</param>
/// <param name="RawTarget">The request target exactly as sent (path and query, still percent-encoded).</param>
/// <param name="Headers">Every header as received (name as sent, value as sent); a repeated header appears once per value.</param>
/// <param name="Body">The whole body (empty when none).</param>
/// <param name="ClientCertificate">The certificate the client presented in the TLS handshake, or null.</param>
/// <param name="RemoteEndPoint">The client's address, or null.</param>
public sealed record DataPlaneRequest(
    string Method,
    string RawTarget,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    ReadOnlyMemory<byte> Body,
    X509Certificate2? ClientCertificate,
    IPEndPoint? RemoteEndPoint)
{
    /// <summary>The first value of header <paramref name="name"/> (case-insensitive), or null.</summary>
    public string? Header(string name)
    {
        foreach (var (key, value) in Headers)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }
}
