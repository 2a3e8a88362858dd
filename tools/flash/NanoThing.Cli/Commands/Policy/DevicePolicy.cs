using NanoThing.LocalIot.Shadows;

namespace NanoThing.Cli.Commands.Policy;

/// <summary>
/// What a device's configuration makes it do on AWS IoT, as far as its policy is concerned: which shadow it uses
/// (the classic one, or the named shadow of its config's <c>shadowName</c>) and whether it publishes telemetry.
/// The typed input of <see cref="IotPolicy.Generate(DevicePolicy)"/>.
/// </summary>
/// <param name="Telemetry">The device publishes to <see cref="IotPolicy.TelemetryTopic"/>.</param>
/// <param name="ShadowName">The named shadow the device uses, or null for the classic shadow (config <c>shadowName</c> "" or absent).</param>
public sealed record DevicePolicy(bool Telemetry, string? ShadowName)
{
    /// <summary>The classic shadow without telemetry.</summary>
    public static DevicePolicy Classic { get; } = new(false, null);

    /// <summary>The classic shadow with telemetry: what <c>nanothing policy</c> prints by default.</summary>
    public static DevicePolicy ClassicWithTelemetry { get; } = new(true, null);

    /// <summary>
    /// The policy's name in AWS IoT. One policy serves every thing with the same options (it names the thing through
    /// <c>${iot:Connection.Thing.ThingName}</c>): <c>NanoThingShadow</c>, <c>NanoThingShadowTelemetry</c>, and for a
    /// named shadow <c>@</c> and the shadow name with ':' written '.' and '$' written '=' (policy names allow only
    /// <c>[\w+=,.@-]</c>; neither '.', '=' nor '@' can occur in a shadow name, so distinct options never share a name).
    /// </summary>
    public string Name =>
        (Telemetry ? "NanoThingShadowTelemetry" : "NanoThingShadow")
        + (ShadowName is null ? "" : "@" + ShadowName.Replace(':', '.').Replace('$', '='));

    /// <summary>The options as <c>nanothing policy</c> takes them, e.g. " --shadow config --telemetry" ("" for <see cref="Classic"/>).</summary>
    public string Flags => (ShadowName is null ? "" : " --shadow " + ShadowName) + (Telemetry ? " --telemetry" : "");

    /// <summary>Null when <paramref name="shadowName"/> is a valid AWS shadow name, else a sentence saying which rule it breaks.</summary>
    public static string? ValidateShadowName(string shadowName) =>
        ShadowNames.IsValidShadowName(shadowName)
            ? null
            : $"the shadow name '{shadowName}' is not valid: AWS IoT shadow names are 1 to {ShadowNames.MaxShadowNameLength} characters of a-z A-Z 0-9 : _ - $ (the device config's shadowName)";
}
