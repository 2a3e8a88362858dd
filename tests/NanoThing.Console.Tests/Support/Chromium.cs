using Microsoft.Playwright;

namespace NanoThing.Console.Tests.Support;

/// <summary>
/// A real headless Chromium: Debian's <c>chromium</c> package (installed by scripts/ensure-prerequisites.sh), driven by
/// Playwright for .NET through <see cref="BrowserTypeLaunchOptions.ExecutablePath"/> — no Playwright browser download.
/// <c>CHROMIUM_PATH</c> names another binary.
/// </summary>
public static class Chromium
{
    /// <summary>The browser binary.</summary>
    public static string ExecutablePath => Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>Starts Playwright and a headless Chromium; fails the test with what to install when the binary is missing.</summary>
    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        Assert.IsTrue(File.Exists(ExecutablePath), ExecutablePath + " is missing: run scripts/ensure-prerequisites.sh (it installs Debian's chromium package), or set CHROMIUM_PATH.");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            // root in containers has no user namespaces for the sandbox; /dev/shm is small there.
            Args = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"],
        });
        return (playwright, browser);
    }
}
