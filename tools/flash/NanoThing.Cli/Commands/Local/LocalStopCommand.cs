using System.CommandLine;
using NanoThing.Cli.Execution;
using NanoThing.LocalIot.Broker;

namespace NanoThing.Cli.Commands.Local;

/// <summary><c>nanothing local stop</c>: stops the shadow service and mosquitto that <c>local start</c> started from this
/// working directory. Not running is not an error. Shadows and the CA stay in the data folder.</summary>
public static class LocalStopCommand
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    public static Command Create(CliContext context)
    {
        var command = new Command("stop", "Stop the local stand-in started from this folder (shadows and CA are kept).");
        command.SetAction(parse => CommandRunner.Run(context, () =>
        {
            var paths = LocalPaths.For(context);
            (bool service, bool broker) = StopAll(paths);
            context.Out.WriteLine(service || broker
                ? $"stopped the local stand-in ({(service ? "shadow service" : "")}{(service && broker ? " and " : "")}{(broker ? "mosquitto" : "")}); shadows kept in {paths.Shadows}"
                : "the local stand-in is not running: nothing to stop");
            return null;
        }));
        return command;
    }

    /// <summary>Stops whatever of the stand-in runs; says which parts were running.</summary>
    public static (bool Service, bool Broker) StopAll(LocalPaths paths)
    {
        bool service = ServeProcess.TryRead(paths.ServePid, out int pid, out _);
        if (service)
        {
            ServeProcess.Terminate(pid, StopTimeout);
            File.Delete(paths.ServePid);
        }

        bool broker = MosquittoBroker.TryAttach(paths.Broker, out MosquittoBroker? running, out _);
        if (broker)
        {
            running!.StopAsync().GetAwaiter().GetResult();
        }

        return (service, broker);
    }
}
