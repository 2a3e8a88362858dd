namespace NanoThing.LocalIot.Policies;

/// <summary>
/// One string of a policy with IAM's wildcards and AWS IoT's policy variables, parsed once: <c>*</c> matches any
/// run of characters (including <c>/</c>; nothing else is special, MQTT's <c>+</c> and <c>#</c> are plain characters),
/// <c>?</c> exactly one character, <c>${name}</c> a policy variable (only in "2012-10-17" documents), and the fixed
/// variables <c>${*}</c>, <c>${?}</c>, <c>${$}</c> (also written <c>$(*)</c>, <c>$(?)</c>, <c>$($)</c>) the literal
/// characters (iot-policy-variables.html; IAM reference_policies_variables.html).
/// </summary>
internal sealed class PolicyPattern
{
    private readonly PatternToken[] tokens;

    private PolicyPattern(string text, PatternToken[] tokens)
    {
        Text = text;
        this.tokens = tokens;
    }

    /// <summary>The pattern as written in the policy.</summary>
    public string Text { get; }

    /// <summary>True when the pattern is exactly <c>*</c>.</summary>
    public bool IsMatchAll => tokens.Length == 1 && tokens[0].Kind == PatternTokenKind.AnyRun;

    /// <summary>
    /// Parses <paramref name="text"/>. False with <paramref name="error"/> (a clause) for an unterminated or unknown
    /// variable. With <paramref name="variables"/> false, <c>${…}</c> is literal text (IAM's "2008-10-17" rule).
    /// </summary>
    public static bool TryParse(string text, bool variables, out PolicyPattern pattern, out string? error)
    {
        var tokens = new List<PatternToken>();
        var literal = new System.Text.StringBuilder();
        error = null;
        pattern = null!;
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (c == '$' && i + 1 < text.Length && (text[i + 1] == '{' || text[i + 1] == '('))
            {
                char close = text[i + 1] == '{' ? '}' : ')';
                int end = text.IndexOf(close, i + 2);
                string? inner = end < 0 ? null : text[(i + 2)..end];
                if (inner is "*" or "?" or "$")
                {
                    literal.Append(inner);
                    i = end + 1;
                    continue;
                }

                if (variables && close == '}')
                {
                    if (inner is null)
                    {
                        error = "the policy variable starting at character " + (i + 1) + " has no closing '}'";
                        return false;
                    }

                    if (!PolicyVariables.IsKnown(inner))
                    {
                        error = "${" + inner + "} is not a policy variable the stand-in knows (" + PolicyVariables.Known + ")";
                        return false;
                    }

                    Flush(tokens, literal);
                    tokens.Add(new PatternToken(PatternTokenKind.Variable, inner));
                    i = end + 1;
                    continue;
                }
            }

            if (c is '*' or '?')
            {
                Flush(tokens, literal);
                tokens.Add(new PatternToken(c == '*' ? PatternTokenKind.AnyRun : PatternTokenKind.AnyOne, null));
            }
            else
            {
                literal.Append(c);
            }

            i++;
        }

        Flush(tokens, literal);
        pattern = new PolicyPattern(text, tokens.ToArray());
        return true;
    }

    /// <summary>
    /// Splits the pattern at its first <paramref name="count"/> literal <paramref name="separator"/> characters (never
    /// inside a variable or its value): how an ARN pattern is cut into partition, service, region, account, resource.
    /// </summary>
    public IReadOnlyList<PolicyPattern> Split(char separator, int count)
    {
        var parts = new List<PolicyPattern>();
        var current = new List<PatternToken>();
        foreach (var token in tokens)
        {
            if (token.Kind != PatternTokenKind.Literal || parts.Count == count)
            {
                current.Add(token);
                continue;
            }

            string rest = token.Text!;
            int at;
            while (parts.Count < count && (at = rest.IndexOf(separator)) >= 0)
            {
                if (at > 0) current.Add(new PatternToken(PatternTokenKind.Literal, rest[..at]));
                parts.Add(new PolicyPattern(string.Concat(current.Select(t => t.ToString())), current.ToArray()));
                current = [];
                rest = rest[(at + 1)..];
            }

            if (rest.Length > 0) current.Add(new PatternToken(PatternTokenKind.Literal, rest));
        }

        parts.Add(new PolicyPattern(string.Concat(current.Select(t => t.ToString())), current.ToArray()));
        return parts;
    }

    /// <summary>
    /// True when <paramref name="value"/> matches after substituting <paramref name="variables"/>; false when it does
    /// not, and false when a variable of the pattern is undefined for this caller (AWS: the statement's resource then
    /// matches nothing, "access denied").
    /// </summary>
    public bool Matches(string value, PolicyVariables variables, bool ignoreCase)
    {
        var resolved = new List<PatternToken>(tokens.Length);
        foreach (var token in tokens)
        {
            if (token.Kind != PatternTokenKind.Variable)
            {
                resolved.Add(token);
                continue;
            }

            string? substitute = variables.Resolve(token.Text!);
            if (substitute is null) return false;
            resolved.Add(new PatternToken(PatternTokenKind.Literal, substitute));
        }

        return Glob(ExpandLiterals(resolved), value, ignoreCase);
    }

    /// <summary>
    /// The pattern as a plain string after substituting <paramref name="variables"/> (<c>*</c> and <c>?</c> stay
    /// themselves: for exact comparisons such as <c>StringEquals</c>); null when a variable is undefined.
    /// </summary>
    public string? Resolve(PolicyVariables variables)
    {
        var text = new System.Text.StringBuilder();
        foreach (var token in tokens)
        {
            switch (token.Kind)
            {
                case PatternTokenKind.AnyRun: text.Append('*'); break;
                case PatternTokenKind.AnyOne: text.Append('?'); break;
                case PatternTokenKind.Literal: text.Append(token.Text); break;
                default:
                    string? substitute = variables.Resolve(token.Text!);
                    if (substitute is null) return null;
                    text.Append(substitute);
                    break;
            }
        }

        return text.ToString();
    }

    /// <summary>True when any token is a variable: its value depends on the caller.</summary>
    public bool HasVariables => tokens.Any(token => token.Kind == PatternTokenKind.Variable);

    /// <summary>Every variable name in the pattern, in order.</summary>
    public IEnumerable<string> VariableNames => tokens.Where(t => t.Kind == PatternTokenKind.Variable).Select(t => t.Text!);

    private static void Flush(List<PatternToken> tokens, System.Text.StringBuilder literal)
    {
        if (literal.Length == 0) return;
        tokens.Add(new PatternToken(PatternTokenKind.Literal, literal.ToString()));
        literal.Clear();
    }

    // One element per character: a literal char, or -1 for '*', -2 for '?'.
    private static int[] ExpandLiterals(List<PatternToken> tokens)
    {
        var chars = new List<int>();
        foreach (var token in tokens)
        {
            switch (token.Kind)
            {
                case PatternTokenKind.AnyRun: chars.Add(-1); break;
                case PatternTokenKind.AnyOne: chars.Add(-2); break;
                default: foreach (char c in token.Text!) chars.Add(c); break;
            }
        }

        return chars.ToArray();
    }

    // Iterative glob with single back-tracking point: linear in practice, never exponential.
    private static bool Glob(int[] pattern, string value, bool ignoreCase)
    {
        int p = 0, v = 0, starP = -1, starV = 0;
        while (v < value.Length)
        {
            if (p < pattern.Length && pattern[p] == -1)
            {
                starP = p++;
                starV = v;
            }
            else if (p < pattern.Length && (pattern[p] == -2 || Same((char)pattern[p], value[v], ignoreCase)))
            {
                p++;
                v++;
            }
            else if (starP >= 0)
            {
                p = starP + 1;
                v = ++starV;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == -1) p++;
        return p == pattern.Length;
    }

    private static bool Same(char a, char b, bool ignoreCase) =>
        a == b || (ignoreCase && char.ToUpperInvariant(a) == char.ToUpperInvariant(b));

    private enum PatternTokenKind { Literal, AnyRun, AnyOne, Variable }

    private readonly record struct PatternToken(PatternTokenKind Kind, string? Text)
    {
        public override string ToString() => Kind switch
        {
            PatternTokenKind.AnyRun => "*",
            PatternTokenKind.AnyOne => "?",
            PatternTokenKind.Variable => "${" + Text + "}",
            _ => Text!.Replace("*", "${*}").Replace("?", "${?}"),
        };
    }
}
