namespace NanoThing.LocalIot.Policies;

/// <summary>A statement's <c>Effect</c>: <c>"Allow"</c> or <c>"Deny"</c> (spelled exactly so, as IAM requires).</summary>
public enum PolicyEffect
{
    /// <summary>Grants the matching requests unless some statement denies them.</summary>
    Allow,
    /// <summary>Refuses the matching requests whatever any other statement of any policy allows.</summary>
    Deny,
}
