using System.CommandLine;
using System.Security.Cryptography;
using System.Text;
using NanoThing.Cli.Execution;
using NanoThing.Cli.Files;
using NanoThing.Cli.Identity;
using NanoThing.Cli.Things;

namespace NanoThing.Cli.Commands.Cert;

/// <summary>
/// <c>nanothing cert create --thing &lt;name&gt; [--key-type ecdsa-p256|rsa-2048] [--days N] [--force]</c>: a new key
/// (device.key, PKCS#8 PEM, mode 0600) and a self-signed certificate with CN=&lt;name&gt; (device.crt). Refuses to
/// replace either file without --force, and then checks both before writing anything.
/// </summary>
public static class CertCreateCommand
{
    public const int DefaultDays = 365;
    public const int MaxDays = 36500;

    public static Command Create(CliContext context)
    {
        var thing = new ThingOptions();
        var keyType = KeyOptions.KeyType();
        var days = new Option<int>("--days") { Description = "Validity in days (default 365).", DefaultValueFactory = _ => DefaultDays };
        var force = CommonOptions.Force("device.key and device.crt (the old identity is lost)");
        var command = new Command("create", "Create a key pair and a self-signed certificate with CN=<thing>.");
        thing.AddTo(command);
        command.Options.Add(keyType);
        command.Options.Add(days);
        command.Options.Add(force);
        command.SetAction(parse => CommandRunner.Run(context, () => thing.TryResolve(parse, context, out var files, out var error)
            ? Execute(context, files, KeyTypeNames.Parse(parse.GetValue(keyType)!), parse.GetValue(days), parse.GetValue(force))
            : error));
        return command;
    }

    public static CliError? Execute(CliContext context, ThingFiles files, KeyType keyType, int days, bool force)
    {
        string thing = files.Thing.Value;
        if (days < 1 || days > MaxDays)
        {
            return new CliError(Failure.InputInvalid, $"--days {days} is out of range (1 to {MaxDays})",
                $"nanothing cert create --thing {thing} --days {DefaultDays}");
        }

        string forceHint = $"nanothing cert create --thing {thing} --force   (replaces the identity: register it again afterwards)";
        CliError? refused = SafeFile.RefuseExisting(force, forceHint, files.Key, files.Certificate);
        if (refused is not null)
        {
            return refused;
        }

        using AsymmetricAlgorithm key = DeviceIdentityFactory.CreateKey(keyType);
        using var certificate = DeviceIdentityFactory.CreateSelfSigned(key, files.Thing, context.UtcNow(), days);
        CliError? error = SafeFile.WriteSecret(files.Key, Encoding.ASCII.GetBytes(DeviceIdentityFactory.ExportKeyPem(key)), force, forceHint)
            ?? SafeFile.WritePublic(files.Certificate, Encoding.ASCII.GetBytes(certificate.ExportCertificatePem() + "\n"), true, forceHint);
        if (error is not null)
        {
            return error;
        }

        CertificateFacts facts = CertificateFacts.Of(certificate);
        context.Out.WriteLine($"created {files.Key} ({KeyTypeNames.Describe(keyType)}, mode 0600)");
        context.Out.WriteLine($"created {files.Certificate} (CN={thing}, self-signed, valid until {CertificateFacts.Format(facts.NotAfter)})");
        context.Out.WriteLine($"certificate id: {facts.AwsCertificateId}");
        context.Out.WriteLine($"next: nanothing register --thing {thing}   (or: nanothing policy --thing {thing})");
        return null;
    }
}
