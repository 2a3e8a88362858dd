using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using NanoThing.Cli.Execution;

namespace NanoThing.Cli.Commands.Shadow;

/// <summary>
/// <c>nanothing shadow get|update|watch --thing &lt;name&gt; [--endpoint host[:port]] [--root-ca file]</c>: read the
/// thing's classic shadow, change its desired state, or follow it live — connected as the thing itself (its
/// certificate), so it works against AWS IoT with the least-privilege policy and against the local stand-in. Both
/// allow one connection per client id: while a command runs, a device connected as the same thing is disconnected.
/// </summary>
public static class ShadowCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("shadow", "Read, change (desired state) and follow the thing's classic shadow, connected as the thing (a device connected as the same thing is disconnected meanwhile).");
        command.Subcommands.Add(Get(context));
        command.Subcommands.Add(Update(context));
        command.Subcommands.Add(Watch(context));
        return command;
    }

    private static Command Get(CliContext context)
    {
        var options = new ShadowTarget.Options();
        var command = new Command("get", "Print the shadow document.");
        options.AddTo(command);
        command.SetAction(parse => CommandRunner.Run(context, () => options.TryResolve(parse, context, out var target, out var error)
            ? RunAsync(target, session => GetAsync(context, target, session)).GetAwaiter().GetResult()
            : error));
        return command;
    }

    private static Command Update(CliContext context)
    {
        var options = new ShadowTarget.Options();
        var desired = new Option<string>("--desired") { Description = "JSON object merged into state.desired (null values delete keys), e.g. '{\"led\":true}'.", Required = true };
        var command = new Command("update", "Change the shadow's desired state; print the accepted document.");
        options.AddTo(command);
        command.Options.Add(desired);
        command.SetAction(parse => CommandRunner.Run(context, () =>
        {
            if (!options.TryResolve(parse, context, out var target, out var error))
            {
                return error;
            }

            if (!TryParseObject(parse.GetValue(desired)!, out JsonObject? state))
            {
                return new CliError(Failure.InputInvalid, "--desired is not a JSON object", $"nanothing shadow update --thing {target.Files.Thing} --desired '{{\"led\":true}}'");
            }

            string request = new JsonObject { ["state"] = new JsonObject { ["desired"] = state } }.ToJsonString();
            return RunAsync(target, session => UpdateAsync(context, session, request)).GetAwaiter().GetResult();
        }));
        return command;
    }

    private static Command Watch(CliContext context)
    {
        var options = new ShadowTarget.Options();
        var count = new Option<int>("--count") { Description = "Stop after this many messages (default: until Ctrl+C)." };
        var command = new Command("watch", "Print every accepted update and delta of the shadow as it happens.");
        options.AddTo(command);
        command.Options.Add(count);
        command.SetAction(parse => CommandRunner.Run(context, () => options.TryResolve(parse, context, out var target, out var error)
            ? RunAsync(target, session => WatchAsync(context, target, session, parse.GetValue(count))).GetAwaiter().GetResult()
            : error));
        return command;
    }

    private static async Task<CliError?> RunAsync(ShadowTarget target, Func<ShadowSession, Task<CliError?>> body)
    {
        var (session, _, error) = await ShadowSession.ConnectAsync(target);
        if (session is null)
        {
            return error;
        }

        await using (session)
        {
            return await body(session);
        }
    }

    private static async Task<CliError?> GetAsync(CliContext context, ShadowTarget target, ShadowSession session)
    {
        CliError? error = await session.SubscribeAsync("get/accepted", "get/rejected");
        if (error is not null)
        {
            return error;
        }

        (ShadowReply? reply, error) = await session.RequestAsync("get", "{}");
        if (error is not null)
        {
            return error;
        }

        if (!reply!.Accepted)
        {
            string thing = target.Files.Thing.Value;
            return reply.Rejection.StartsWith("404", StringComparison.Ordinal)
                ? new CliError(Failure.NotFound, $"thing {thing} has no shadow yet ({reply.Rejection})", $"nanothing shadow update --thing {thing} --desired '{{\"led\":true}}'   (or start the device)")
                : new CliError(Failure.Rejected, $"the shadow service rejected the get: {reply.Rejection}", null);
        }

        context.Out.WriteLine(Pretty(reply.Document));
        return null;
    }

    private static async Task<CliError?> UpdateAsync(CliContext context, ShadowSession session, string request)
    {
        CliError? error = await session.SubscribeAsync("update/accepted", "update/rejected");
        if (error is not null)
        {
            return error;
        }

        (ShadowReply? reply, error) = await session.RequestAsync("update", request);
        if (error is not null)
        {
            return error;
        }

        if (!reply!.Accepted)
        {
            return new CliError(Failure.Rejected, $"the shadow service rejected the update: {reply.Rejection}", "fix the --desired document and retry");
        }

        context.Out.WriteLine(Pretty(reply.Document));
        return null;
    }

    private static async Task<CliError?> WatchAsync(CliContext context, ShadowTarget target, ShadowSession session, int count)
    {
        var done = new TaskCompletionSource<CliError?>(TaskCreationOptions.RunContinuationsAsynchronously);
        int seen = 0;
        session.Watch += (suffix, payload) =>
        {
            lock (done)
            {
                context.Out.WriteLine($"{DateTimeOffset.UtcNow:HH:mm:ss} {suffix} {payload}");
                context.Out.Flush();
                if (count > 0 && ++seen >= count)
                {
                    done.TrySetResult(null);
                }
            }
        };
        session.ConnectionLost += lost => done.TrySetResult(new CliError(Failure.ConnectFailed, $"the connection to {target.Endpoint} was lost: {lost.Message}",
            $"if the device (or another nanothing command) connected as {target.Files.Thing} meanwhile, it took over the client id (one connection per thing); "
            + $"otherwise run nanothing shadow watch --thing {target.Files.Thing} again"));
        CliError? error = await session.SubscribeAsync("update/accepted", "update/delta");
        if (error is not null)
        {
            return error;
        }

        using var interrupt = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGINT, signal =>
        {
            signal.Cancel = true;
            done.TrySetResult(null);
        });
        lock (done)
        {
            context.Out.WriteLine($"watching the shadow of {target.Files.Thing} at {target.Endpoint} (update/accepted, update/delta); Ctrl+C to stop");
            context.Out.Flush();
        }

        return await done.Task;
    }

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

    private static string Pretty(string json)
    {
        try
        {
            return JsonNode.Parse(json)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        }
        catch (JsonException)
        {
            return json;
        }
    }
}
