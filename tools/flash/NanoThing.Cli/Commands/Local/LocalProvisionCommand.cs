using System.CommandLine;
using System.Text;
using NanoThing.Cli.Commands.Policy;
using NanoThing.Cli.Execution;
using NanoThing.Cli.Files;
using NanoThing.Cli.Things;
using NanoThing.LocalIot.Pki;
using NanoThing.LocalIot.Registry;

namespace NanoThing.Cli.Commands.Local;

/// <summary>
/// <c>nanothing local provision --thing &lt;name&gt; [--force]</c>: as AWS IoT would be set up for a device — creates the
/// thing in the stand-in's registry, issues its certificate from the local CA (created on first use), registers it
/// ACTIVE, creates the policy <c>nanothing policy --thing</c> prints by default (shadow and telemetry topics, as
/// <c>NanoThingShadowTelemetry</c>, the name <c>register --telemetry</c> uses on AWS) and attaches it to the certificate and the certificate to the thing. Writes
/// things/&lt;name&gt;/: device.crt, device.key (0600, never replaced without --force) and root-ca.pem.
/// <c>local provision --app &lt;name&gt; [--policy FILE]</c>: an application identity (console, backend, test) in
/// apps/&lt;name&gt;/ (client.crt, client.key 0600, root-ca.pem) with the policy in FILE or, by default, one that may
/// publish to every thing's shadow topics and subscribe to and receive everything.
/// </summary>
public static class LocalProvisionCommand
{
    public static Command Create(CliContext context)
    {
        var thing = new ThingOptions();
        thing.Thing.Required = false;
        var app = new Option<string?>("--app") { Description = "Provision an application identity (a console, a backend, a test) with this name instead of a thing." };
        var policy = new Option<string?>("--policy") { Description = "With --app: the AWS IoT policy document (JSON file) to attach instead of the default backend policy." };
        var force = CommonOptions.Force("the certificate and key");
        var command = new Command("provision", "Register a thing (or, with --app, an application identity) in the local stand-in and issue its certificate from the local CA.");
        thing.AddTo(command);
        command.Options.Add(app);
        command.Options.Add(policy);
        command.Options.Add(force);
        command.Validators.Add(result =>
        {
            bool hasThing = result.GetResult(thing.Thing) is not null, hasApp = result.GetResult(app) is not null;
            if (hasThing == hasApp)
            {
                result.AddError("give exactly one of --thing <name> (a device) or --app <name> (an application identity)");
            }
        });
        command.SetAction(parse => CommandRunner.Run(context, () =>
        {
            if (parse.GetValue(app) is { } name)
            {
                return ExecuteApplication(context, name, parse.GetValue(policy), parse.GetValue(force));
            }

            if (parse.GetValue(policy) is not null)
            {
                return new CliError(Failure.InputInvalid, "--policy is for --app; a thing gets the policy `nanothing policy` prints", "nanothing local provision --thing <name>");
            }

            return thing.TryResolve(parse, context, out var files, out var error) ? Execute(context, files, parse.GetValue(force)) : error;
        }));
        return command;
    }

    public static CliError? Execute(CliContext context, ThingFiles files, bool force)
    {
        string thing = files.Thing.Value;
        var paths = LocalPaths.For(context);
        string policyName = DevicePolicy.ClassicWithTelemetry.Name;
        CliError? error = SafeFile.RefuseExisting(force, $"nanothing local provision --thing {thing} --force   (replaces the identity)", files.Certificate, files.Key);
        LocalCa? ca = null;
        LocalRegistry? registry = null;
        error ??= Open(paths, out ca, out registry);
        if (error is not null)
        {
            return error;
        }

        using (ca)
        {
            if (!LocalProvisioning.TryProvisionThing(ca!, registry!, thing, policyName, Policy.IotPolicy.Generate(DevicePolicy.ClassicWithTelemetry), out ClientCredentials? credentials, out string provisionError))
            {
                return new CliError(Failure.InputInvalid, provisionError, null);
            }

            error = WriteIdentity(context, files.Directory, files.Certificate, files.Key, files.RootCa, credentials, ca!, force, $"nanothing local provision --thing {thing} --force");
            if (error is not null)
            {
                return error;
            }
        }

        context.Out.WriteLine($"registered thing {thing} in {registry!.FilePath}: certificate ACTIVE, policy {policyName} attached, certificate attached to the thing");
        context.Out.WriteLine($"issued {files.Certificate} (CN={thing}, signed by the local CA)");
        context.Out.WriteLine($"wrote  {files.Key} (mode 0600)");
        context.Out.WriteLine($"wrote  {files.RootCa} (the CA to trust for the local endpoint)");
        context.Out.WriteLine($"next: nanothing local start   (then point the device or a client at the printed endpoint)");
        return null;
    }

    internal static CliError? ExecuteApplication(CliContext context, string name, string? policyFile, bool force)
    {
        var paths = LocalPaths.For(context);
        string folder = Path.Combine(context.WorkingDirectory, "apps", name);
        string certificate = Path.Combine(folder, "client.crt"), key = Path.Combine(folder, "client.key"), rootCa = Path.Combine(folder, "root-ca.pem");
        string policyName = LocalProvisioning.ApplicationPolicyName(name);
        string document;
        if (policyFile is null)
        {
            document = LocalProvisioning.ApplicationPolicy(name);
        }
        else
        {
            string full = Path.GetFullPath(policyFile, context.WorkingDirectory);
            if (!File.Exists(full))
            {
                return new CliError(Failure.NotFound, $"the policy file {full} does not exist", $"nanothing local provision --app {name}   (the default backend policy)");
            }

            document = File.ReadAllText(full);
        }

        CliError? error = SafeFile.RefuseExisting(force, $"nanothing local provision --app {name} --force   (replaces the identity)", certificate, key);
        LocalCa? ca = null;
        LocalRegistry? registry = null;
        error ??= Open(paths, out ca, out registry);
        if (error is not null)
        {
            return error;
        }

        using (ca)
        {
            if (!LocalProvisioning.TryProvisionApplication(ca!, registry!, name, policyName, document, out ClientCredentials? credentials, out string provisionError))
            {
                return new CliError(Failure.InputInvalid, provisionError, policyFile is null ? null : $"fix {policyFile}, then nanothing local provision --app {name} --policy {policyFile}");
            }

            error = WriteIdentity(context, folder, certificate, key, rootCa, credentials, ca!, force, $"nanothing local provision --app {name} --force");
            if (error is not null)
            {
                return error;
            }
        }

        context.Out.WriteLine($"registered application {name} in {registry!.FilePath}: certificate ACTIVE, policy {policyName} attached");
        context.Out.WriteLine($"issued {certificate} (CN={name}; connect with client id {name})");
        context.Out.WriteLine($"wrote  {key} (mode 0600)");
        context.Out.WriteLine($"wrote  {rootCa} (the CA to trust for the local endpoint)");
        return null;
    }

    private static CliError? Open(LocalPaths paths, out LocalCa? ca, out LocalRegistry? registry)
    {
        registry = null;
        if (!LocalCa.TryLoadOrCreate(paths.Ca, out ca, out string caError))
        {
            return new CliError(Failure.FileSystem, $"the local CA in {paths.Ca} cannot be used: {caError}",
                $"remove {paths.Ca} to start over with a new CA (then provision every thing again)");
        }

        if (!LocalRegistry.TryOpen(paths.Root, out registry, out string registryError))
        {
            ca.Dispose();
            ca = null;
            return new CliError(Failure.FileSystem, registryError, $"remove {Path.Combine(paths.Root, LocalRegistry.FileName)} to start over (then provision every thing again)");
        }

        return null;
    }

    private static CliError? WriteIdentity(CliContext context, string folder, string certificate, string key, string rootCa, ClientCredentials credentials, LocalCa ca, bool force, string forceHint)
    {
        Directory.CreateDirectory(folder);
        if (!credentials.TryWrite(certificate, key, force, out string writeError))
        {
            return new CliError(Failure.FileExists, writeError, forceHint + "   (replaces the identity)");
        }

        return SafeFile.WritePublic(rootCa, Encoding.ASCII.GetBytes(ca.CaCertificatePem + "\n"), true, "");
    }
}
