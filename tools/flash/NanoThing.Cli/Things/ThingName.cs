using System.Diagnostics.CodeAnalysis;
using NanoThing.Cli.Execution;

namespace NanoThing.Cli.Things;

/// <summary>
/// A validated AWS IoT thing name: 1 to 128 characters from [a-zA-Z0-9:_-] (the CreateThing API's pattern).
/// The same name is the certificate's CN and the device's MQTT client id.
/// </summary>
public sealed record ThingName
{
    /// <summary>The longest name AWS IoT accepts.</summary>
    public const int MaxLength = 128;

    private ThingName(string value) => Value = value;

    /// <summary>The name as given.</summary>
    public string Value { get; }

    /// <summary>Validates <paramref name="text"/>; on failure the error names the offending character or length.</summary>
    public static bool TryCreate(string? text, [NotNullWhen(true)] out ThingName? name, [NotNullWhen(false)] out CliError? error)
    {
        name = null;
        string? problem = Check(text ?? "");
        if (problem is not null)
        {
            error = new CliError(Failure.InputInvalid,
                $"thing name '{Printable(text ?? "")}' is not valid: {problem}",
                "choose a name of 1-128 characters from letters, digits, ':', '_' and '-' (e.g. --thing kitchen-sensor)");
            return false;
        }

        error = null;
        name = new ThingName(text!);
        return true;
    }

    public override string ToString() => Value;

    private static string? Check(string text)
    {
        if (text.Length == 0)
        {
            return "it is empty";
        }

        if (text.Length > MaxLength)
        {
            return $"it has {text.Length} characters, AWS IoT allows at most {MaxLength}";
        }

        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            bool allowed = c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or ':' or '_' or '-';
            if (!allowed)
            {
                return $"character '{Printable(c.ToString())}' at position {i + 1} is not allowed";
            }
        }

        return null;
    }

    private static string Printable(string text)
    {
        var builder = new System.Text.StringBuilder();
        foreach (char c in text.Length > 140 ? text[..140] + "..." : text)
        {
            builder.Append(char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString());
        }

        return builder.ToString();
    }
}
