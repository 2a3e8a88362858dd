using System.Text.Json;
using NanoThing.Cli.Commands.Register;
using NanoThing.Cli.Execution;

namespace NanoThing.Cli.Commands.Shadow;

/// <summary>
/// AWS IoT's data plane through the AWS CLI's <c>iot-data</c> commands (as <c>register</c> drives the AWS CLI: each
/// command echoed, AWS's error code read from its message), with the account's data endpoint as <c>--endpoint-url</c>.
/// Documents go through files (<c>fileb://</c> for the payload, the positional outfile for the answer) so the same
/// commands work with AWS CLI v1 and v2. In a dry run the commands are printed with <c>update.json</c>/<c>shadow.json</c>
/// as file names and nothing runs.
/// </summary>
public sealed class AwsCliDataPlane(CliContext context, AwsCli aws, string endpointUrl) : IShadowDataPlane
{
    private readonly string folder = Directory.CreateTempSubdirectory("nanothing-shadow-").FullName;

    public string Description => "AWS IoT's data endpoint " + endpointUrl + " (AWS CLI)";

    public bool DryRun => aws.DryRun;

    public AwsReply Get(string thing, string? shadow) => WithOutfile(["iot-data", "get-thing-shadow", .. Names(thing, shadow)]);

    public AwsReply Update(string thing, string? shadow, string document)
    {
        string payload = DryRun ? "update.json" : Path.Combine(folder, "update.json");
        if (DryRun)
        {
            context.Out.WriteLine("# update.json: " + document);
        }
        else
        {
            File.WriteAllText(payload, document);
        }

        return WithOutfile(["iot-data", "update-thing-shadow", .. Names(thing, shadow), "--payload", "fileb://" + payload]);
    }

    public AwsReply Delete(string thing, string? shadow) => WithOutfile(["iot-data", "delete-thing-shadow", .. Names(thing, shadow)]);

    public AwsReply List(string thing, string? nextToken) =>
        aws.Read(["iot-data", "list-named-shadows-for-thing", "--thing-name", thing, .. nextToken is null ? Array.Empty<string>() : ["--next-token", nextToken], "--endpoint-url", endpointUrl]);

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static string[] Names(string thing, string? shadow) => shadow is null ? ["--thing-name", thing] : ["--thing-name", thing, "--shadow-name", shadow];

    /// <summary>Runs a call whose answer is a blob (the CLI writes it to the positional outfile) and reads that file.</summary>
    private AwsReply WithOutfile(string[] arguments)
    {
        string outfile = DryRun ? "shadow.json" : Path.Combine(folder, "shadow.json");
        if (!DryRun)
        {
            File.Delete(outfile);
        }

        AwsReply reply = aws.Read([.. arguments, "--endpoint-url", endpointUrl, outfile]);
        if (DryRun)
        {
            return new AwsReply(true, null, "", "");
        }

        if (!reply.Succeeded)
        {
            return reply;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(outfile));
            return new AwsReply(true, document.RootElement.Clone(), "", "");
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            return new AwsReply(false, null, "", "the AWS CLI did not write the shadow document to " + outfile + ": " + e.Message);
        }
    }
}
