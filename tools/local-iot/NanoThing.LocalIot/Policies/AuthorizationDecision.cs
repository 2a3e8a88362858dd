namespace NanoThing.LocalIot.Policies;

/// <summary>
/// What <see cref="PolicyEngine.Authorize"/> decided and why, in the terms of AWS IoT's AUTHORIZATION_FAILURE log.
/// </summary>
/// <param name="Allowed">True only when some statement allows the request and none denies it.</param>
/// <param name="PolicyName">The policy whose statement decided: the denying one, or the first allowing one; null for
/// the default deny (no statement matched).</param>
/// <param name="StatementIndex">Zero-based index of that statement in its policy's <c>Statement</c> list; null with
/// <paramref name="PolicyName"/>.</param>
/// <param name="Explanation">One sentence for the log, e.g. "iot:Publish on arn:… denied by statement 2 of policy P" or
/// "no statement of P, Q allows iot:Publish on arn:…".</param>
public sealed record AuthorizationDecision(bool Allowed, string? PolicyName, int? StatementIndex, string Explanation);
