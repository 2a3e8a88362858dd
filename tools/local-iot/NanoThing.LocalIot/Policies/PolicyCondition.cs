using System.Net;

namespace NanoThing.LocalIot.Policies;

/// <summary>
/// One key under one operator of a <c>Condition</c> block, e.g. <c>"Bool": {"iot:Connection.Thing.IsAttached": "true"}</c>,
/// evaluated as IAM does (reference_policies_elements_condition_operators.html, reference_policies_multi-value-conditions.html):
/// the request's value matches if it matches any listed value; a negated operator (<c>StringNotEquals</c>,
/// <c>StringNotLike</c>, <c>NotIpAddress</c>) holds when it matches none; a key absent from the request makes the
/// condition false, except for negated operators, <c>…IfExists</c> and <c>ForAllValues:</c> (true) and <c>Null</c>.
/// </summary>
internal sealed class PolicyCondition
{
    private readonly ConditionOperator op;
    private readonly ConditionSet set;
    private readonly bool ifExists;
    private readonly string key;
    private readonly IReadOnlyList<PolicyPattern> values;

    private PolicyCondition(ConditionOperator op, ConditionSet set, bool ifExists, string key, IReadOnlyList<PolicyPattern> values)
    {
        this.op = op;
        this.set = set;
        this.ifExists = ifExists;
        this.key = key;
        this.values = values;
    }

    /// <summary>The operators the stand-in evaluates, without qualifier or IfExists.</summary>
    public const string Supported =
        "StringEquals, StringNotEquals, StringEqualsIgnoreCase, StringNotEqualsIgnoreCase, StringLike, StringNotLike, Bool, " +
        "IpAddress, NotIpAddress, Null (with ForAllValues:/ForAnyValue: and …IfExists)";

    /// <summary>
    /// Builds the condition for operator text <paramref name="operatorText"/> (e.g. "ForAllValues:StringEquals",
    /// "StringLikeIfExists") and key <paramref name="conditionKey"/>; false with a clause for an operator or key the
    /// stand-in cannot evaluate, or a value that does not fit the operator.
    /// </summary>
    public static bool TryCreate(string operatorText, string conditionKey, IReadOnlyList<string> valueTexts, bool variables,
        out PolicyCondition condition, out string? error)
    {
        condition = null!;
        string name = operatorText;
        var set = ConditionSet.Single;
        if (name.StartsWith("ForAllValues:", StringComparison.Ordinal)) { set = ConditionSet.ForAllValues; name = name["ForAllValues:".Length..]; }
        else if (name.StartsWith("ForAnyValue:", StringComparison.Ordinal)) { set = ConditionSet.ForAnyValue; name = name["ForAnyValue:".Length..]; }

        bool ifExists = name.EndsWith("IfExists", StringComparison.Ordinal) && name != "IfExists";
        if (ifExists) name = name[..^"IfExists".Length];
        if (!name.All(char.IsAsciiLetter) || !Enum.TryParse<ConditionOperator>(name, ignoreCase: false, out var op) || !Enum.IsDefined(op) || (ifExists && op == ConditionOperator.Null))
        {
            error = "the condition operator \"" + operatorText + "\" is not one the local stand-in evaluates (" + Supported +
                "); numeric, date, ARN and binary operators are refused rather than guessed";
            return false;
        }

        if (!ConditionKeys.IsKnown(conditionKey))
        {
            error = "the condition key \"" + conditionKey + "\" is not one the local stand-in can supply (iot:ConnectAttributes, aws:SourceIp, aws:SecureTransport, " + PolicyVariables.Known + ")";
            return false;
        }

        var patterns = new List<PolicyPattern>();
        foreach (string text in valueTexts)
        {
            if (op == ConditionOperator.Bool || op == ConditionOperator.Null)
            {
                if (!text.Equals("true", StringComparison.OrdinalIgnoreCase) && !text.Equals("false", StringComparison.OrdinalIgnoreCase))
                {
                    error = "the value \"" + text + "\" of " + operatorText + " must be \"true\" or \"false\"";
                    return false;
                }
            }
            else if ((op == ConditionOperator.IpAddress || op == ConditionOperator.NotIpAddress) && !IPNetwork.TryParse(text, out _) && !IPAddress.TryParse(text, out _))
            {
                error = "the value \"" + text + "\" of " + operatorText + " is not an IP address or CIDR range (e.g. \"192.0.2.0/24\")";
                return false;
            }

            if (!PolicyPattern.TryParse(text, variables, out var pattern, out error)) return false;
            patterns.Add(pattern);
        }

        condition = new PolicyCondition(op, set, ifExists, conditionKey, patterns);
        error = null;
        return true;
    }

    /// <summary>True when the condition holds for the caller behind <paramref name="variables"/>.</summary>
    public bool Holds(PolicyVariables variables)
    {
        var actual = variables.Values(key);
        bool present = actual is { Count: > 0 };
        if (op == ConditionOperator.Null)
        {
            // "true": the key must be absent; "false": present.
            return values.All(value => value.Text.Equals("true", StringComparison.OrdinalIgnoreCase) != present);
        }

        bool negated = op is ConditionOperator.StringNotEquals or ConditionOperator.StringNotEqualsIgnoreCase
            or ConditionOperator.StringNotLike or ConditionOperator.NotIpAddress;
        if (!present)
        {
            return set switch
            {
                ConditionSet.ForAllValues => true,
                ConditionSet.ForAnyValue => ifExists,
                _ => ifExists || negated,
            };
        }

        bool Fits(string value) => negated ? !MatchesAny(value, variables) : MatchesAny(value, variables);
        return set == ConditionSet.ForAnyValue ? actual!.Any(Fits) : actual!.All(Fits);
    }

    private bool MatchesAny(string actual, PolicyVariables variables)
    {
        foreach (var value in values)
        {
            if (Matches(actual, value, variables)) return true;
        }

        return false;
    }

    private bool Matches(string actual, PolicyPattern value, PolicyVariables variables)
    {
        switch (op)
        {
            case ConditionOperator.StringLike:
            case ConditionOperator.StringNotLike:
                return value.Matches(actual, variables, ignoreCase: false);
        }

        string? expected = value.Resolve(variables);
        if (expected is null) return false;
        return op switch
        {
            ConditionOperator.StringEquals or ConditionOperator.StringNotEquals => actual == expected,
            ConditionOperator.StringEqualsIgnoreCase or ConditionOperator.StringNotEqualsIgnoreCase or ConditionOperator.Bool =>
                actual.Equals(expected, StringComparison.OrdinalIgnoreCase),
            ConditionOperator.IpAddress or ConditionOperator.NotIpAddress => InRange(actual, expected),
            _ => false,
        };
    }

    private static bool InRange(string actual, string range)
    {
        if (!IPAddress.TryParse(actual, out var address)) return false;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPNetwork.TryParse(range, out var network)) return network.Contains(address);
        return IPAddress.TryParse(range, out var single) && single.Equals(address);
    }

    private enum ConditionOperator
    {
        StringEquals, StringNotEquals, StringEqualsIgnoreCase, StringNotEqualsIgnoreCase, StringLike, StringNotLike,
        Bool, IpAddress, NotIpAddress, Null,
    }

    private enum ConditionSet { Single, ForAllValues, ForAnyValue }
}
