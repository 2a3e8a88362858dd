using System.CommandLine;
using NanoThing.Cli.Execution;
using NanoThing.LocalIot.Broker;

namespace NanoThing.Cli.Commands.Local;

/// <summary><c>nanothing local status</c>: whether mosquitto and the shadow service of this working directory run.
/// Exit code 0 and the endpoint when both run; <see cref="Failure.NotFound"/> otherwise.</summary>
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
        bool broker = MosquittoBroker.TryAttach(paths.Broker, out MosquittoBroker? running, out _);
        bool service = ServeProcess.TryRead(paths.ServePid, out int pid, out _);
        context.Out.WriteLine("data:           " + paths.Root);
        context.Out.WriteLine("mosquitto:      " + (broker ? $"running at {running!.Endpoint} (pid {running.ProcessId}, log {running.LogPath})" : "not running"));
        context.Out.WriteLine("shadow service: " + (service ? $"running (pid {pid}, log {paths.ServeLog})" : "not running"));
        if (broker && service)
        {
            context.Out.WriteLine($"endpoint: {running!.Endpoint}");
            return null;
        }

        return broker || service
            ? new CliError(Failure.NotFound, "the local stand-in is only partly running", "nanothing local stop, then nanothing local start")
            : new CliError(Failure.NotFound, "the local stand-in is not running", "nanothing local start");
    }
}
