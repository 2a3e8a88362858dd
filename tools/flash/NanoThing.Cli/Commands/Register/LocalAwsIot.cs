using System.Text.Json;
using System.Text.Json.Nodes;
using NanoThing.Cli.Commands.Local;
using NanoThing.Cli.Execution;
using NanoThing.LocalIot.Policies;
using NanoThing.LocalIot.Registry;

namespace NanoThing.Cli.Commands.Register;

/// <summary>
/// The AWS CLI calls <see cref="ThingRegistration"/> makes, answered by the local stand-in's registry instead of AWS
/// (<c>nanothing register --local</c>): the same commands, the same JSON fields and error codes as the AWS CLI prints
/// them (describe-thing, create-thing, describe-certificate, register-certificate-without-ca, update-certificate,
/// get-policy, create-policy, attach-policy, attach-thing-principal, describe-endpoint, sts get-caller-identity), so
/// the registration path of a real device is rehearsed step by step. AWS issuing a certificate from a CSR has no local
/// counterpart: that call answers with an error that says what to do instead.
/// </summary>
public sealed class LocalAwsIot(CliContext context, LocalRegistry registry)
{
    private const string CertificateArnPrefix = IotArn.Prefix + "cert/";

    /// <summary>Answers one AWS CLI call (arguments as <see cref="AwsCli"/> gets them, without <c>--output json</c>).</summary>
    public AwsReply Call(IReadOnlyList<string> arguments)
    {
        string command = arguments.Count >= 2 ? arguments[0] + " " + arguments[1] : string.Join(" ", arguments);
        return command switch
        {
            "sts get-caller-identity" => Ok(new JsonObject { ["Account"] = IotArn.Account, ["Arn"] = "arn:aws:iam::" + IotArn.Account + ":user/local" }),
            "iot describe-thing" => registry.Thing(Value(arguments, "--thing-name")) is { } thing
                ? Ok(new JsonObject { ["thingName"] = thing.Name, ["thingArn"] = IotArn.Thing(thing.Name) })
                : NotFound("Thing " + Value(arguments, "--thing-name") + " cannot be found."),
            "iot create-thing" => Changed(registry.CreateThing(Value(arguments, "--thing-name")),
                new JsonObject { ["thingName"] = Value(arguments, "--thing-name"), ["thingArn"] = IotArn.Thing(Value(arguments, "--thing-name")) }),
            "iot describe-certificate" => registry.Certificate(Value(arguments, "--certificate-id")) is { } certificate
                ? Ok(new JsonObject
                {
                    ["certificateDescription"] = new JsonObject
                    {
                        ["certificateArn"] = CertificateArnPrefix + certificate.Id,
                        ["certificateId"] = certificate.Id,
                        ["status"] = certificate.Status.ToString().ToUpperInvariant(),
                    },
                })
                : NotFound("The certificate " + Value(arguments, "--certificate-id") + " does not exist."),
            "iot register-certificate-without-ca" => RegisterWithoutCa(arguments),
            "iot update-certificate" => Changed(registry.SetStatus(Value(arguments, "--certificate-id"),
                Enum.Parse<CertificateStatus>(Value(arguments, "--new-status"), ignoreCase: true)), new JsonObject()),
            "iot get-policy" => registry.Policy(Value(arguments, "--policy-name")) is { } policy
                ? Ok(new JsonObject { ["policyName"] = policy.Name, ["policyDocument"] = policy.Document })
                : NotFound("Policy not found"),
            "iot create-policy" => ReadFile(Value(arguments, "--policy-document"), out string document) is { } unreadable
                ? unreadable
                : Changed(registry.CreatePolicy(Value(arguments, "--policy-name"), document), new JsonObject { ["policyName"] = Value(arguments, "--policy-name") }),
            "iot attach-policy" => Changed(registry.AttachPolicy(Value(arguments, "--policy-name"), CertificateId(Value(arguments, "--target"))), new JsonObject()),
            "iot attach-thing-principal" => Changed(registry.AttachThingPrincipal(Value(arguments, "--thing-name"), CertificateId(Value(arguments, "--principal"))), new JsonObject()),
            "iot describe-endpoint" => Ok(new JsonObject { ["endpointAddress"] = Endpoint() }),
            "iot create-certificate-from-csr" => new AwsReply(false, null, "InvalidRequestException",
                "the local stand-in does not sign CSRs like AWS IoT does; register a self-signed certificate (nanothing cert create) or issue one from the local CA (nanothing local provision)"),
            _ => new AwsReply(false, null, "InvalidRequestException", "the local stand-in does not implement `aws " + string.Join(" ", arguments) + "`"),
        };
    }

    private AwsReply RegisterWithoutCa(IReadOnlyList<string> arguments)
    {
        if (ReadFile(Value(arguments, "--certificate-pem"), out string pem) is { } unreadable)
        {
            return unreadable;
        }

        var status = Enum.Parse<CertificateStatus>(Value(arguments, "--status") is { Length: > 0 } given ? given : "ACTIVE", ignoreCase: true);
        string? error = registry.RegisterCertificate(pem, withoutCa: true, status, out string id);
        return Changed(error, new JsonObject { ["certificateArn"] = CertificateArnPrefix + id, ["certificateId"] = id });
    }

    /// <summary>The running stand-in's endpoint, else the one <c>local start</c> uses by default.</summary>
    private string Endpoint() =>
        "127.0.0.1:" + (ServeProcess.TryRead(LocalPaths.For(context).ServePid, out _, out int port) ? port : LocalStartCommand.DefaultPort);

    private static string CertificateId(string arn) => arn.StartsWith(CertificateArnPrefix, StringComparison.Ordinal) ? arn[CertificateArnPrefix.Length..] : arn;

    private static string Value(IReadOnlyList<string> arguments, string option)
    {
        for (int i = 0; i + 1 < arguments.Count; i++)
        {
            if (arguments[i] == option)
            {
                return arguments[i + 1];
            }
        }

        return "";
    }

    private AwsReply? ReadFile(string reference, out string content)
    {
        content = "";
        string path = Path.GetFullPath(reference.StartsWith("file://", StringComparison.Ordinal) ? reference["file://".Length..] : reference, context.WorkingDirectory);
        if (!File.Exists(path))
        {
            return new AwsReply(false, null, "InvalidRequestException", "the file " + path + " does not exist");
        }

        content = File.ReadAllText(path);
        return null;
    }

    private static AwsReply Ok(JsonObject json) => new(true, JsonDocument.Parse(json.ToJsonString()).RootElement.Clone(), "", "");

    private static AwsReply NotFound(string message) => new(false, null, "ResourceNotFoundException", message);

    private static AwsReply Changed(string? error, JsonObject json) => error is null ? Ok(json) : new AwsReply(false, null, "InvalidRequestException", error);
}
