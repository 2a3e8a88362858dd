using System.Runtime.InteropServices;
using System.Text.Json;
using NanoThing.Cli.Commands.Register;
using NanoThing.Cli.Execution;

namespace NanoThing.Cli.Commands.Shadow;

/// <summary>
/// <c>shadow watch</c>: follows a shadow by reading it through the data plane (GetThingShadow) at a fixed interval and
/// printing each new version — <c>HH:mm:ss v7 desired {…} reported {…} delta {…}</c> — so it works the same against the
/// stand-in and AWS and never connects over MQTT (the device keeps its connection). Versions that come and go between
/// two reads are not shown; the latest always is. Ends on Ctrl+C, after <c>count</c> versions, or on a data-plane error.
/// </summary>
public static class ShadowWatch
{
    public static CliError? Run(CliContext context, IShadowDataPlane plane, string thing, string? shadow, TimeSpan interval, int count)
    {
        if (plane.DryRun)
        {
            plane.Get(thing, shadow);
            context.Out.WriteLine($"# watch repeats this every {interval.TotalSeconds:0.#} s and prints each new version");
            return null;
        }

        using var stop = new CancellationTokenSource();
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, signal =>
        {
            signal.Cancel = true;
            stop.Cancel();
        });
        context.Out.WriteLine($"watching {ShadowCommand.What(thing, shadow)} through {plane.Description} (a read every {interval.TotalSeconds:0.#} s; Ctrl+C to stop)");
        context.Out.Flush();
        long? shown = null;
        bool reportedMissing = false;
        int seen = 0;
        while (!stop.IsCancellationRequested)
        {
            AwsReply reply = plane.Get(thing, shadow);
            if (reply.Succeeded && reply.Json is { } document)
            {
                long version = document.TryGetProperty("version", out var v) ? v.GetInt64() : -1;
                if (version != shown)
                {
                    shown = version;
                    reportedMissing = false;
                    string sections = string.Join(' ', new[] { "desired", "reported", "delta" }.Select(name => Section(document, name)).Where(text => text.Length > 0));
                    context.Out.WriteLine($"{DateTimeOffset.UtcNow:HH:mm:ss} v{version} {sections}".TrimEnd());
                    context.Out.Flush();
                    if (count > 0 && ++seen >= count)
                    {
                        return null;
                    }
                }
            }
            else if (reply.ErrorCode == "ResourceNotFoundException")
            {
                if (!reportedMissing)
                {
                    context.Out.WriteLine($"{DateTimeOffset.UtcNow:HH:mm:ss} no shadow yet ({reply.Message}); waiting for the first update");
                    context.Out.Flush();
                    reportedMissing = true;
                    shown = null;
                }
            }
            else
            {
                return ShadowFailures.ToError(reply, plane, "get", ShadowCommand.What(thing, shadow), thing, $"nanothing shadow watch --thing {thing}");
            }

            stop.Token.WaitHandle.WaitOne(interval);
        }

        return null;
    }

    private static string Section(JsonElement document, string name) =>
        document.TryGetProperty("state", out var state) && state.TryGetProperty(name, out var section) ? name + " " + section.GetRawText() : "";
}
