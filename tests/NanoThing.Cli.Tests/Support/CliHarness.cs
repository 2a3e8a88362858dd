using NanoThing.Cli;
using NanoThing.Cli.Execution;

namespace NanoThing.Cli.Tests.Support;

/// <summary>
/// Runs <c>nanothing</c> in-process against a fresh temporary working directory, with captured output, a fixed
/// clock and a PATH that starts with a folder of stand-in programs (<see cref="Bin"/>). Disposing deletes the folder.
/// </summary>
public sealed class CliHarness : IDisposable
{
    public static readonly DateTimeOffset DefaultNow = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);

    public CliHarness()
    {
        Root = Directory.CreateTempSubdirectory("nanothing-cli-").FullName;
        WorkingDirectory = Directory.CreateDirectory(Path.Combine(Root, "work")).FullName;
        Bin = Directory.CreateDirectory(Path.Combine(Root, "bin")).FullName;
        Environment["PATH"] = Bin + ":/usr/bin:/bin";
        Environment["HOME"] = Path.Combine(Root, "home");
    }

    public string Root { get; }
    public string WorkingDirectory { get; }
    /// <summary>First on PATH: put stand-in programs here.</summary>
    public string Bin { get; }
    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);
    public DateTimeOffset Now { get; set; } = DefaultNow;

    public CliRun Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var context = new CliContext
        {
            WorkingDirectory = WorkingDirectory,
            Out = output,
            Error = error,
            Environment = Environment,
            UtcNow = () => Now,
        };
        int exitCode = NanoThingCli.Run(args, context);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Runs an external program as the CLI would (this harness's environment), in <paramref name="workingDirectory"/>.</summary>
    public ProgramRun RunProgram(string program, string workingDirectory, params string[] args) =>
        ExternalProgram.Run(new CliContext { WorkingDirectory = WorkingDirectory, Out = TextWriter.Null, Error = TextWriter.Null, Environment = Environment, UtcNow = () => Now },
            program, args, null, workingDirectory);

    /// <summary>A path under the working directory.</summary>
    public string PathOf(params string[] parts) => Path.Combine([WorkingDirectory, .. parts]);

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

/// <summary>The exit code and captured output of one run.</summary>
public sealed record CliRun(int ExitCode, string Out, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- out ---\n{Out}--- err ---\n{Error}";
}
