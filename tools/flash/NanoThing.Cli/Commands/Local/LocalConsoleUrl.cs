using NanoThing.LocalIot.WebConsole;

namespace NanoThing.Cli.Commands.Local;

/// <summary>
/// The local console's address as <c>local start</c> and <c>demo</c> print it: <c>console: http://127.0.0.1:&lt;port&gt;/?token=&lt;token&gt;</c>,
/// from the running stand-in's pid file (its console port) and the token file it created (<c>.nanothing/local/console-token</c>).
/// </summary>
public static class LocalConsoleUrl
{
    /// <summary>The console's port when <c>--console-port</c> is not given (another free port when it is taken).</summary>
    public const int DefaultPort = 8880;

    /// <summary>The address with the token, or null when the running stand-in has no console or its token cannot be read.</summary>
    public static string? Read(LocalPaths paths)
    {
        if (!ServeProcess.TryReadConsolePort(paths.ServePid, out int port))
        {
            return null;
        }

        string tokenFile = Path.Combine(paths.Root, ConsoleToken.FileName);
        string token = File.Exists(tokenFile) ? File.ReadAllText(tokenFile).Trim() : "";
        return token.Length == 0 ? null : $"http://127.0.0.1:{port}/?token={token}";
    }

    /// <summary>Writes the <c>console: …</c> line (or says why there is none).</summary>
    public static void Print(TextWriter output, LocalPaths paths) =>
        output.WriteLine(Read(paths) is { } url ? "console: " + url : $"console: not available (see {paths.ServeLog})");
}
