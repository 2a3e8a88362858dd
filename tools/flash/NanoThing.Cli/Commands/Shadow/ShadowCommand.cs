using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using NanoThing.Cli.Commands.Register;
using NanoThing.Cli.Execution;
using NanoThing.Cli.Things;

namespace NanoThing.Cli.Commands.Shadow;

/// <summary>
/// <c>nanothing shadow get|update|delete|list|watch --thing &lt;name&gt; [--shadow-name S]</c>: read, change, delete, list
/// and follow the thing's shadows through the data plane (iot-data), as an application — never as the device, so a
/// device connected as the thing stays connected. Locally the stand-in's HTTPS data plane with its credentials; against
/// AWS the AWS CLI's <c>iot-data</c> commands at the account's data endpoint (<see cref="DataPlaneTarget"/>).
/// </summary>
public static class ShadowCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("shadow", "Read, change, delete, list and follow the thing's shadows through the data plane (local stand-in or AWS), never connecting as the device.");
        command.Subcommands.Add(Get(context));
        command.Subcommands.Add(Update(context));
        command.Subcommands.Add(Delete(context));
        command.Subcommands.Add(List(context));
        command.Subcommands.Add(Watch(context));
        return command;
    }

    private static Command Get(CliContext context)
    {
        var target = new DataPlaneTarget();
        var command = new Command("get", "Print the shadow document (GetThingShadow).");
        target.AddTo(command);
        command.SetAction(parse => Run(context, parse, target, (thing, shadow, plane) =>
            Print(context, plane, plane.Get(thing, shadow), "get", thing, shadow, $"nanothing shadow get --thing {thing}")));
        return command;
    }

    private static Command Update(CliContext context)
    {
        var target = new DataPlaneTarget();
        var desired = new Option<string>("--desired") { Description = "JSON object merged into state.desired (null values delete keys), e.g. '{\"led\":true}'.", Required = true };
        var command = new Command("update", "Change the shadow's desired state (UpdateThingShadow); print the accepted document.");
        target.AddTo(command);
        command.Options.Add(desired);
        command.SetAction(parse => Run(context, parse, target, (thing, shadow, plane) =>
        {
            if (!TryParseObject(parse.GetValue(desired)!, out JsonObject? state))
            {
                return new CliError(Failure.InputInvalid, "--desired is not a JSON object", $"nanothing shadow update --thing {thing} --desired '{{\"led\":true}}'");
            }

            string request = new JsonObject { ["state"] = new JsonObject { ["desired"] = state } }.ToJsonString();
            return Print(context, plane, plane.Update(thing, shadow, request), "update", thing, shadow, $"nanothing shadow update --thing {thing} --desired '{state.ToJsonString()}'");
        }));
        return command;
    }

    private static Command Delete(CliContext context)
    {
        var target = new DataPlaneTarget();
        var command = new Command("delete", "Delete the shadow document (DeleteThingShadow; its version counter survives).");
        target.AddTo(command);
        command.SetAction(parse => Run(context, parse, target, (thing, shadow, plane) =>
        {
            AwsReply reply = plane.Delete(thing, shadow);
            if (plane.DryRun)
            {
                return null;
            }

            if (!reply.Succeeded)
            {
                return ShadowFailures.ToError(reply, plane, "delete", What(thing, shadow), thing, $"nanothing shadow delete --thing {thing}");
            }

            string version = reply.Json is { } json && json.TryGetProperty("version", out var v) ? v.ToString() : "?";
            context.Out.WriteLine($"deleted {What(thing, shadow)} (version {version}; the next update makes version {(int.TryParse(version, out int n) ? n + 1 : '?')})");
            return null;
        }));
        return command;
    }

    private static Command List(CliContext context)
    {
        var target = new DataPlaneTarget();
        var command = new Command("list", "List the thing's named shadows (ListNamedShadowsForThing; the classic shadow is never listed).");
        target.AddTo(command);
        command.SetAction(parse => Run(context, parse, target, (thing, _, plane) =>
        {
            var names = new List<string>();
            string? token = null;
            do
            {
                AwsReply reply = plane.List(thing, token);
                if (plane.DryRun)
                {
                    return null;
                }

                if (!reply.Succeeded)
                {
                    return ShadowFailures.ToError(reply, plane, "list", "the named shadows of " + thing, thing, $"nanothing shadow list --thing {thing}");
                }

                var page = reply.Json!.Value;
                names.AddRange(page.GetProperty("results").EnumerateArray().Select(name => name.GetString()!));
                token = page.TryGetProperty("nextToken", out var next) ? next.GetString() : null;
            }
            while (token is not null);

            context.Out.WriteLine(names.Count == 0 ? $"{thing} has no named shadows" : string.Join('\n', names));
            return null;
        }));
        return command;
    }

    private static Command Watch(CliContext context)
    {
        var target = new DataPlaneTarget();
        var count = new Option<int>("--count") { Description = "Stop after this many changes (default: until Ctrl+C)." };
        var interval = new Option<double>("--interval") { Description = "Seconds between reads (default 1 locally, 5 against AWS, where every read is a billed request).", DefaultValueFactory = _ => 0 };
        var command = new Command("watch", "Follow the shadow live: print each new version's desired, reported and delta (reads through the data plane; the device is not disturbed).");
        target.AddTo(command);
        command.Options.Add(count);
        command.Options.Add(interval);
        command.SetAction(parse => Run(context, parse, target, (thing, shadow, plane) =>
        {
            double seconds = parse.GetValue(interval);
            if (seconds < 0 || parse.GetValue(count) < 0)
            {
                return new CliError(Failure.InputInvalid, "--interval and --count must not be negative", $"nanothing shadow watch --thing {thing}");
            }

            var every = TimeSpan.FromSeconds(seconds > 0 ? seconds : plane is LocalDataPlane ? 1 : 5);
            return ShadowWatch.Run(context, plane, thing, shadow, every, parse.GetValue(count));
        }));
        return command;
    }

    private static int Run(CliContext context, ParseResult parse, DataPlaneTarget target, Func<string, string?, IShadowDataPlane, CliError?> body) =>
        CommandRunner.Run(context, () =>
        {
            if (!target.TryResolve(parse, context, out ThingFiles? files, out string? shadow, out IShadowDataPlane? plane, out CliError? error))
            {
                return error;
            }

            using (plane)
            {
                return body(files.Thing.Value, shadow, plane);
            }
        });

    private static CliError? Print(CliContext context, IShadowDataPlane plane, AwsReply reply, string operation, string thing, string? shadow, string rerun)
    {
        if (plane.DryRun)
        {
            return null;
        }

        if (!reply.Succeeded)
        {
            return ShadowFailures.ToError(reply, plane, operation, What(thing, shadow), thing, rerun);
        }

        context.Out.WriteLine(reply.Json is { } json ? JsonSerializer.Serialize(json, new JsonSerializerOptions { WriteIndented = true }) : "");
        return null;
    }

    /// <summary>"the shadow of kitchen" or "shadow config of kitchen".</summary>
    internal static string What(string thing, string? shadow) => shadow is null ? "the shadow of " + thing : "shadow " + shadow + " of " + thing;

    private static bool TryParseObject(string text, out JsonObject? value)
    {
        value = null;
        try
        {
            value = JsonNode.Parse(text) as JsonObject;
            return value is not null;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
