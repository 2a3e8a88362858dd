using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace NanoThing.EndToEnd.Tests.Support;

/// <summary>
/// `nanothing` as a user runs it: a real process (<c>dotnet nanothing.dll ...</c> from this project's output) in a given
/// folder, its output collected line by line, with bounded waits for lines and Ctrl-C as SIGINT. Killed on dispose
/// if still running.
/// </summary>
public sealed class CliProcess : IDisposable
{
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly List<string> _lines = [];

    public CliProcess(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "nanothing.dll"));
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => Add(e.Data);
        _process.ErrorDataReceived += (_, e) => Add(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Everything printed so far.</summary>
    public string Output
    {
        get
        {
            lock (_lines) return string.Join("\n", _lines);
        }
    }

    /// <summary>The first group of every line matching <paramref name="pattern"/>, once there are at least <paramref name="count"/>; fails after <see cref="Bound"/> or when the process ends first.</summary>
    public List<string> WaitForMatches(Regex pattern, int count)
    {
        var deadline = DateTime.UtcNow + Bound;
        lock (_lines)
        {
            while (true)
            {
                var found = _lines.Select(l => pattern.Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value).ToList();
                if (found.Count >= count)
                {
                    return found;
                }

                var left = deadline - DateTime.UtcNow;
                if (_process.HasExited || left <= TimeSpan.Zero || !Monitor.Wait(_lines, left))
                {
                    throw new AssertFailedException($"no {count} lines matching {pattern} within {Bound.TotalSeconds} s (exited: {_process.HasExited}):\n{string.Join("\n", _lines)}");
                }
            }
        }
    }

    /// <summary>Waits (bounded) for the process to end by itself; returns its exit code.</summary>
    public int WaitForExit()
    {
        Assert.IsTrue(_process.WaitForExit(Bound), $"the process did not end within {Bound.TotalSeconds} s:\n{Output}");
        _process.WaitForExit(); // drains the output
        return _process.ExitCode;
    }

    /// <summary>Ctrl-C: sends SIGINT and waits (bounded) for the process to end; returns its exit code.</summary>
    public int Interrupt()
    {
        Assert.AreEqual(0, Kill(_process.Id, 2), "SIGINT delivered");
        Assert.IsTrue(_process.WaitForExit(Bound), $"the process did not end on Ctrl-C within {Bound.TotalSeconds} s:\n{Output}");
        _process.WaitForExit(); // drains the output
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private void Add(string? line)
    {
        if (line is null) return;
        lock (_lines)
        {
            _lines.Add(line);
            Monitor.PulseAll(_lines);
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
