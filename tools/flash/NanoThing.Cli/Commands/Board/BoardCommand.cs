using System.CommandLine;
using NanoThing.Cli.Commands.Bundle;
using NanoThing.Cli.Commands.Local;
using NanoThing.Cli.Execution;
using NanoThing.Cli.Things;
using NanoThing.VirtualBoard.Board;

namespace NanoThing.Cli.Commands.Board;

/// <summary>
/// <c>nanothing board --thing &lt;name&gt; [--endpoint host:port] [--dir ...] [--seed N]</c>: runs a virtual board (Core's
/// agent on the PC, simulated BME280, button and LED, the bundle folder as flash) for a provisioned thing in the
/// foreground until Ctrl-C, logging each report and each applied desired change. Endpoint: <c>--endpoint</c>, else the
/// bundle's nanothing.json, else the local stand-in of this folder when it runs.
/// </summary>
public static class BoardCommand
{
    public static Command Create(CliContext context)
    {
        var thing = new ThingOptions();
        var endpoint = new Option<string?>("--endpoint") { Description = "host[:port] to connect to (default: the bundle's endpoint, else the running local stand-in)." };
        var seed = new Option<int>("--seed") { Description = "Seed of the simulated weather (same seed, same readings).", DefaultValueFactory = _ => 1 };
        var command = new Command("board", "Run a virtual board for a provisioned thing in the foreground (Ctrl-C stops it).");
        thing.AddTo(command);
        command.Options.Add(endpoint);
        command.Options.Add(seed);
        command.SetAction(parse => CommandRunner.Run(context, () => thing.TryResolve(parse, context, out var files, out var error)
            ? Execute(context, files, parse.GetValue(endpoint), parse.GetValue(seed))
            : error));
        return command;
    }

    public static CliError? Execute(CliContext context, ThingFiles files, string? endpoint, int seed)
    {
        if (!TryResolveEndpoint(context, files, endpoint, out NewConfig? target, out CliError? error))
        {
            return error;
        }

        var options = new VirtualBoardOptions { Thing = files.Thing.Value, Directory = files.Directory, Endpoint = target, Seed = seed, Output = context.Out };
        if (!BoardRun.TryCreate(context, files, options, out BoardRun? run, out error))
        {
            return error;
        }

        context.Out.WriteLine($"virtual board {files.Thing} running; Ctrl-C stops it. Change its desired state with: nanothing shadow update --thing {files.Thing} --desired '{{\"led\":true}}'");
        return run!.RunUntilStopped(null);
    }

    /// <summary>--endpoint, else none (the bundle's config decides), else the running local stand-in when the thing has no config.</summary>
    private static bool TryResolveEndpoint(CliContext context, ThingFiles files, string? endpoint, out NewConfig? target, out CliError? error)
    {
        target = null;
        error = null;
        if (endpoint is not null)
        {
            if (!IotEndpoint.TryParse(endpoint, out IotEndpoint? parsed, out error))
            {
                return false;
            }

            target = new NewConfig(parsed.Host, parsed.Port);
            return true;
        }

        if (File.Exists(new ThingFolder(files.Directory).Config))
        {
            return true;
        }

        if (ServeProcess.TryRead(LocalPaths.For(context).ServePid, out _, out int port))
        {
            target = new NewConfig("127.0.0.1", port);
            return true;
        }

        error = new CliError(Failure.NotFound, $"no endpoint for {files.Thing}: no --endpoint, no {new ThingFolder(files.Directory).Config}, and the local stand-in is not running",
            $"nanothing local start, then nanothing board --thing {files.Thing}   (or pass --endpoint host:port)");
        return false;
    }
}
