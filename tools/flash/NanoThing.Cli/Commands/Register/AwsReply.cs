using System.Text.Json;

namespace NanoThing.Cli.Commands.Register;

/// <summary>
/// What one <c>aws</c> call returned: success with its JSON output (null when it prints nothing), or a failure with
/// the AWS error code (e.g. ResourceNotFoundException; empty for failures before a request was made, such as missing
/// credentials) and the CLI's message.
/// </summary>
public sealed record AwsReply(bool Succeeded, JsonElement? Json, string ErrorCode, string Message)
{
    public bool IsNotFound => ErrorCode == "ResourceNotFoundException";
    public bool IsAlreadyExists => ErrorCode == "ResourceAlreadyExistsException";

    /// <summary>A string property of the JSON output, or null.</summary>
    public string? Get(params string[] path)
    {
        if (Json is not JsonElement element)
        {
            return null;
        }

        foreach (string name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                return null;
            }
        }

        return element.ValueKind == JsonValueKind.String ? element.GetString() : null;
    }
}
