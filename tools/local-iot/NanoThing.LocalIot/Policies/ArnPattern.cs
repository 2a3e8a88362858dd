namespace NanoThing.LocalIot.Policies;

/// <summary>
/// A <c>Resource</c> entry: <c>*</c>, or an ARN pattern <c>arn:partition:service:region:account:resource</c> whose six
/// parts are matched separately, so a wildcard never spans a ':' between parts (IAM: "You can use wildcards as part of
/// the ARN segments", reference_policies_elements_resource.html) and a topic containing ':' cannot satisfy a pattern
/// written for another topic. The region and account parts are not compared: the stand-in is one account in one
/// region and stands in for whichever the policy was written for, so a policy copied from a real account (with its
/// own region and account id, or <c>*</c> as <c>nanothing policy</c> writes) decides as it does there. (On AWS a policy
/// naming another account or region matches nothing; that mistake is not reproduced here.)
/// </summary>
internal sealed class ArnPattern
{
    private const int Parts = 6;
    private const int RegionPart = 3;
    private const int AccountPart = 4;
    private readonly IReadOnlyList<PolicyPattern>? parts;
    private readonly PolicyPattern whole;

    private ArnPattern(PolicyPattern whole, IReadOnlyList<PolicyPattern>? parts)
    {
        this.whole = whole;
        this.parts = parts;
    }

    public string Text => whole.Text;

    /// <summary>Parses one Resource entry; false with a clause saying what is wrong.</summary>
    public static bool TryParse(string text, bool variables, out ArnPattern arn, out string? error)
    {
        arn = null!;
        if (!PolicyPattern.TryParse(text, variables, out var pattern, out error)) return false;
        if (pattern.IsMatchAll)
        {
            arn = new ArnPattern(pattern, null);
            return true;
        }

        var split = pattern.Split(':', Parts - 1);
        if (split.Count != Parts || split[0].Text != "arn")
        {
            error = "\"" + text + "\" is not an ARN; write \"*\" or arn:aws:iot:<region>:<account>:<client|topic|topicfilter|thing>/<name>, e.g. arn:aws:iot:*:*:topic/my/topic";
            return false;
        }

        arn = new ArnPattern(pattern, split);
        return true;
    }

    /// <summary>True when <paramref name="resource"/> (a full ARN) matches, after substituting variables.</summary>
    public bool Matches(string resource, PolicyVariables variables)
    {
        if (parts is null) return true;
        var actual = resource.Split(':', Parts);
        if (actual.Length != Parts) return false;
        for (int i = 0; i < Parts; i++)
        {
            if (i is RegionPart or AccountPart) continue;
            if (!parts[i].Matches(actual[i], variables, ignoreCase: false)) return false;
        }

        return true;
    }

    /// <summary>False when a variable of the pattern is undefined for this caller.</summary>
    public bool CanResolve(PolicyVariables variables) => whole.Resolve(variables) is not null;
}
