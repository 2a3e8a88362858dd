namespace NanoThing.Cli.Execution;

/// <summary>
/// What a command may touch of the outside world: the working directory (where <c>things/</c> lives), the output
/// and error writers, environment variables (PATH decides which <c>aws</c>/<c>nanoff</c> runs) and the clock.
/// Tests build one over a temporary directory and string writers.
/// </summary>
public sealed class CliContext
{
    public required string WorkingDirectory { get; init; }
    public required TextWriter Out { get; init; }
    public required TextWriter Error { get; init; }
    /// <summary>Environment variables seen by the command and by the programs it starts.</summary>
    public required IReadOnlyDictionary<string, string> Environment { get; init; }
    /// <summary>The current UTC time.</summary>
    public required Func<DateTimeOffset> UtcNow { get; init; }

    /// <summary>The context of the running process: current directory, console, real environment and clock.</summary>
    public static CliContext FromProcess()
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            environment[(string)entry.Key] = (string?)entry.Value ?? "";
        }

        return new CliContext
        {
            WorkingDirectory = Directory.GetCurrentDirectory(),
            Out = Console.Out,
            Error = Console.Error,
            Environment = environment,
            UtcNow = () => DateTimeOffset.UtcNow,
        };
    }

    /// <summary>A path relative to the working directory made absolute; absolute paths are returned unchanged.</summary>
    public string Resolve(string path) => Path.GetFullPath(path, WorkingDirectory);
}
