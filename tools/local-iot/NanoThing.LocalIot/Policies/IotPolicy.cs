namespace NanoThing.LocalIot.Policies;

/// <summary>
/// A named AWS IoT policy document, parsed and checked once (iot-policies.html: IAM's grammar, JSON with
/// <c>Version</c> and <c>Statement</c>). Immutable; evaluate it with <see cref="PolicyEngine.Authorize"/>.
/// </summary>
public sealed class IotPolicy
{
    /// <summary>AWS's limit on a policy document, counting every character except whitespace (iot quotas page).</summary>
    public const int MaxCharacters = 2048;

    internal IotPolicy(string name, string version, IReadOnlyList<PolicyStatement> statements)
    {
        Name = name;
        Version = version;
        Statements = statements;
    }

    /// <summary>The policy's name (as in CreatePolicy); names it in decisions and logs.</summary>
    public string Name { get; }

    /// <summary>The document's <c>Version</c>: "2012-10-17" (policy variables substituted) or "2008-10-17" (IAM's default
    /// when absent; <c>${…}</c> is then literal text).</summary>
    public string Version { get; }

    /// <summary>The statements in document order; a decision's <see cref="AuthorizationDecision.StatementIndex"/> indexes this list.</summary>
    public IReadOnlyList<PolicyStatement> Statements { get; }

    /// <summary>
    /// Parses <paramref name="json"/> as the policy named <paramref name="policyName"/>. Never throws: malformed JSON,
    /// a document over <see cref="MaxCharacters"/>, an unknown field, a wrong type, or a condition the stand-in cannot
    /// evaluate give a <see cref="PolicyParseResult"/> whose <c>Error</c> says what and where.
    /// </summary>
    public static PolicyParseResult Parse(string policyName, string json) => PolicyDocumentReader.Read(policyName, json);

    /// <summary>The size AWS counts against <see cref="MaxCharacters"/>: all characters except whitespace.</summary>
    public static int CountedCharacters(string document)
    {
        int count = 0;
        foreach (char c in document)
        {
            if (!char.IsWhiteSpace(c)) count++;
        }

        return count;
    }
}
