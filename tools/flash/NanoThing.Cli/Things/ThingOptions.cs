using System.CommandLine;
using System.Diagnostics.CodeAnalysis;
using NanoThing.Cli.Execution;

namespace NanoThing.Cli.Things;

/// <summary>The <c>--thing</c> and <c>--dir</c> options of one command and their resolution to <see cref="ThingFiles"/>.</summary>
public sealed class ThingOptions
{
    public Option<string> Thing { get; } = CommonOptions.Thing();
    public Option<string?> Dir { get; } = CommonOptions.Dir();

    /// <summary>Adds both options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(Thing);
        command.Options.Add(Dir);
    }

    /// <summary>Validates the thing name and finds its folder; an invalid name is an <see cref="Failure.InputInvalid"/> error.</summary>
    public bool TryResolve(ParseResult parse, CliContext context, [NotNullWhen(true)] out ThingFiles? files, [NotNullWhen(false)] out CliError? error)
    {
        files = null;
        if (!ThingName.TryCreate(parse.GetValue(Thing), out ThingName? name, out error))
        {
            return false;
        }

        files = ThingFiles.For(name, context.WorkingDirectory, parse.GetValue(Dir));
        return true;
    }
}
