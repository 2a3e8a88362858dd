using System.CommandLine;
using System.Text;
using NanoThing.Cli.Execution;
using NanoThing.Cli.Files;
using NanoThing.Cli.Things;
using NanoThing.LocalIot.Pki;

namespace NanoThing.Cli.Commands.Local;

/// <summary>
/// <c>nanothing local provision --thing &lt;name&gt; [--force]</c>: issues a device certificate (CN = thing name) from the
/// local CA (created on first use) into things/&lt;name&gt;/: device.crt, device.key (0600, never replaced without
/// --force) and root-ca.pem, the CA a client must trust to reach the local endpoint.
/// </summary>
public static class LocalProvisionCommand
{
    public static Command Create(CliContext context)
    {
        var thing = new ThingOptions();
        var force = CommonOptions.Force("device.crt and device.key");
        var command = new Command("provision", "Issue a device certificate from the local CA into things/<thing>/ (device.crt, device.key, root-ca.pem).");
        thing.AddTo(command);
        command.Options.Add(force);
        command.SetAction(parse => CommandRunner.Run(context, () => thing.TryResolve(parse, context, out var files, out var error)
            ? Execute(context, files, parse.GetValue(force))
            : error));
        return command;
    }

    public static CliError? Execute(CliContext context, ThingFiles files, bool force)
    {
        string thing = files.Thing.Value;
        var paths = LocalPaths.For(context);
        if (!LocalCa.TryLoadOrCreate(paths.Ca, out LocalCa? ca, out string caError))
        {
            return new CliError(Failure.FileSystem, $"the local CA in {paths.Ca} cannot be used: {caError}",
                $"remove {paths.Ca} to start over with a new CA (then provision every thing again)");
        }

        using (ca)
        {
            if (!ca.TryIssueThingCertificate(thing, out ClientCredentials? credentials, out string issueError))
            {
                return new CliError(Failure.InputInvalid, issueError, null);
            }

            Directory.CreateDirectory(files.Directory);
            if (!credentials.TryWrite(files.Certificate, files.Key, force, out string writeError))
            {
                return new CliError(Failure.FileExists, writeError, $"nanothing local provision --thing {thing} --force   (replaces the identity)");
            }

            CliError? error = SafeFile.WritePublic(files.RootCa, Encoding.ASCII.GetBytes(ca.CaCertificatePem + "\n"), true, "");
            if (error is not null)
            {
                return error;
            }
        }

        context.Out.WriteLine($"issued {files.Certificate} (CN={thing}, signed by the local CA)");
        context.Out.WriteLine($"wrote  {files.Key} (mode 0600)");
        context.Out.WriteLine($"wrote  {files.RootCa} (the CA to trust for the local endpoint)");
        context.Out.WriteLine($"next: nanothing local start   (then point the device or a client at the printed endpoint)");
        return null;
    }
}
