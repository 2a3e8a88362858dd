using System.Text.RegularExpressions;

namespace NanoThing.Cli.Commands.Flash;

/// <summary>Reads nanoff's console output: its error line ("Error E4005: text") and its banner's version
/// (".NET nanoFramework Firmware Flasher v2.5.162+..."). Pure; any text is accepted.</summary>
public static partial class NanoffOutput
{
    /// <summary>The first error code and nanoff's text for it, if the output has an error line.</summary>
    public static bool TryFindError(string output, out string code, out string text)
    {
        Match match = ErrorLine().Match(output);
        code = match.Success ? match.Groups["code"].Value : "";
        text = match.Success ? match.Groups["text"].Value.Trim() : "";
        return match.Success;
    }

    /// <summary>The version in nanoff's banner (e.g. "2.5.162"), or null.</summary>
    public static string? Version(string output)
    {
        Match match = Banner().Match(output);
        return match.Success ? match.Groups["version"].Value : null;
    }

    [GeneratedRegex(@"^\s*Error (?<code>E\d{4})\b:?(?<text>[^\r\n]*)", RegexOptions.Multiline)]
    private static partial Regex ErrorLine();

    [GeneratedRegex(@"Firmware Flasher v(?<version>\d+\.\d+\.\d+)")]
    private static partial Regex Banner();
}
