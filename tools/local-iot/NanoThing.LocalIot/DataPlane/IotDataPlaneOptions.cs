using System.Net;
using System.Security.Cryptography.X509Certificates;
using NanoThing.LocalIot.DataPlane.Auth;
using NanoThing.LocalIot.Shadows;

namespace NanoThing.LocalIot.DataPlane;

/// <summary>What the data plane serves, where, and who may use it.</summary>
/// <param name="Port">TCP port on <see cref="Address"/> (0: any free port, see <see cref="IotDataPlane.Port"/>). AWS serves
/// the data plane with client certificates on 8443 (protocols.html); the stand-in's default is the same.</param>
/// <param name="ServerCertificate">The TLS server certificate with its private key (from the local CA, valid for
/// 127.0.0.1 and localhost).</param>
/// <param name="Shadows">The one shadow engine, shared with MQTT: every shadow operation goes through it.</param>
/// <param name="Publisher">The broker of the same process: shadow notifications and Publish go there.</param>
/// <param name="Authenticator">Who sent a request (SigV4 or client certificate).</param>
public sealed record IotDataPlaneOptions(
    int Port,
    X509Certificate2 ServerCertificate,
    ShadowCommitter Shadows,
    IMessagePublisher Publisher,
    IRequestAuthenticator Authenticator)
{
    /// <summary>The default port, AWS's port for the data plane with client certificates.</summary>
    public const int DefaultPort = 8443;

    /// <summary>Largest request body: AWS IoT's 128 KB message limit (aws-iot.md §2.3); larger gets 413.</summary>
    public const int MaxBodyBytes = 128 * 1024;

    /// <summary>Where to listen: loopback only.</summary>
    public IPAddress Address { get; init; } = IPAddress.Loopback;

    /// <summary>Decides in the TLS handshake whether a presented client certificate may open a connection at all (AWS
    /// aborts the handshake for a certificate it does not know); null accepts any and leaves it to the authenticator.</summary>
    public Func<X509Certificate2, bool>? AcceptClientCertificate { get; init; }

    /// <summary>Receives every log line (refusals as JSON); default none.</summary>
    public Action<string>? Log { get; init; }

    /// <summary>Clock for timestamps in answers and logs.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
