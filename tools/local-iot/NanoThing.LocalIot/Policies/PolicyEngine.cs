namespace NanoThing.LocalIot.Policies;

/// <summary>
/// AWS IoT's authorization decision (iot-policies.html, IAM's evaluation logic): every request is denied by default;
/// a statement of any attached policy that matches the action, the resource (after policy variables are substituted)
/// and its conditions allows it; an explicit Deny in any policy overrides every Allow. Pure and thread-safe.
/// </summary>
public static class PolicyEngine
{
    /// <summary>
    /// Decides <paramref name="request"/> made by <paramref name="context"/> under all of <paramref name="policies"/>
    /// (those attached to the principal). Never throws for any parsed policy and any request.
    /// </summary>
    public static AuthorizationDecision Authorize(IReadOnlyList<IotPolicy> policies, AuthorizationRequest request, AuthorizationContext context)
    {
        var variables = new PolicyVariables(context);
        (IotPolicy Policy, int Index)? allow = null;
        foreach (var policy in policies)
        {
            for (int index = 0; index < policy.Statements.Count; index++)
            {
                var statement = policy.Statements[index];
                if (!statement.Applies(request, variables))
                {
                    continue;
                }

                if (statement.Effect == PolicyEffect.Deny)
                {
                    return new AuthorizationDecision(false, policy.Name, index,
                        Describe(request) + " denied by statement " + index + " of policy " + policy.Name + " (explicit Deny)");
                }

                allow ??= (policy, index);
            }
        }

        if (allow is { } found)
        {
            return new AuthorizationDecision(true, found.Policy.Name, found.Index,
                Describe(request) + " allowed by statement " + found.Index + " of policy " + found.Policy.Name);
        }

        string names = policies.Count == 0 ? "" : string.Join(", ", policies.Select(policy => policy.Name));
        return new AuthorizationDecision(false, null, null, policies.Count == 0
            ? "no policy is attached, so nothing allows " + Describe(request) + " (default deny)"
            : "no statement of " + names + " allows " + Describe(request) + " (default deny)");
    }

    private static string Describe(AuthorizationRequest request) => request.Action + " on " + request.Resource;
}
