using System.CommandLine;
using NanoThing.Cli.Execution;
using NanoThing.Cli.Things;

namespace NanoThing.Cli.Commands.Policy;

/// <summary>
/// <c>nanothing policy --thing &lt;name&gt; [--telemetry]</c>: prints the least-privilege AWS IoT policy
/// (<see cref="IotPolicy"/>). The thing name is only validated: the policy names the thing through the
/// <c>${iot:Connection.Thing.ThingName}</c> variable, so one policy serves every thing.
/// </summary>
public static class PolicyCommand
{
    /// <summary>The <c>--telemetry</c> option (also used by <c>register</c>).</summary>
    public static Option<bool> TelemetryOption() =>
        new("--telemetry") { Description = "Also allow publishing to " + IotPolicy.TelemetryTopic + "." };

    public static Command Create(CliContext context)
    {
        var thing = new ThingOptions();
        var telemetry = TelemetryOption();
        var command = new Command("policy", "Print the least-privilege AWS IoT policy JSON for a device that uses its shadow.");
        thing.AddTo(command);
        command.Options.Add(telemetry);
        command.SetAction(parse => CommandRunner.Run(context, () =>
        {
            if (!thing.TryResolve(parse, context, out _, out var error))
            {
                return error;
            }

            context.Out.WriteLine(IotPolicy.Generate(parse.GetValue(telemetry)));
            return null;
        }));
        return command;
    }
}
