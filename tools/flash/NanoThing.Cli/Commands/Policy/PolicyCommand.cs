using System.CommandLine;
using NanoThing.Cli.Execution;
using NanoThing.Cli.Things;

namespace NanoThing.Cli.Commands.Policy;

/// <summary>
/// <c>nanothing policy --thing &lt;name&gt; [--shadow &lt;name&gt;] [--telemetry false]</c>: prints the least-privilege AWS IoT policy
/// (<see cref="IotPolicy"/>), with the telemetry topic unless <c>--telemetry false</c>. The thing name is only validated: the policy names the thing through the
/// <c>${iot:Connection.Thing.ThingName}</c> variable, so one policy serves every thing.
/// </summary>
public static class PolicyCommand
{
    /// <summary>The <c>--telemetry</c> option (also used by <c>register</c>, where it is off unless given).</summary>
    public static Option<bool> TelemetryOption() =>
        new("--telemetry") { Description = "Also allow publishing to " + IotPolicy.TelemetryTopic + "." };

    /// <summary><c>policy</c>'s <c>--telemetry</c>: on unless <c>--telemetry false</c> (the device publishes telemetry when its config or its desired state sets telemetryIntervalSeconds).</summary>
    public static Option<bool> TelemetryByDefaultOption() =>
        new("--telemetry")
        {
            Description = "Allow publishing to " + IotPolicy.TelemetryTopic + " (default true; --telemetry false for a shadow-only policy).",
            DefaultValueFactory = _ => true,
        };

    /// <summary>The <c>--shadow</c> option (also used by <c>register</c>): the named shadow of the device config's <c>shadowName</c>.</summary>
    public static Option<string?> ShadowOption() =>
        new("--shadow") { Description = "The named shadow the device uses (its config's shadowName); omit for the classic shadow." };

    /// <summary>The device's policy options from <c>--telemetry</c> and <c>--shadow</c>; an invalid shadow name is an input error.</summary>
    public static bool TryGetDevice(ParseResult parse, Option<bool> telemetry, Option<string?> shadow, out DevicePolicy device, out CliError? error)
    {
        string? name = parse.GetValue(shadow);
        device = new DevicePolicy(parse.GetValue(telemetry), name);
        error = name is not null && DevicePolicy.ValidateShadowName(name) is { } problem
            ? new CliError(Failure.InputInvalid, problem, "use the shadowName of the device's config, e.g. --shadow config, or omit --shadow for the classic shadow")
            : null;
        return error is null;
    }

    public static Command Create(CliContext context)
    {
        var thing = new ThingOptions();
        var telemetry = TelemetryByDefaultOption();
        var shadow = ShadowOption();
        var command = new Command("policy", "Print the least-privilege AWS IoT policy JSON for a device that uses its shadow.");
        thing.AddTo(command);
        command.Options.Add(shadow);
        command.Options.Add(telemetry);
        command.SetAction(parse => CommandRunner.Run(context, () =>
        {
            if (!thing.TryResolve(parse, context, out _, out var error) || !TryGetDevice(parse, telemetry, shadow, out var device, out error))
            {
                return error;
            }

            context.Out.WriteLine(IotPolicy.Generate(device));
            return null;
        }));
        return command;
    }
}
