using NanoThing.Cli.Execution;

namespace NanoThing.Cli.Commands.Register;

/// <summary>Turns a failed <see cref="AwsReply"/> into an error that names the command, AWS's reason and the next step.</summary>
public static class AwsFailures
{
    private static readonly string[] Refusals = ["AccessDeniedException", "UnauthorizedException", "ForbiddenException", "AccessDenied", "UnauthorizedOperation"];
    private static readonly string[] BadCredentials = ["ExpiredToken", "ExpiredTokenException", "InvalidClientTokenId", "UnrecognizedClientException", "InvalidSignatureException"];

    /// <summary>The error for <paramref name="reply"/> of the call <paramref name="arguments"/>; <paramref name="rerun"/> is
    /// the nanothing command that resumes the work.</summary>
    public static CliError ToError(AwsReply reply, string[] arguments, string rerun)
    {
        string command = AwsCli.Format(arguments);
        if (reply.Message.Contains("Unable to locate credentials", StringComparison.Ordinal))
        {
            return new CliError(Failure.ExternalToolFailed, $"the AWS CLI has no credentials, so `{command}` could not run",
                $"aws configure   (or set AWS_PROFILE / aws sso login), then {rerun}");
        }

        if (reply.Message.Contains("You must specify a region", StringComparison.Ordinal))
        {
            return new CliError(Failure.ExternalToolFailed, $"the AWS CLI has no region configured, so `{command}` could not run",
                $"aws configure set region <your-region>   (e.g. eu-west-1), then {rerun}");
        }

        if (BadCredentials.Contains(reply.ErrorCode))
        {
            return new CliError(Failure.Rejected, $"AWS rejected the credentials for `{command}`: {reply.ErrorCode}: {reply.Message}",
                $"refresh them (aws sso login, or aws configure), then {rerun}");
        }

        if (Refusals.Contains(reply.ErrorCode))
        {
            return new CliError(Failure.Rejected, $"AWS refused `{command}`: {reply.ErrorCode}: {reply.Message}",
                $"give the identity shown by `aws sts get-caller-identity` the IoT permission for this call (e.g. the AWSIoTFullAccess managed policy), then {rerun}");
        }

        string reason = reply.ErrorCode.Length > 0 ? $"{reply.ErrorCode}: {reply.Message}" : reply.Message;
        return new CliError(Failure.ExternalToolFailed, $"`{command}` failed: {reason}",
            $"fix the cause above, then {rerun}   (it skips what already exists)");
    }
}
