namespace NanoThing.LocalIot.DataPlane.Auth;

/// <summary>
/// Decides who sent a data-plane request (SigV4 with the stand-in's credentials, or a client certificate, as AWS IoT's
/// data endpoint accepts both). Called on Kestrel's threads for every request: thread-safe, no blocking I/O.
/// </summary>
public interface IRequestAuthenticator
{
    /// <summary>The principal of <paramref name="request"/>, or the refusal AWS would answer. Never throws for any input.</summary>
    AuthenticationResult Authenticate(DataPlaneRequest request);
}
