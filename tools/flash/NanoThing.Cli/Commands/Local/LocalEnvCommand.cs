using System.CommandLine;
using NanoThing.Cli.Execution;
using NanoThing.LocalIot.DataPlane.Auth;
using NanoThing.LocalIot.Pki;
using NanoThing.LocalIot.Policies;

namespace NanoThing.Cli.Commands.Local;

/// <summary>
/// <c>nanothing local env</c>: shell lines that point the standard AWS tools at the running stand-in's data plane, for
/// <c>eval "$(nanothing local env)"</c>: the stand-in's credentials (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY), its region
/// (AWS_DEFAULT_REGION for the CLI and boto3, AWS_REGION for the other SDKs), the data plane as the iot-data service's
/// own endpoint (AWS_ENDPOINT_URL_IOT_DATA_PLANE: service id "IoT Data Plane", so only iot-data goes there) and the local
/// root CA (AWS_CA_BUNDLE); AWS_SESSION_TOKEN and AWS_PROFILE are unset so no other credentials get mixed in. This is
/// the one command that prints the secret, as <c>aws configure export-credentials</c> does.
/// </summary>
public static class LocalEnvCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("env", "Print export lines that point the AWS CLI and SDKs at the running stand-in's data plane: eval \"$(nanothing local env)\".");
        command.SetAction(parse => CommandRunner.Run(context, () => Execute(context)));
        return command;
    }

    public static CliError? Execute(CliContext context)
    {
        var paths = LocalPaths.For(context);
        if (!ServeProcess.TryRead(paths.ServePid, out _, out _, out int dataPlanePort))
        {
            return new CliError(Failure.NotFound, $"the local stand-in of {context.WorkingDirectory} is not running", "nanothing local start, then eval \"$(nanothing local env)\"");
        }

        if (!LocalCredentials.TryLoad(paths.Root, out var credentials, out string error))
        {
            return new CliError(Failure.FileSystem, error, "nanothing local stop && nanothing local start");
        }

        context.Out.WriteLine("# the local AWS IoT stand-in's data plane (" + paths.Root + "); use: eval \"$(nanothing local env)\"");
        context.Out.WriteLine("unset AWS_SESSION_TOKEN AWS_PROFILE");
        Export(context, "AWS_ACCESS_KEY_ID", credentials.AccessKeyId);
        Export(context, "AWS_SECRET_ACCESS_KEY", credentials.Keys.SecretAccessKey);
        Export(context, "AWS_DEFAULT_REGION", IotArn.Region);
        Export(context, "AWS_REGION", IotArn.Region);
        Export(context, "AWS_ENDPOINT_URL_IOT_DATA_PLANE", $"https://127.0.0.1:{dataPlanePort}");
        Export(context, "AWS_CA_BUNDLE", Path.Combine(paths.Ca, LocalCa.CaCertificateFileName));
        return null;
    }

    private static void Export(CliContext context, string name, string value) =>
        context.Out.WriteLine("export " + name + "='" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'");
}
