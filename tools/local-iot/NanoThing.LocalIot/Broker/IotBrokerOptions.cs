using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace NanoThing.LocalIot.Broker;

/// <summary>How the broker listens and whom it asks.</summary>
/// <param name="Port">TLS port on <see cref="Address"/> (0 is not allowed: pick one, e.g. with <see cref="FreePort"/>).</param>
/// <param name="ServerCertificate">The broker's certificate with its private key (the local CA's server certificate).</param>
/// <param name="Authority">Certificates, connects and actions (registry + policies).</param>
public sealed record IotBrokerOptions(int Port, X509Certificate2 ServerCertificate, IBrokerAuthority Authority)
{
    /// <summary>Listening address; loopback by default (the stand-in is for this machine only).</summary>
    public IPAddress Address { get; init; } = IPAddress.Loopback;

    /// <summary>Services inside the broker (the Device Shadow service); the first that handles a topic answers it.</summary>
    public IReadOnlyList<IBrokerService> Services { get; init; } = [];

    /// <summary>Receives every log line (connections, refusals as AWS AuthorizationFailure JSON); default none.</summary>
    public Action<string>? Log { get; init; }

    /// <summary>Clock for log and lifecycle-event timestamps and session expiry.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>How long a persistent session (cleanSession=0) outlives its connection: AWS's default is 1 hour
    /// (reference aws-iot.md §2.5).</summary>
    public TimeSpan SessionExpiry { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Folder where persistent sessions and retained messages are kept across restarts (<c>sessions.json</c>,
    /// <c>retained.json</c>; <see cref="Sessions.SessionPersistence"/>, <see cref="Sessions.RetainedPersistence"/>); null (the default) keeps them in memory only.</summary>
    public string? SessionFolder { get; init; }
}
