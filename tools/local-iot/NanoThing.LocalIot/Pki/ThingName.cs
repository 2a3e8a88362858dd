namespace NanoThing.LocalIot.Pki;

/// <summary>
/// AWS IoT thing names: 1 to 128 characters of <c>a-z A-Z 0-9 : _ -</c> (the CreateThing API's pattern). The local
/// stand-in uses the thing name as certificate CN and client id, so the same rule keeps it free of topic wildcards
/// (no <c>/ + #</c>) and distinct from application identities such as <see cref="LocalCa.ShadowServiceIdentity"/>
/// (which have a dot). The one implementation of the rule: the CLI's <c>ThingName</c> uses it too.
/// </summary>
public static class ThingName
{
    /// <summary>Longest thing name AWS accepts.</summary>
    public const int MaxLength = 128;

    /// <summary>Null when <paramref name="name"/> is a valid thing name; otherwise a sentence saying why not.</summary>
    public static string? Validate(string name) =>
        Problem(name) is { } problem
            ? "The thing name '" + Printable(name) + "' is not valid: " + problem + "; it may contain only letters, digits, ':', '_' and '-', 1 to " + MaxLength + " characters (AWS IoT thing name rule)."
            : null;

    /// <summary>Null when <paramref name="name"/> is valid; otherwise the reason as a clause naming the length or the offending character and its position.</summary>
    public static string? Problem(string name)
    {
        if (name.Length == 0) return "it is empty";
        if (name.Length > MaxLength) return "it has " + name.Length + " characters, AWS IoT allows at most " + MaxLength;
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            bool allowed = c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or ':' or '_' or '-';
            if (!allowed) return "character '" + Printable(c.ToString()) + "' at position " + (i + 1) + " is not allowed";
        }

        return null;
    }

    /// <summary><paramref name="text"/> safe to print in a message: control characters escaped, cut after 140 characters.</summary>
    public static string Printable(string text)
    {
        var builder = new System.Text.StringBuilder();
        foreach (char c in text.Length > 140 ? text[..140] + "..." : text)
        {
            builder.Append(char.IsControl(c) ? "\\u" + ((int)c).ToString("x4") : c.ToString());
        }

        return builder.ToString();
    }
}
