using System.CommandLine;
using NanoThing.Cli.Execution;

namespace NanoThing.Cli.Commands.Cert;

/// <summary><c>nanothing cert create|csr|show</c>: the device's X.509 identity.</summary>
public static class CertCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("cert", "Create and inspect the device's key and certificate.");
        command.Subcommands.Add(CertCreateCommand.Create(context));
        command.Subcommands.Add(CertCsrCommand.Create(context));
        command.Subcommands.Add(CertShowCommand.Create(context));
        return command;
    }
}
