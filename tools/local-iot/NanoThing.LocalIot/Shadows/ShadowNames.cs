namespace NanoThing.LocalIot.Shadows;

/// <summary>
/// AWS's rules for thing and shadow names (IoT data-plane API): thing name 1–128 characters of
/// <c>[a-zA-Z0-9:_-]</c>; shadow name 1–64 characters of <c>[$a-zA-Z0-9:_-]</c>.
/// </summary>
public static class ShadowNames
{
    /// <summary>Longest valid thing name.</summary>
    public const int MaxThingNameLength = 128;

    /// <summary>Longest valid shadow name.</summary>
    public const int MaxShadowNameLength = 64;

    /// <summary>True when <paramref name="name"/> is a valid AWS thing name.</summary>
    public static bool IsValidThingName(string name) =>
        name.Length is >= 1 and <= MaxThingNameLength && name.All(c => IsNameChar(c, allowDollar: false));

    /// <summary>True when <paramref name="name"/> is a valid (non-empty) AWS shadow name.</summary>
    public static bool IsValidShadowName(string name) =>
        name.Length is >= 1 and <= MaxShadowNameLength && name.All(c => IsNameChar(c, allowDollar: true));

    private static bool IsNameChar(char c, bool allowDollar) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or ':' or '_' or '-'
        || (allowDollar && c == '$');
}
