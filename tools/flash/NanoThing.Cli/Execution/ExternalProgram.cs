using System.Diagnostics;

namespace NanoThing.Cli.Execution;

/// <summary>The outcome of one run of an external program: its exit code and everything it printed.</summary>
public sealed record ProgramRun(int ExitCode, string Out, string Error)
{
    /// <summary>Standard output then standard error.</summary>
    public string AllOutput => Out + Error;
}

/// <summary>
/// Finds programs on the context's PATH and runs them with the context's environment and working directory, without a
/// shell (arguments are passed as a list, never re-parsed). Blocks until the program exits.
/// </summary>
public static class ExternalProgram
{
    /// <summary>The full path of <paramref name="name"/> on PATH, or null when it is not there.</summary>
    public static string? Find(CliContext context, string name)
    {
        string path = context.Environment.TryGetValue("PATH", out var value) ? value : "";
        foreach (string directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(directory, name);
            if (File.Exists(candidate) && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(candidate) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Runs <paramref name="executable"/> and captures its output. <paramref name="onLine"/>, when given, sees
    /// each line of standard output and standard error as it arrives (for progress display). It runs in
    /// <paramref name="workingDirectory"/> when given, else in the context's working directory.</summary>
    public static ProgramRun Run(CliContext context, string executable, IReadOnlyList<string> arguments, Action<string>? onLine = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = workingDirectory ?? context.WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Clear();
        foreach (var (key, value) in context.Environment)
        {
            start.Environment[key] = value;
        }

        var output = new System.Text.StringBuilder();
        var error = new System.Text.StringBuilder();
        using var process = new Process { StartInfo = start };
        var gate = new object();
        process.OutputDataReceived += (_, e) => Collect(gate, output, e.Data, onLine);
        process.ErrorDataReceived += (_, e) => Collect(gate, error, e.Data, onLine);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.WaitForExit();
        lock (gate)
        {
            return new ProgramRun(process.ExitCode, output.ToString(), error.ToString());
        }
    }

    /// <summary>A command line for display: arguments with spaces or shell characters are single-quoted.</summary>
    public static string Format(string program, IEnumerable<string> arguments) =>
        string.Join(' ', new[] { program }.Concat(arguments).Select(Quote));

    private static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsAsciiLetterOrDigit(c) || "-_./:=@,+%".Contains(c))
            ? argument
            : "'" + argument.Replace("'", "'\\''") + "'";

    private static void Collect(object gate, System.Text.StringBuilder buffer, string? line, Action<string>? onLine)
    {
        if (line is null)
        {
            return;
        }

        lock (gate)
        {
            buffer.Append(line).Append('\n');
            onLine?.Invoke(line);
        }
    }
}
