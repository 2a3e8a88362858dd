using System.CommandLine;
using NanoThing.Cli.Execution;

namespace NanoThing.Cli.Commands;

/// <summary>The top-level commands, in the order of a device's life.</summary>
public static class CommandTable
{
    public static IEnumerable<Command> Create(CliContext context) =>
    [
        Cert.CertCommand.Create(context),
        Policy.PolicyCommand.Create(context),
        Register.RegisterCommand.Create(context),
        Bundle.BundleCommand.Create(context),
        Flash.FlashCommand.Create(context),
        Check.CheckCommand.Create(context),
        Shadow.ShadowCommand.Create(context),
        Telemetry.TelemetryCommand.Create(context),
        Local.LocalCommand.Create(context),
        Board.BoardCommand.Create(context),
        Demo.DemoCommand.Create(context),
    ];
}
