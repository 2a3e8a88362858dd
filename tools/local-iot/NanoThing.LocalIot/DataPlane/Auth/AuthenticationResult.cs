namespace NanoThing.LocalIot.DataPlane.Auth;

/// <summary>The outcome of <see cref="IRequestAuthenticator.Authenticate"/>: exactly one of the two is set.</summary>
/// <param name="Principal">Who sent the request.</param>
/// <param name="Refusal">The error to answer (AWS's status and error code), with a message that says what to fix.</param>
/// <param name="Reason">Why it was refused, for the log (may say more than the answer, never a secret).</param>
public sealed record AuthenticationResult(DataPlanePrincipal? Principal, IotDataError? Refusal, string Reason)
{
    /// <summary>An authenticated request.</summary>
    public static AuthenticationResult Authenticated(DataPlanePrincipal principal) => new(principal, null, "");

    /// <summary>A refused request.</summary>
    public static AuthenticationResult Refused(IotDataError error, string reason) => new(null, error, reason);
}
