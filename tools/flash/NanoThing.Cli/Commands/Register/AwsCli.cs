using System.Text.Json;
using System.Text.RegularExpressions;
using NanoThing.Cli.Execution;

namespace NanoThing.Cli.Commands.Register;

/// <summary>
/// Runs AWS CLI commands (<c>aws &lt;args&gt; --output json</c>) and reads their replies: JSON on success; on failure
/// the error code from "An error occurred (Code) when calling the Op operation: message". Each command is echoed
/// before it runs. In a dry run nothing is run: commands are printed, reads answer "not found" and changes answer
/// with placeholder values, so the caller walks the path of a first registration.
/// </summary>
/// With <paramref name="local"/>, the same calls are answered by the local stand-in's registry (<c>register --local</c>).
public sealed partial class AwsCli(CliContext context, string? executable, bool dryRun, LocalAwsIot? local = null)
{
    /// <summary>The value a dry run returns for the identifiers a real call would return (only the certificate ARN is used later).</summary>
    public const string Placeholder = "<certificate-arn>";

    public bool DryRun => dryRun;

    /// <summary>Runs a call that only reads (describe, get, list).</summary>
    public AwsReply Read(params string[] arguments) => Call(arguments, change: false);

    /// <summary>Runs a call that creates or changes something.</summary>
    public AwsReply Change(params string[] arguments) => Call(arguments, change: true);

    /// <summary>The command as printed (and as the user could paste it).</summary>
    public static string Format(IEnumerable<string> arguments) => ExternalProgram.Format("aws", arguments.Append("--output").Append("json"));

    private AwsReply Call(string[] arguments, bool change)
    {
        context.Out.WriteLine((dryRun ? "" : local is null ? "$ " : "$ (local) ") + Format(arguments));
        if (local is not null)
        {
            return local.Call(arguments);
        }

        if (dryRun)
        {
            return change
                ? new AwsReply(true, JsonDocument.Parse(PlaceholderJson).RootElement, "", "")
                : new AwsReply(false, null, "ResourceNotFoundException", "dry run");
        }

        ProgramRun run = ExternalProgram.Run(context, executable!, [.. arguments, "--output", "json"]);
        if (run.ExitCode == 0)
        {
            return new AwsReply(true, ParseJson(run.Out), "", "");
        }

        Match match = ErrorPattern().Match(run.Error);
        return match.Success
            ? new AwsReply(false, null, match.Groups["code"].Value, match.Groups["message"].Value.Trim())
            : new AwsReply(false, null, "", run.Error.Trim().Length > 0 ? run.Error.Trim() : $"exit code {run.ExitCode}");
    }

    private static JsonElement? ParseJson(string output)
    {
        if (string.IsNullOrWhiteSpace(output))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(output);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static readonly string PlaceholderJson = JsonSerializer.Serialize(new Dictionary<string, string>
    {
        ["certificateArn"] = Placeholder,
        ["certificateId"] = Placeholder,
        ["endpointAddress"] = Placeholder,
        ["Account"] = Placeholder,
    });

    [GeneratedRegex(@"An error occurred \((?<code>[A-Za-z]+)\) when calling the [A-Za-z]+ operation: (?<message>.*)")]
    private static partial Regex ErrorPattern();
}
