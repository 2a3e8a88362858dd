using System.Net;
using System.Text.RegularExpressions;
using NanoThing.Cli.Commands.Demo;
using NanoThing.Cli.Execution;
using NanoThing.Cli.Tests.Support;
using NanoThing.LocalIot.Broker;

namespace NanoThing.Cli.Tests.Commands.Local;

/// <summary>
/// The local console as the commands present it: <c>local start</c> prints <c>console: http://127.0.0.1:&lt;port&gt;/?token=…</c>
/// (the address opens the console; without the token it is refused), <c>demo</c> prints it first, and a browser is
/// opened only when a desktop session is present.
/// </summary>
[TestClass]
public sealed class LocalConsoleTests
{
    private static readonly Regex ConsoleLine = new(@"^console: (http://127\.0\.0\.1:(\d+)/)\?token=([0-9a-f]{64})$", RegexOptions.Multiline);

    [TestMethod]
    public async Task Start_PrintsTheConsoleAddressWithItsToken_AndThatAddressOpensTheConsole()
    {
        using var cli = new CliHarness();
        int consolePort = FreePort.Find();
        try
        {
            CliRun start = cli.Run("local", "start", "--port", FreePort.Find().ToString(), "--console-port", consolePort.ToString());
            Assert.AreEqual(ExitCodes.Ok, start.ExitCode, start.ToString());
            var line = ConsoleLine.Match(start.Out);
            Assert.IsTrue(line.Success, start.Out);
            Assert.AreEqual(consolePort.ToString(), line.Groups[2].Value);
            string tokenFile = cli.PathOf(".nanothing", "local", "console-token");
            Assert.AreEqual(line.Groups[3].Value, File.ReadAllText(tokenFile).Trim());
            Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(tokenFile));

            using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });
            using var refused = await http.GetAsync(line.Groups[1].Value);
            Assert.AreEqual(HttpStatusCode.Unauthorized, refused.StatusCode);
            using var admitted = await http.GetAsync(line.Value["console: ".Length..]);
            Assert.AreEqual(HttpStatusCode.SeeOther, admitted.StatusCode);
            StringAssert.Contains(string.Join(";", admitted.Headers.GetValues("Set-Cookie")).ToLowerInvariant(), "httponly");

            CliRun again = cli.Run("local", "start");
            StringAssert.Contains(again.Out, line.Value + "\n", "a running stand-in prints the same address");
        }
        finally
        {
            cli.Run("local", "stop");
        }
    }

    [TestMethod]
    public void Start_RefusesAConsolePortThatIsNotAPort()
    {
        using var cli = new CliHarness();
        CliRun run = cli.Run("local", "start", "--port", "8883", "--console-port", "8883");
        Assert.AreEqual(ExitCodes.InputInvalid, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, "--console-port");
    }

    [TestMethod]
    public void Demo_PrintsTheConsoleAddressFirst()
    {
        using var cli = new CliHarness();
        try
        {
            CliRun demo = cli.Run("demo", "--thing", "console-demo", "--port", FreePort.Find().ToString(), "--until-reports", "1", "--no-browser");
            Assert.AreEqual(ExitCodes.Ok, demo.ExitCode, demo.ToString());
            string first = demo.Out.Split('\n')[0];
            Assert.IsTrue(ConsoleLine.IsMatch(first), "first line: " + first);
        }
        finally
        {
            cli.Run("local", "stop");
        }
    }

    [TestMethod]
    public void ABrowserOpens_OnlyWithADesktopSession()
    {
        if (OperatingSystem.IsMacOS())
        {
            Assert.Inconclusive("macOS always has a desktop session");
        }

        Assert.IsFalse(BrowserLauncher.HasDesktop(new Dictionary<string, string>()));
        Assert.IsFalse(BrowserLauncher.HasDesktop(new Dictionary<string, string> { ["DISPLAY"] = "" }));
        Assert.IsTrue(BrowserLauncher.HasDesktop(new Dictionary<string, string> { ["DISPLAY"] = ":0" }));
        Assert.IsTrue(BrowserLauncher.HasDesktop(new Dictionary<string, string> { ["WAYLAND_DISPLAY"] = "wayland-0" }));
        StringAssert.Contains(BrowserLauncher.Open("http://127.0.0.1:1/", new Dictionary<string, string>()), "no desktop session");
    }
}
