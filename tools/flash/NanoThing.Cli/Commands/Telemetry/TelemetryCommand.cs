using System.CommandLine;
using System.Runtime.InteropServices;
using NanoThing.Cli.Execution;
using NanoThing.Cli.Things;

namespace NanoThing.Cli.Commands.Telemetry;

/// <summary>
/// <c>nanothing telemetry watch --thing T [--endpoint host[:port] --identity DIR] [--client-id ID] [--topic TOPIC]
/// [--json] [--count N]</c>: reads the thing's telemetry as an application identity, through broker outages
/// (<see cref="TelemetryWatch"/>). Locally it uses the running stand-in of this folder and the reader identity
/// apps/telemetry-&lt;thing&gt;/ (provisioned on first use); against AWS the endpoint and an identity folder.
/// </summary>
public static class TelemetryCommand
{
    /// <summary>The board's default telemetry topic for <paramref name="thing"/>: Core's own default, so the two cannot drift apart.</summary>
    public static string DefaultTopic(string thing) => NanoThing.Core.Telemetry.TelemetryOptions.DefaultTopic(thing);

    public static Command Create(CliContext context)
    {
        var command = new Command("telemetry", "Read the telemetry records things publish.");
        command.Subcommands.Add(Watch(context));
        return command;
    }

    private static Command Watch(CliContext context)
    {
        var thing = CommonOptions.Thing();
        var endpoint = new Option<string?>("--endpoint") { Description = "AWS IoT data endpoint host[:port] (default: the local stand-in running in this folder)." };
        var identity = new Option<string?>("--identity") { Description = "Folder with the reader's client.crt, client.key and root-ca.pem (required with --endpoint; local default: apps/telemetry-<thing>/, provisioned on first use)." };
        var clientId = new Option<string?>("--client-id") { Description = "MQTT client id of the reader's persistent session (default: the identity folder's name); one per thing watched, as the session keeps its subscription." };
        var topic = new Option<string?>("--topic") { Description = "Telemetry topic (default: dt/nanothing/<thing>/telemetry, the board's default)." };
        var json = new Option<bool>("--json") { Description = "Print each record as its JSON, one per line (connection and per-boot lines go to stderr)." };
        var count = new Option<int>("--count") { Description = "Stop after this many records (default: until Ctrl+C)." };
        var command = new Command("watch", "Print the thing's telemetry records as they arrive, once per seq, reconnecting through broker outages with a persistent session.");
        command.Options.Add(thing);
        command.Options.Add(endpoint);
        command.Options.Add(identity);
        command.Options.Add(clientId);
        command.Options.Add(topic);
        command.Options.Add(json);
        command.Options.Add(count);
        command.SetAction(parse => CommandRunner.Run(context, () =>
        {
            if (!ThingName.TryCreate(parse.GetValue(thing), out var name, out var error))
            {
                return error;
            }

            if (parse.GetValue(count) < 0)
            {
                return new CliError(Failure.InputInvalid, "--count must be 0 (until stopped) or more", $"nanothing telemetry watch --thing {name} --count 10");
            }

            if (parse.GetValue(topic) is { } given && NanoThing.Mqtt.MqttTopic.ValidateName(given) is { } invalid)
            {
                return new CliError(Failure.InputInvalid, "--topic " + given + ": " + invalid + " (give the one topic the board publishes to, no wildcards)",
                    $"nanothing telemetry watch --thing {name} --topic {DefaultTopic(name.Value)}");
            }

            if (!ReaderTarget.TryResolve(context, name.Value, parse.GetValue(endpoint), parse.GetValue(identity), parse.GetValue(clientId), out var target, out error))
            {
                return error;
            }

            using var stop = new CancellationTokenSource();
            using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, signal => { signal.Cancel = true; stop.Cancel(); });
            using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal => { signal.Cancel = true; stop.Cancel(); });
            var watch = new TelemetryWatch(context, target, parse.GetValue(topic) ?? DefaultTopic(name.Value), parse.GetValue(json), parse.GetValue(count));
            return watch.RunAsync(stop.Token).GetAwaiter().GetResult();
        }));
        return command;
    }
}
