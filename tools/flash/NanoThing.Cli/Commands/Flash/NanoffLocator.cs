using NanoThing.Cli.Execution;

namespace NanoThing.Cli.Commands.Flash;

/// <summary>
/// Finds nanoff: on PATH, else as a global .NET tool in ~/.dotnet/tools (often not on PATH on Linux), else as a local
/// tool listed in .config/dotnet-tools.json of the working directory (run through <c>dotnet tool run nanoff</c>).
/// </summary>
public static class NanoffLocator
{
    /// <summary>The program and leading arguments that run nanoff, or null when none is installed.</summary>
    public static (string Program, string[] Prefix)? Find(CliContext context)
    {
        if (ExternalProgram.Find(context, "nanoff") is string onPath)
        {
            return (onPath, []);
        }

        if (context.Environment.TryGetValue("HOME", out var home) && File.Exists(Path.Combine(home, ".dotnet", "tools", "nanoff")))
        {
            return (Path.Combine(home, ".dotnet", "tools", "nanoff"), []);
        }

        string manifest = Path.Combine(context.WorkingDirectory, ".config", "dotnet-tools.json");
        if (File.Exists(manifest) && File.ReadAllText(manifest).Contains("\"nanoff\"", StringComparison.OrdinalIgnoreCase)
            && ExternalProgram.Find(context, "dotnet") is string dotnet)
        {
            return (dotnet, ["tool", "run", "nanoff"]);
        }

        return null;
    }
}
