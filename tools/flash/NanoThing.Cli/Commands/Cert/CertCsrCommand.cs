using System.CommandLine;
using System.Security.Cryptography;
using System.Text;
using NanoThing.Cli.Execution;
using NanoThing.Cli.Files;
using NanoThing.Cli.Identity;
using NanoThing.Cli.Things;

namespace NanoThing.Cli.Commands.Cert;

/// <summary>
/// <c>nanothing cert csr --thing &lt;name&gt; [--key-type ...] [--force]</c>: a new key (device.key, 0600) and a
/// certificate signing request with CN=&lt;name&gt; (device.csr), for a certificate issued by AWS
/// (<c>register</c> uses create-certificate-from-csr) or by your own CA.
/// </summary>
public static class CertCsrCommand
{
    public static Command Create(CliContext context)
    {
        var thing = new ThingOptions();
        var keyType = KeyOptions.KeyType();
        var force = CommonOptions.Force("device.key and device.csr");
        var command = new Command("csr", "Create a key pair and a certificate signing request with CN=<thing>.");
        thing.AddTo(command);
        command.Options.Add(keyType);
        command.Options.Add(force);
        command.SetAction(parse => CommandRunner.Run(context, () => thing.TryResolve(parse, context, out var files, out var error)
            ? Execute(context, files, KeyTypeNames.Parse(parse.GetValue(keyType)!), parse.GetValue(force))
            : error));
        return command;
    }

    public static CliError? Execute(CliContext context, ThingFiles files, KeyType keyType, bool force)
    {
        string thing = files.Thing.Value;
        string forceHint = $"nanothing cert csr --thing {thing} --force   (replaces the key: any certificate issued for it stops matching)";
        CliError? refused = SafeFile.RefuseExisting(force, forceHint, files.Key, files.Csr);
        if (refused is not null)
        {
            return refused;
        }

        using AsymmetricAlgorithm key = DeviceIdentityFactory.CreateKey(keyType);
        CliError? error = SafeFile.WriteSecret(files.Key, Encoding.ASCII.GetBytes(DeviceIdentityFactory.ExportKeyPem(key)), force, forceHint)
            ?? SafeFile.WritePublic(files.Csr, Encoding.ASCII.GetBytes(DeviceIdentityFactory.CreateCsrPem(key, files.Thing) + "\n"), true, forceHint);
        if (error is not null)
        {
            return error;
        }

        context.Out.WriteLine($"created {files.Key} ({KeyTypeNames.Describe(keyType)}, mode 0600)");
        context.Out.WriteLine($"created {files.Csr} (CN={thing})");
        context.Out.WriteLine($"next: nanothing register --thing {thing}   (AWS issues device.crt from the CSR)");
        return null;
    }
}
