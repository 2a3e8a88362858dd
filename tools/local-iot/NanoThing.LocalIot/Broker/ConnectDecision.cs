namespace NanoThing.LocalIot.Broker;

/// <summary>The answer to a CONNECT: the identity of the accepted connection, or null and why it was refused.</summary>
/// <param name="Identity">Set when the connection is accepted.</param>
/// <param name="Explanation">What decided (certificate status, policy statement), for the log.</param>
public sealed record ConnectDecision(ClientIdentity? Identity, string Explanation)
{
    /// <summary>True when the connection is accepted.</summary>
    public bool Accepted => Identity is not null;
}
