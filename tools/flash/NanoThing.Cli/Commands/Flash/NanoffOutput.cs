using System.Text.RegularExpressions;

namespace NanoThing.Cli.Commands.Flash;

/// <summary>
/// Reads nanoff 2.5.162's console output (nanoFirmwareFlasher @ baccab8). Pure; any text is accepted.
/// <list type="bullet">
/// <item>Its coded error "Error E2003: display name (extra message)" (Program.cs:898-934 OutputError), at the start
/// of a line or right after a progress line's "..." (OutputError does not start a new line: "Updating client
/// certificates...Error E2003: ...").</item>
/// <item>Failure lines that come without a code and often with exit status 0: "Error deploying content file S to D"
/// and "Exception deploying content file S to D" (FileDeploymentManager.cs:85,102; the deployment still returns OK),
/// "Error deleting file D" (:67), "Error connecting to nanoDevice on P ..." (DeploymentHelpers/DeviceHelper.cs:48,89),
/// "Error uploading ..." / "Cannot find any ..." (NetworkDeploymentManager.cs:71-365), and the .NET runtime's
/// "Unhandled exception. ..." when an exception escapes nanoff (Program.cs:824,848 build the deployment managers
/// outside their try).</item>
/// <item>The per-file confirmation "Deploying file S to D...OK" (FileDeploymentManager.cs:79,91) and the Wi-Fi
/// confirmations "Updating network configuration...OK", "Updating wireless configuration...OK"
/// (NetworkDeploymentManager.cs:111,122,125,136).</item>
/// <item>The banner's version ".NET nanoFramework Firmware Flasher v2.5.162+..." (Program.cs:44).</item>
/// </list>
/// </summary>
public static partial class NanoffOutput
{
    public const string NetworkConfirmation = "Updating network configuration...OK";
    public const string WirelessConfirmation = "Updating wireless configuration...OK";

    private static readonly string[] FailurePrefixes =
    [
        "Error deploying content file ", "Exception deploying content file ", "Error deleting file ",
        "Error connecting to ", "Error uploading ", "Error converting MAC address", "Cannot find any ", "Unhandled exception.",
    ];

    /// <summary>The first error code and nanoff's text for it, if the output has an error line.</summary>
    public static bool TryFindError(string output, out string code, out string text)
    {
        Match match = ErrorLine().Match(output);
        code = match.Success ? match.Groups["code"].Value : "";
        text = match.Success ? match.Groups["text"].Value.Trim() : "";
        return match.Success;
    }

    /// <summary>nanoff's failure lines that carry no error code, in order.</summary>
    public static IReadOnlyList<string> UncodedFailures(string output) => Lines(output)
        .Where(line => FailurePrefixes.Any(prefix => line.StartsWith(prefix, StringComparison.Ordinal)))
        .ToList();

    /// <summary>The first line after CommandLineParser's "ERROR(S):" heading (e.g. "Option 'x' is unknown."), or null.</summary>
    public static string? ParserError(string output)
    {
        string[] lines = Lines(output).ToArray();
        int heading = Array.IndexOf(lines, "ERROR(S):");
        return heading >= 0 && heading + 1 < lines.Length && lines[heading + 1].Length > 0 ? lines[heading + 1] : null;
    }

    /// <summary>True when nanoff confirmed copying <paramref name="source"/> to <paramref name="destination"/>.</summary>
    public static bool ConfirmsFile(string output, string source, string destination) =>
        Lines(output).Contains($"Deploying file {source} to {destination}...OK");

    /// <summary>True when nanoff confirmed both parts of the Wi-Fi settings.</summary>
    public static bool ConfirmsWifi(string output)
    {
        var lines = Lines(output).ToList();
        return lines.Contains(NetworkConfirmation) && lines.Contains(WirelessConfirmation);
    }

    /// <summary>The version in nanoff's banner (e.g. "2.5.162"), or null.</summary>
    public static string? Version(string output)
    {
        Match match = Banner().Match(output);
        return match.Success ? match.Groups["version"].Value : null;
    }

    private static IEnumerable<string> Lines(string output) => output.Split('\n').Select(line => line.TrimEnd('\r').Trim());

    [GeneratedRegex(@"(?:^|\.\.\.)[ \t]*Error (?<code>E\d{4})\b:?(?<text>[^\r\n]*)", RegexOptions.Multiline)]
    private static partial Regex ErrorLine();

    [GeneratedRegex(@"Firmware Flasher v(?<version>\d+\.\d+\.\d+)")]
    private static partial Regex Banner();
}
