using System.CommandLine;
using NanoThing.Cli.Commands.Policy;
using NanoThing.Cli.Execution;
using NanoThing.Cli.Things;

namespace NanoThing.Cli.Commands.Register;

/// <summary>
/// <c>nanothing register --thing &lt;name&gt; [--shadow &lt;name&gt;] [--telemetry] [--dry-run]</c>: registers the thing, its certificate and
/// policy in AWS IoT with the AWS CLI (<see cref="ThingRegistration"/>) and prints the ATS data endpoint.
/// <c>--dry-run</c> prints the exact commands of a first registration without running anything; <c>--local</c> runs
/// the same steps against the local stand-in's registry (<see cref="LocalAwsIot"/>).
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
        var local = new Option<bool>("--local") { Description = "Run the same steps against the local stand-in's registry instead of AWS (no AWS account needed)." };
        var command = new Command("register", "Register the thing, its certificate and policy in AWS IoT (AWS CLI); print the endpoint.");
        thing.AddTo(command);
        command.Options.Add(shadow);
        command.Options.Add(telemetry);
        command.Options.Add(dryRun);
        command.Options.Add(local);
        command.SetAction(parse => CommandRunner.Run(context, () =>
            !thing.TryResolve(parse, context, out var files, out var error) || !PolicyCommand.TryGetDevice(parse, telemetry, shadow, out var device, out error)
                ? error
                : parse.GetValue(local)
                    ? (parse.GetValue(dryRun) ? new CliError(Failure.InputInvalid, "--dry-run is for AWS; --local changes only the local registry", $"nanothing register --thing {files.Thing.Value} --local") : ExecuteLocal(context, files, device))
                    : Execute(context, files, device, parse.GetValue(dryRun))));
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

    /// <summary>
    /// <c>register --local</c>: the same registration steps, answered by the local stand-in's registry
    /// (<see cref="LocalAwsIot"/>); the device's own certificate is registered without a CA, as on AWS. Writes the local
    /// CA as the thing's root-ca.pem, so <c>check</c> and the virtual board can reach the local endpoint.
    /// </summary>
    public static CliError? ExecuteLocal(CliContext context, ThingFiles files, Policy.DevicePolicy device)
    {
        string thing = files.Thing.Value;
        if (!File.Exists(files.Certificate))
        {
            return new CliError(Failure.NotFound, $"{files.Certificate} does not exist: there is no certificate to register (the local stand-in does not sign CSRs)",
                $"nanothing cert create --thing {thing}, then nanothing register --thing {thing} --local");
        }

        var paths = Local.LocalPaths.For(context);
        if (!LocalIot.Pki.LocalCa.TryLoadOrCreate(paths.Ca, out var ca, out string caError))
        {
            return new CliError(Failure.FileSystem, $"the local CA in {paths.Ca} cannot be used: {caError}", $"remove {paths.Ca} to start over with a new CA");
        }

        string caPem;
        using (ca)
        {
            caPem = ca.CaCertificatePem;
        }

        if (!LocalIot.Registry.LocalRegistry.TryOpen(paths.Root, out var registry, out string registryError))
        {
            return new CliError(Failure.FileSystem, registryError, $"remove {Path.Combine(paths.Root, LocalIot.Registry.LocalRegistry.FileName)} to start over");
        }

        CliError? error = new ThingRegistration(context, new AwsCli(context, null, false, new LocalAwsIot(context, registry)), files, device).Run();
        if (error is not null)
        {
            return error;
        }

        error = Files.SafeFile.WritePublic(files.RootCa, System.Text.Encoding.ASCII.GetBytes(caPem + "\n"), true, "");
        context.Out.WriteLine($"wrote {files.RootCa} (the local CA: the stand-in's server certificate chains to it; for AWS use Amazon's root CAs)");
        context.Out.WriteLine($"next: nanothing local start, then nanothing check --thing {thing}");
        return error;
    }
}
