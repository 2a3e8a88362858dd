using System.CommandLine;
using NanoThing.Cli.Execution;

namespace NanoThing.Cli.Commands.Local;

/// <summary><c>nanothing local start|stop|status|provision|log</c>: the local AWS IoT Core stand-in (MQTT broker with client certificates
/// + the Device Shadow service), state in <see cref="LocalPaths.RelativeRoot"/>.</summary>
public static class LocalCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("local", "Run the local AWS IoT stand-in (MQTT broker + Device Shadow service, one process) and issue device certificates for it.");
        command.Subcommands.Add(LocalStartCommand.Create(context));
        command.Subcommands.Add(LocalStopCommand.Create(context));
        command.Subcommands.Add(LocalStatusCommand.Create(context));
        command.Subcommands.Add(LocalProvisionCommand.Create(context));
        command.Subcommands.Add(LocalEnvCommand.Create(context));
        command.Subcommands.Add(LocalLogCommand.Create(context));
        command.Subcommands.Add(LocalServeCommand.Create(context));
        return command;
    }
}
