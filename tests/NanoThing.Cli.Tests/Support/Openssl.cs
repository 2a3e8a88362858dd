using System.Diagnostics;

namespace NanoThing.Cli.Tests.Support;

/// <summary>Runs the real openssl to cross-check what the CLI computes.</summary>
public static class Openssl
{
    public static string Run(params string[] args)
    {
        var start = new ProcessStartInfo("openssl") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"openssl {string.Join(' ', args)} failed: {error}");
        }

        return output;
    }

    /// <summary>The fingerprint openssl prints for <paramref name="digest"/> (-sha1, -sha256), as "AB:CD:...".</summary>
    public static string Fingerprint(string certificatePath, string digest) =>
        Run("x509", "-in", certificatePath, "-noout", "-fingerprint", digest).Trim().Split('=', 2)[1];
}
