using System.CommandLine;
using NanoThing.Cli.Execution;

namespace NanoThing.Cli;

/// <summary>The <c>nanothing</c> command tree and its entry point.</summary>
public static class NanoThingCli
{
    /// <summary>Builds the root command; every command's action runs against <paramref name="context"/>.</summary>
    public static RootCommand CreateRoot(CliContext context)
    {
        var root = new RootCommand("nanothing: identity, policy, registration, bundle and flashing for NanoThing devices, "
            + "and the local AWS IoT stand-in.");
        foreach (Command command in Commands.CommandTable.Create(context))
        {
            root.Subcommands.Add(command);
        }

        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>. Parse errors print the problem and exit with
    /// <see cref="ExitCodes.Usage"/>; otherwise the exit code is the command's.</summary>
    public static int Run(string[] args, CliContext context)
    {
        ParseResult parse = CreateRoot(context).Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                context.Error.WriteLine("error: " + error.Message);
            }

            context.Error.WriteLine("next:  nanothing " + CommandPath(parse) + "--help");
            return ExitCodes.Usage;
        }

        return parse.Invoke(new InvocationConfiguration { Output = context.Out, Error = context.Error });
    }

    private static string CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result.Parent is System.CommandLine.Parsing.CommandResult parent; result = parent)
        {
            names.Insert(0, result.Command.Name);
        }

        return names.Count == 0 ? "" : string.Join(' ', names) + " ";
    }
}
