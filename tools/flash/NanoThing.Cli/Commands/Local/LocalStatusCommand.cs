using System.CommandLine;
using NanoThing.Cli.Execution;

namespace NanoThing.Cli.Commands.Local;

/// <summary><c>nanothing local status</c>: whether the stand-in of this working directory runs. Exit code 0 and the
/// endpoint when it runs; <see cref="Failure.NotFound"/> otherwise.</summary>
public static class LocalStatusCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("status", "Show whether the local stand-in runs, and its endpoint.");
        command.SetAction(parse => CommandRunner.Run(context, () => Execute(context)));
        return command;
    }

    public static CliError? Execute(CliContext context)
    {
        var paths = LocalPaths.For(context);
        bool running = ServeProcess.TryRead(paths.ServePid, out int pid, out int port, out int dataPlanePort);
        context.Out.WriteLine("data:        " + paths.Root);
        context.Out.WriteLine("stand-in:    " + (running ? $"running (pid {pid}, log {paths.ServeLog})" : "not running"));
        if (running)
        {
            context.Out.WriteLine($"endpoint: 127.0.0.1:{port}");
            context.Out.WriteLine($"data plane: https://127.0.0.1:{dataPlanePort}");
            return null;
        }

        return new CliError(Failure.NotFound, "the local stand-in is not running", "nanothing local start");
    }
}
