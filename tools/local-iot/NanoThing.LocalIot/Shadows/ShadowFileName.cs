using System.Text;

namespace NanoThing.LocalIot.Shadows;

/// <summary>
/// Maps a shadow to its file name and back: <c>&lt;thing&gt;.json</c> for the classic shadow,
/// <c>&lt;thing&gt;~&lt;shadow&gt;.json</c> for a named one. Characters outside <c>[A-Za-z0-9_-]</c>
/// (':' and '$', which names may hold) are written as <c>%XX</c>, so a name is safe on any file system
/// and '~' is never ambiguous.
/// </summary>
public static class ShadowFileName
{
    /// <summary>The extension of a shadow file.</summary>
    public const string Extension = ".json";

    /// <summary>The file name (no folder) of <paramref name="id"/>.</summary>
    public static string For(ShadowId id) =>
        Escape(id.ThingName) + (id.IsClassic ? "" : "~" + Escape(id.ShadowName)) + Extension;

    /// <summary>The shadow a file name stands for; false when it is not one this class writes.</summary>
    public static bool TryParse(string fileName, out ShadowId id)
    {
        id = default;
        if (!fileName.EndsWith(Extension, StringComparison.Ordinal))
        {
            return false;
        }

        var parts = fileName[..^Extension.Length].Split('~');
        if (parts.Length > 2 || !TryUnescape(parts[0], out var thing) || !ShadowNames.IsValidThingName(thing))
        {
            return false;
        }

        if (parts.Length == 1)
        {
            id = ShadowId.Classic(thing);
            return For(id) == fileName;
        }

        if (!TryUnescape(parts[1], out var shadow) || !ShadowNames.IsValidShadowName(shadow))
        {
            return false;
        }

        id = ShadowId.Named(thing, shadow);
        return For(id) == fileName;
    }

    private static string Escape(string name)
    {
        var text = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' or '-')
            {
                text.Append(c);
            }
            else
            {
                text.Append('%').Append(((int)c).ToString("X2"));
            }
        }

        return text.ToString();
    }

    private static bool TryUnescape(string text, out string name)
    {
        var result = new StringBuilder(text.Length);
        name = "";
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '%')
            {
                result.Append(text[i]);
                continue;
            }

            if (i + 2 >= text.Length
                || !byte.TryParse(text.AsSpan(i + 1, 2), System.Globalization.NumberStyles.AllowHexSpecifier, null, out var code))
            {
                return false;
            }

            result.Append((char)code);
            i += 2;
        }

        name = result.ToString();
        return true;
    }
}
