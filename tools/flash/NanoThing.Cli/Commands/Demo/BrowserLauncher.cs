using System.ComponentModel;
using System.Diagnostics;

namespace NanoThing.Cli.Commands.Demo;

/// <summary>
/// Opens an address in the user's default browser, only when a desktop session is present (DISPLAY or WAYLAND_DISPLAY
/// set; macOS always has one): xdg-open on Linux, open on macOS. Never in CI or tests, which have no desktop session.
/// </summary>
public static class BrowserLauncher
{
    /// <summary>True when a browser can be shown to the user.</summary>
    public static bool HasDesktop(IReadOnlyDictionary<string, string> environment) =>
        OperatingSystem.IsMacOS()
        || (environment.TryGetValue("DISPLAY", out string? display) && display.Length > 0)
        || (environment.TryGetValue("WAYLAND_DISPLAY", out string? wayland) && wayland.Length > 0);

    /// <summary>Starts the opener for <paramref name="url"/> without waiting; null when started, else why not (for one line of output).</summary>
    public static string? Open(string url, IReadOnlyDictionary<string, string> environment)
    {
        if (!HasDesktop(environment))
        {
            return "no desktop session (DISPLAY/WAYLAND_DISPLAY unset)";
        }

        var start = new ProcessStartInfo(OperatingSystem.IsMacOS() ? "open" : "xdg-open")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(url);
        try
        {
            using var opener = Process.Start(start);
            return opener is null ? start.FileName + " did not start" : null;
        }
        catch (Win32Exception e)
        {
            return start.FileName + " is not available (" + e.Message + ")";
        }
    }
}
