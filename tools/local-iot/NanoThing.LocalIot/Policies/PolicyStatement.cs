namespace NanoThing.LocalIot.Policies;

/// <summary>
/// One statement of a policy: <c>Effect</c>, <c>Action</c> or <c>NotAction</c>, <c>Resource</c> or
/// <c>NotResource</c>, optional <c>Condition</c> (IAM's grammar, reference_policies_grammar.html; AWS IoT's own
/// examples use NotResource, pub-sub-policy.html).
/// </summary>
public sealed class PolicyStatement
{
    private readonly IReadOnlyList<PolicyPattern> actions;
    private readonly IReadOnlyList<ArnPattern> resources;
    private readonly IReadOnlyList<PolicyCondition> conditions;

    internal PolicyStatement(string? sid, PolicyEffect effect, IReadOnlyList<PolicyPattern> actions, bool notAction,
        IReadOnlyList<ArnPattern> resources, bool notResource, IReadOnlyList<PolicyCondition> conditions)
    {
        Sid = sid;
        Effect = effect;
        this.actions = actions;
        IsNotAction = notAction;
        this.resources = resources;
        IsNotResource = notResource;
        this.conditions = conditions;
    }

    /// <summary>The statement's <c>Sid</c>, or null.</summary>
    public string? Sid { get; }

    /// <summary>Allow or Deny.</summary>
    public PolicyEffect Effect { get; }

    /// <summary>True when the actions are given as <c>NotAction</c> (the statement applies to every other action).</summary>
    public bool IsNotAction { get; }

    /// <summary>True when the resources are given as <c>NotResource</c> (the statement applies to every other resource).</summary>
    public bool IsNotResource { get; }

    /// <summary>The action patterns as written.</summary>
    public IEnumerable<string> Actions => actions.Select(action => action.Text);

    /// <summary>The resource patterns as written.</summary>
    public IEnumerable<string> Resources => resources.Select(resource => resource.Text);

    /// <summary>
    /// True when the statement applies to <paramref name="request"/>: the action matches (or, with NotAction, matches
    /// none), the resource matches (or, with NotResource, matches none) and every condition holds. A resource pattern
    /// whose variable is undefined matches nothing; with NotResource the statement then does not apply at all (IAM:
    /// an unresolvable variable "might cause the entire statement to be invalid", reference_policies_variables.html).
    /// </summary>
    internal bool Applies(AuthorizationRequest request, PolicyVariables variables)
    {
        bool actionListed = actions.Any(action => action.Matches(request.Action, variables, ignoreCase: true));
        if (actionListed == IsNotAction) return false;

        if (IsNotResource)
        {
            foreach (var resource in resources)
            {
                if (!resource.CanResolve(variables) || resource.Matches(request.Resource, variables)) return false;
            }
        }
        else if (!resources.Any(resource => resource.Matches(request.Resource, variables)))
        {
            return false;
        }

        return conditions.All(condition => condition.Holds(variables));
    }
}
