using System.Text;

namespace NanoThing.Cli.Tests.Support;

/// <summary>
/// A recording stand-in for an external program (aws, nanoff): a bash script written into a folder on the test's
/// PATH that appends its arguments to a log and replays the first configured reply whose pattern occurs in its
/// argument line (" arg1 arg2 ... "). Unmatched calls fail with exit code 99 and say so on stderr.
/// </summary>
public sealed class StandInProgram
{
    private readonly List<(string Pattern, int ExitCode, string Out, string Error, bool Once)> _replies = [];
    private readonly string _log;
    private readonly string _replyDirectory;

    public StandInProgram(string binDirectory, string name)
    {
        Path = System.IO.Path.Combine(binDirectory, name);
        _log = Path + ".calls";
        _replyDirectory = Directory.CreateDirectory(Path + ".replies").FullName;
        File.WriteAllText(_log, "");
        Write();
    }

    /// <summary>The script's path.</summary>
    public string Path { get; }

    /// <summary>Adds a reply used when <paramref name="pattern"/> occurs in " arg1 arg2 ... " (earlier replies win);
    /// with <paramref name="once"/> only for the first matching call.</summary>
    public StandInProgram Reply(string pattern, int exitCode, string output, string error = "", bool once = false)
    {
        _replies.Add((pattern, exitCode, output, error, once));
        Write();
        return this;
    }

    /// <summary>Each call's arguments, in order.</summary>
    public IReadOnlyList<string[]> Calls => File.ReadAllLines(_log)
        .Select(line => line.Split('\x1f')[..^1])
        .ToList();

    /// <summary>Each call as one space-joined line.</summary>
    public IReadOnlyList<string> CallLines => Calls.Select(args => string.Join(' ', args)).ToList();

    private void Write()
    {
        var script = new StringBuilder("#!/bin/bash\n");
        script.Append($"printf '%s\\x1f' \"$@\" >> {Quote(_log)}; printf '\\n' >> {Quote(_log)}\n");
        script.Append("line=\" $* \"\n");
        for (int i = 0; i < _replies.Count; i++)
        {
            var reply = _replies[i];
            string stem = System.IO.Path.Combine(_replyDirectory, i.ToString());
            File.WriteAllText(stem + ".out", reply.Out);
            File.WriteAllText(stem + ".err", reply.Error);
            string onceCheck = reply.Once ? $" && [ ! -e {Quote(stem + ".used")} ]" : "";
            string markUsed = reply.Once ? $"touch {Quote(stem + ".used")}; " : "";
            script.Append($"if [[ \"$line\" == *{Quote(reply.Pattern)}* ]]{onceCheck}; then {markUsed}cat {Quote(stem + ".out")}; cat {Quote(stem + ".err")} >&2; exit {reply.ExitCode}; fi\n");
        }

        script.Append("echo \"stand-in: no reply configured for:$line\" >&2\nexit 99\n");
        string temporary = Path + ".new";
        File.WriteAllText(temporary, script.ToString());
        File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.Move(temporary, Path, overwrite: true);
    }

    private static string Quote(string text) => "'" + text.Replace("'", "'\\''") + "'";
}
