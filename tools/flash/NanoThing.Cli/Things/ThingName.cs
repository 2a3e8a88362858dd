using System.Diagnostics.CodeAnalysis;
using NanoThing.Cli.Execution;
using Rule = NanoThing.LocalIot.Pki.ThingName;

namespace NanoThing.Cli.Things;

/// <summary>
/// A validated AWS IoT thing name: 1 to 128 characters from [a-zA-Z0-9:_-] (the CreateThing API's pattern).
/// The same name is the certificate's CN and the device's MQTT client id. The rule itself is the local stand-in's
/// (<see cref="Rule"/>), so both accept exactly the same names.
/// </summary>
public sealed record ThingName
{
    /// <summary>The longest name AWS IoT accepts.</summary>
    public const int MaxLength = Rule.MaxLength;

    private ThingName(string value) => Value = value;

    /// <summary>The name as given.</summary>
    public string Value { get; }

    /// <summary>Validates <paramref name="text"/>; on failure the error names the offending character or length.</summary>
    public static bool TryCreate(string? text, [NotNullWhen(true)] out ThingName? name, [NotNullWhen(false)] out CliError? error)
    {
        name = null;
        string? problem = Rule.Problem(text ?? "");
        if (problem is not null)
        {
            error = new CliError(Failure.InputInvalid,
                $"thing name '{Rule.Printable(text ?? "")}' is not valid: {problem}",
                "choose a name of 1-128 characters from letters, digits, ':', '_' and '-' (e.g. --thing kitchen-sensor)");
            return false;
        }

        error = null;
        name = new ThingName(text!);
        return true;
    }

    public override string ToString() => Value;
}
