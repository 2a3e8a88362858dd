using System.CommandLine;
using NanoThing.Cli.Execution;

namespace NanoThing.Cli.Commands.Local;

/// <summary><c>nanothing local stop</c>: stops the stand-in process that <c>local start</c> started from this working
/// directory. Not running is not an error. Shadows and the CA stay in the data folder.</summary>
public static class LocalStopCommand
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    public static Command Create(CliContext context)
    {
        var command = new Command("stop", "Stop the local stand-in started from this folder (shadows, CA, persistent sessions and retained messages are kept).");
        command.SetAction(parse => CommandRunner.Run(context, () =>
        {
            var paths = LocalPaths.For(context);
            context.Out.WriteLine(Stop(paths)
                ? $"stopped the local stand-in; shadows kept in {paths.Shadows}, persistent sessions and retained messages in {paths.Broker}"
                : "the local stand-in is not running: nothing to stop");
            return null;
        }));
        return command;
    }

    /// <summary>Stops the stand-in of <paramref name="paths"/>; false when it was not running.</summary>
    public static bool Stop(LocalPaths paths)
    {
        if (!ServeProcess.TryRead(paths.ServePid, out int pid, out _))
        {
            return false;
        }

        ServeProcess.Terminate(pid, StopTimeout);
        File.Delete(paths.ServePid);
        return true;
    }
}
