using System.CommandLine;
using System.Runtime.InteropServices;
using NanoThing.Cli.Execution;

namespace NanoThing.Cli.Commands.Local;

/// <summary>
/// <c>nanothing local log [--refusals] [--follow]</c>: prints the stand-in's log (<c>serve.log</c>: connections, every
/// refusal as an AWS AuthorizationFailure-shaped JSON line naming the policy statement that decided, the shadow
/// service); <c>--refusals</c> only the refusals; <c>--follow</c> keeps printing new lines until Ctrl-C.
/// </summary>
public static class LocalLogCommand
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    public static Command Create(CliContext context)
    {
        var follow = new Option<bool>("--follow") { Description = "Keep printing new lines until Ctrl-C." };
        var refusals = new Option<bool>("--refusals") { Description = "Only the refusals (connect, publish, subscribe, receive)." };
        var command = new Command("log", "Show the local stand-in's log: connections and every refusal with the policy statement that decided.");
        command.Options.Add(follow);
        command.Options.Add(refusals);
        command.SetAction(parse => CommandRunner.Run(context, () => Execute(context, parse.GetValue(follow), parse.GetValue(refusals))));
        return command;
    }

    public static CliError? Execute(CliContext context, bool follow, bool refusalsOnly)
    {
        var paths = LocalPaths.For(context);
        if (!File.Exists(paths.ServeLog) && !follow)
        {
            return new CliError(Failure.NotFound, $"the local stand-in has no log yet ({paths.ServeLog})", "nanothing local start");
        }

        using var stop = new CancellationTokenSource();
        using var interrupt = follow ? PosixSignalRegistration.Create(PosixSignal.SIGINT, signal => { signal.Cancel = true; stop.Cancel(); }) : null;
        long position = 0;
        string partial = "";
        do
        {
            if (File.Exists(paths.ServeLog))
            {
                using var stream = new FileStream(paths.ServeLog, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                position = stream.Length < position ? 0 : position; // the log was truncated or replaced
                stream.Position = position;
                string text = partial + new StreamReader(stream).ReadToEnd();
                position = stream.Length;
                int end = text.LastIndexOf('\n');
                partial = end < 0 ? text : text[(end + 1)..];
                foreach (string line in end < 0 ? [] : text[..end].Split('\n'))
                {
                    if (!refusalsOnly || line.Contains(" " + LocalIot.Log.RefusalLine.Marker, StringComparison.Ordinal))
                    {
                        context.Out.WriteLine(line);
                    }
                }

                context.Out.Flush();
            }
        }
        while (follow && !stop.Token.WaitHandle.WaitOne(PollInterval));

        return null;
    }
}
