using NanoThing.Cli.Commands.Register;
using NanoThing.Cli.Execution;

namespace NanoThing.Cli.Commands.Shadow;

/// <summary>Turns a failed data-plane call into an error naming the shadow, the data plane, AWS's reason and the next step.</summary>
public static class ShadowFailures
{
    /// <summary>The error for <paramref name="reply"/> of <paramref name="operation"/> (e.g. "get") on <paramref name="what"/>
    /// ("the shadow of kitchen"); <paramref name="rerun"/> is the command to run again.</summary>
    public static CliError ToError(AwsReply reply, IShadowDataPlane plane, string operation, string what, string thing, string rerun)
    {
        string reason = reply.ErrorCode.Length > 0 ? $"{reply.ErrorCode}: {reply.Message}" : reply.Message;
        return reply.ErrorCode switch
        {
            IShadowDataPlane.Unreachable => new CliError(Failure.ConnectFailed, $"{plane.Description} did not answer the {operation} of {what}: {reply.Message}",
                plane is LocalDataPlane ? "nanothing local status   (start it with nanothing local start)" : "check the endpoint (aws iot describe-endpoint --endpoint-type iot:Data-ATS) and the network"),
            "ResourceNotFoundException" => new CliError(Failure.NotFound, $"{what} does not exist ({reply.Message})",
                $"nanothing shadow update --thing {thing}{(what.StartsWith("shadow ", StringComparison.Ordinal) ? " --shadow-name " + what.Split(' ')[1] : "")} --desired '{{\"led\":true}}'   (or start the device, which reports its state)"),
            "ConflictException" => new CliError(Failure.Rejected, $"{plane.Description} rejected the {operation} of {what}: {reason}", $"read the current version with nanothing shadow get --thing {thing}, then {rerun}"),
            "InvalidRequestException" or "RequestEntityTooLargeException" or "UnsupportedDocumentEncodingException" =>
                new CliError(Failure.InputInvalid, $"{plane.Description} rejected the {operation} of {what}: {reason}", "fix the document (a JSON object, UTF-8, state under 8 KB), then " + rerun),
            "ThrottlingException" => new CliError(Failure.Rejected, $"{plane.Description} throttled the {operation} of {what}: {reason}", "wait a moment, then " + rerun),
            "ForbiddenException" or "UnauthorizedException" when plane is LocalDataPlane =>
                new CliError(Failure.Rejected, $"{plane.Description} refused the {operation} of {what}: {reason}",
                    "the local credentials' policy is in .nanothing/local/credentials.json (edit \"policy\", then nanothing local stop && nanothing local start); the refusal is logged in .nanothing/local/serve.log"),
            _ when plane is AwsCliDataPlane => AwsFailures.ToError(reply, ["iot-data", operation], rerun),
            _ => new CliError(Failure.Rejected, $"{plane.Description} rejected the {operation} of {what}: {reason}", null),
        };
    }
}
