using System.Text.RegularExpressions;

namespace NanoThing.LocalIot.Pki;

/// <summary>
/// AWS IoT thing names: 1 to 128 characters of <c>a-z A-Z 0-9 : _ -</c>. The local stand-in uses the thing name
/// as certificate CN, MQTT user name and client id, so the same rule keeps it safe in mosquitto ACL patterns
/// (no <c>/ + #</c>) and keeps it distinct from <see cref="LocalCa.ShadowServiceIdentity"/> (which has a dot).
/// </summary>
public static partial class ThingName
{
    /// <summary>Longest thing name AWS accepts.</summary>
    public const int MaxLength = 128;

    /// <summary>Null when <paramref name="name"/> is a valid thing name; otherwise a sentence saying why not.</summary>
    public static string? Validate(string name)
    {
        if (name.Length == 0) return "The thing name is empty.";
        if (name.Length > MaxLength) return "The thing name '" + name[..20] + "...' is " + name.Length + " characters long; AWS allows at most " + MaxLength + ".";
        return Allowed().IsMatch(name) ? null : "The thing name '" + name + "' may contain only letters, digits, ':', '_' and '-' (AWS IoT thing name rule).";
    }

    [GeneratedRegex("^[a-zA-Z0-9:_-]+$")]
    private static partial Regex Allowed();
}
