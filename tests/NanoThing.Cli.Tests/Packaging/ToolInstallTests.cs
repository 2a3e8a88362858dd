using System.Diagnostics;

namespace NanoThing.Cli.Tests.Packaging;

/// <summary>
/// The README's install path, for real: `dotnet pack` fills the local feed, `dotnet tool install` takes the tool from it
/// with tools/flash/tool-feed.nuget.config (no other source), and the installed `nanothing` runs.
/// </summary>
[TestClass]
public sealed class ToolInstallTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(3);

    [TestMethod]
    public void PackedToolInstallsFromTheLocalFeedAndRuns()
    {
        string root = RepositoryRoot();
        string configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name; // bin/<Configuration>/net10.0
        string tools = Directory.CreateTempSubdirectory("nanothing-tool-").FullName;
        try
        {
            Run(root, "dotnet", "pack", "tools/flash/NanoThing.Cli", "-c", configuration, "--no-build", "-nologo");
            Assert.IsTrue(File.Exists(Path.Combine(root, "artifacts", "feed", "NanoThing.Cli.0.1.0.nupkg")), "pack writes the feed the config names");

            Run(root, "dotnet", "tool", "install", "NanoThing.Cli", "--tool-path", tools, "--configfile", "tools/flash/tool-feed.nuget.config");
            string policy = Run(root, Path.Combine(tools, "nanothing"), "policy", "--thing", "kitchen");
            StringAssert.Contains(policy, "\"iot:Connect\"");
            StringAssert.Contains(policy, "${iot:Connection.Thing.ThingName}");
        }
        finally
        {
            Directory.Delete(tools, recursive: true);
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NanoThing.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException("NanoThing.sln not found above " + AppContext.BaseDirectory);
    }

    private static string Run(string workingDirectory, string file, params string[] args)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Bound))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{file} {string.Join(' ', args)} did not finish within {Bound.TotalMinutes} minutes");
        }

        Assert.AreEqual(0, process.ExitCode, $"{file} {string.Join(' ', args)} failed:\n{stdout.Result}\n{stderr.Result}");
        return stdout.Result;
    }
}
