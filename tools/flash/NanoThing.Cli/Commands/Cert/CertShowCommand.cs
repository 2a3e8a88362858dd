using System.CommandLine;
using NanoThing.Cli.Execution;
using NanoThing.Cli.Identity;
using NanoThing.Cli.Things;

namespace NanoThing.Cli.Commands.Cert;

/// <summary>
/// <c>nanothing cert show --thing &lt;name&gt;</c>: subject, issuer, validity (with a warning when expired, not yet
/// valid or expiring within 30 days), SHA-1 thumbprint and AWS certificate ID of device.crt. Never reads the key.
/// </summary>
public static class CertShowCommand
{
    public static Command Create(CliContext context)
    {
        var thing = new ThingOptions();
        var command = new Command("show", "Show the device certificate: subject, issuer, validity, thumbprint, AWS certificate id.");
        thing.AddTo(command);
        command.SetAction(parse => CommandRunner.Run(context, () => thing.TryResolve(parse, context, out var files, out var error)
            ? Execute(context, files)
            : error));
        return command;
    }

    public static CliError? Execute(CliContext context, ThingFiles files)
    {
        string thing = files.Thing.Value;
        if (!CertificateFacts.TryLoad(files.Certificate,
                $"nanothing cert create --thing {thing}   (or, for the local stand-in: nanothing local provision --thing {thing})",
                out var certificate, out var error))
        {
            return error;
        }

        using (certificate)
        {
            CertificateFacts facts = CertificateFacts.Of(certificate!);
            TextWriter output = context.Out;
            output.WriteLine($"file:           {files.Certificate}");
            output.WriteLine($"subject:        {facts.Subject}");
            output.WriteLine($"issuer:         {facts.Issuer}");
            output.WriteLine($"not before:     {CertificateFacts.Format(facts.NotBefore)}");
            output.WriteLine($"not after:      {CertificateFacts.Format(facts.NotAfter)}");
            output.WriteLine($"sha1:           {facts.Sha1Thumbprint}");
            output.WriteLine($"certificate id: {facts.AwsCertificateId}");
            string? warning = facts.ValidityWarning(context.UtcNow());
            if (warning is not null)
            {
                context.Error.WriteLine($"warning: {files.Certificate}: {warning}");
                context.Error.WriteLine($"next:    nanothing cert create --thing {thing} --force   (then register the new certificate)");
            }
        }

        return null;
    }
}
