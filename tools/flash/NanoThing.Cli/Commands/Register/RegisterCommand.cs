using System.CommandLine;
using NanoThing.Cli.Commands.Policy;
using NanoThing.Cli.Execution;
using NanoThing.Cli.Things;

namespace NanoThing.Cli.Commands.Register;

/// <summary>
/// <c>nanothing register --thing &lt;name&gt; [--shadow &lt;name&gt;] [--telemetry] [--dry-run]</c>: registers the thing, its certificate and
/// policy in AWS IoT with the AWS CLI (<see cref="ThingRegistration"/>) and prints the ATS data endpoint.
/// <c>--dry-run</c> prints the exact commands of a first registration without running anything.
/// </summary>
public static class RegisterCommand
{
    public const string InstallAwsCli = "https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html";

    public static Command Create(CliContext context)
    {
        var thing = new ThingOptions();
        var telemetry = PolicyCommand.TelemetryOption();
        var shadow = PolicyCommand.ShadowOption();
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the aws commands of a first registration; run nothing." };
        var command = new Command("register", "Register the thing, its certificate and policy in AWS IoT (AWS CLI); print the endpoint.");
        thing.AddTo(command);
        command.Options.Add(shadow);
        command.Options.Add(telemetry);
        command.Options.Add(dryRun);
        command.SetAction(parse => CommandRunner.Run(context, () =>
            thing.TryResolve(parse, context, out var files, out var error) && PolicyCommand.TryGetDevice(parse, telemetry, shadow, out var device, out error)
                ? Execute(context, files, device, parse.GetValue(dryRun))
                : error));
        return command;
    }

    public static CliError? Execute(CliContext context, ThingFiles files, DevicePolicy device, bool dryRun)
    {
        string thing = files.Thing.Value;
        if (!File.Exists(files.Certificate) && !File.Exists(files.Csr))
        {
            return new CliError(Failure.NotFound, $"neither {files.Certificate} nor {files.Csr} exists: there is no certificate to register",
                $"nanothing cert create --thing {thing}   (self-signed), or nanothing cert csr --thing {thing}   (AWS issues the certificate)");
        }

        string? executable = ExternalProgram.Find(context, "aws");
        if (executable is null && !dryRun)
        {
            return new CliError(Failure.ExternalToolMissing, "the AWS CLI (`aws`) is not installed or not on PATH",
                $"install AWS CLI v2 ({InstallAwsCli}), run `aws configure`, then nanothing register --thing {thing}   (or see the commands with --dry-run)");
        }

        if (dryRun)
        {
            context.Out.WriteLine($"# dry run: the commands `nanothing register --thing {thing}` runs for a thing not registered yet;");
            context.Out.WriteLine("# each create is skipped when the describe/get before it finds the resource. Nothing was run.");
            context.Out.WriteLine($"# the real run writes {files.Policy} first (the output of `nanothing policy --thing {thing}{device.Flags}`).");
        }

        return new ThingRegistration(context, new AwsCli(context, executable, dryRun), files, device).Run();
    }
}
