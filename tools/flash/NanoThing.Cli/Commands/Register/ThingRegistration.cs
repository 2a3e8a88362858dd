using System.Text;
using System.Text.Json.Nodes;
using NanoThing.Cli.Commands.Policy;
using NanoThing.Cli.Execution;
using NanoThing.Cli.Files;
using NanoThing.Cli.Identity;
using NanoThing.Cli.Things;

namespace NanoThing.Cli.Commands.Register;

/// <summary>
/// Registers one thing in AWS IoT, idempotently: each resource is looked up (describe/get) before it is created,
/// so a second run changes nothing and a run interrupted half-way resumes. Order: caller identity (credentials
/// check), thing, certificate (registered without CA from device.crt, or issued from device.csr), policy, policy
/// attached to the certificate, certificate attached to the thing, ATS data endpoint.
/// </summary>
public sealed class ThingRegistration(CliContext context, AwsCli aws, ThingFiles files, DevicePolicy device)
{
    private string Thing => files.Thing.Value;
    private string Rerun => $"nanothing register --thing {Thing}" + device.Flags;

    public CliError? Run()
    {
        string policyName = device.Name;
        string[] identity = ["sts", "get-caller-identity"];
        AwsReply caller = aws.Read(identity);
        if (!caller.Succeeded && !aws.DryRun)
        {
            return AwsFailures.ToError(caller, identity, Rerun);
        }

        string? certificateArn = null;
        AwsReply? endpoint = null;
        CliError? error = EnsureThing()
            ?? EnsureCertificate(out certificateArn)
            ?? EnsurePolicy(policyName)
            ?? Change(["iot", "attach-policy", "--policy-name", policyName, "--target", certificateArn!], out _)
            ?? Change(["iot", "attach-thing-principal", "--thing-name", Thing, "--principal", certificateArn!], out _)
            ?? Read(["iot", "describe-endpoint", "--endpoint-type", "iot:Data-ATS"], out endpoint);
        if (error is not null || aws.DryRun)
        {
            return error;
        }

        string host = endpoint!.Get("endpointAddress") ?? "";
        context.Out.WriteLine($"registered thing {Thing}: certificate {certificateArn} (ACTIVE), policy {policyName}");
        context.Out.WriteLine($"endpoint: {host}");
        context.Out.WriteLine($"next: nanothing bundle --thing {Thing} --endpoint {host} --wifi-ssid <ssid> --wifi-password <password> --root-ca AmazonRootCA1.pem --root-ca AmazonRootCA3.pem");
        return null;
    }

    private CliError? EnsureThing()
    {
        AwsReply found = aws.Read("iot", "describe-thing", "--thing-name", Thing);
        if (found.Succeeded)
        {
            context.Out.WriteLine($"  thing {Thing} exists");
            return null;
        }

        if (!found.IsNotFound)
        {
            return AwsFailures.ToError(found, ["iot", "describe-thing", "--thing-name", Thing], Rerun);
        }

        string[] create = ["iot", "create-thing", "--thing-name", Thing];
        AwsReply created = aws.Change(create);
        return created.Succeeded || created.IsAlreadyExists ? null : AwsFailures.ToError(created, create, Rerun);
    }

    private CliError? EnsureCertificate(out string? arn)
    {
        arn = null;
        if (File.Exists(files.Certificate))
        {
            return EnsureRegistered(out arn);
        }

        string[] create = ["iot", "create-certificate-from-csr", "--certificate-signing-request", "file://" + files.Csr, "--set-as-active"];
        AwsReply issued = aws.Change(create);
        if (!issued.Succeeded)
        {
            return AwsFailures.ToError(issued, create, Rerun);
        }

        arn = issued.Get("certificateArn");
        string? pem = issued.Get("certificatePem");
        if (aws.DryRun || pem is null)
        {
            return null;
        }

        CliError? error = SafeFile.WritePublic(files.Certificate, Encoding.ASCII.GetBytes(pem), false, Rerun);
        context.Out.WriteLine($"  wrote {files.Certificate} (issued by AWS IoT from {files.Csr})");
        return error;
    }

    private CliError? EnsureRegistered(out string? arn)
    {
        arn = null;
        if (!CertificateFacts.TryLoad(files.Certificate, $"nanothing cert create --thing {Thing} --force", out var certificate, out var error))
        {
            return error;
        }

        string id;
        using (certificate)
        {
            id = CertificateFacts.Of(certificate!).AwsCertificateId;
        }

        string[] describe = ["iot", "describe-certificate", "--certificate-id", id];
        AwsReply found = aws.Read(describe);
        if (found.Succeeded)
        {
            arn = found.Get("certificateDescription", "certificateArn");
            return EnsureActive(id, found.Get("certificateDescription", "status"));
        }

        if (!found.IsNotFound)
        {
            return AwsFailures.ToError(found, describe, Rerun);
        }

        string[] register = ["iot", "register-certificate-without-ca", "--certificate-pem", "file://" + files.Certificate, "--status", "ACTIVE"];
        AwsReply registered = aws.Change(register);
        if (registered.IsAlreadyExists)
        {
            AwsReply again = aws.Read(describe);
            arn = again.Get("certificateDescription", "certificateArn");
            return again.Succeeded ? null : AwsFailures.ToError(again, describe, Rerun);
        }

        arn = registered.Get("certificateArn");
        return registered.Succeeded ? null : AwsFailures.ToError(registered, register, Rerun);
    }

    private CliError? EnsureActive(string id, string? status)
    {
        context.Out.WriteLine($"  certificate {id} is registered ({status})");
        if (status == "ACTIVE")
        {
            return null;
        }

        if (status == "INACTIVE")
        {
            return Change(["iot", "update-certificate", "--certificate-id", id, "--new-status", "ACTIVE"], out _);
        }

        return new CliError(Failure.Rejected, $"certificate {id} ({files.Certificate}) is {status} in AWS IoT and cannot be activated again",
            $"nanothing cert create --thing {Thing} --force, then {Rerun}");
    }

    private CliError? EnsurePolicy(string name)
    {
        string document = IotPolicy.Generate(device);
        string[] get = ["iot", "get-policy", "--policy-name", name];
        AwsReply found = aws.Read(get);
        if (found.Succeeded)
        {
            bool same = JsonNode.DeepEquals(JsonNode.Parse(found.Get("policyDocument") ?? "null"), JsonNode.Parse(document));
            context.Out.WriteLine($"  policy {name} exists" + (same ? "" : " with a different document (left unchanged)"));
            if (!same)
            {
                context.Error.WriteLine($"warning: AWS IoT policy {name} differs from `nanothing policy{device.Flags}`; to update it: "
                    + AwsCli.Format(["iot", "create-policy-version", "--policy-name", name, "--policy-document", "file://" + files.Policy, "--set-as-default"]));
            }
        }
        else if (!found.IsNotFound)
        {
            return AwsFailures.ToError(found, get, Rerun);
        }

        if (!aws.DryRun)
        {
            CliError? written = SafeFile.WritePublic(files.Policy, Encoding.UTF8.GetBytes(document + "\n"), true, Rerun);
            if (written is not null || found.Succeeded)
            {
                return written;
            }
        }

        return Change(["iot", "create-policy", "--policy-name", name, "--policy-document", "file://" + files.Policy], out _);
    }

    private CliError? Change(string[] arguments, out AwsReply reply)
    {
        reply = aws.Change(arguments);
        return reply.Succeeded ? null : AwsFailures.ToError(reply, arguments, Rerun);
    }

    private CliError? Read(string[] arguments, out AwsReply reply)
    {
        reply = aws.Read(arguments);
        return reply.Succeeded || aws.DryRun ? null : AwsFailures.ToError(reply, arguments, Rerun);
    }
}
