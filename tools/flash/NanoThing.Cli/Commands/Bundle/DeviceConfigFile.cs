using NanoThing.Cli.Execution;
using NanoThing.Cli.Things;

namespace NanoThing.Cli.Commands.Bundle;

/// <summary>
/// The device config file the firmware reads from I:\ (<see cref="DeviceFileName"/>): thing name, endpoint and port.
/// Wi-Fi credentials are not in it: they go to the configuration block through nanoff's network deployment, so this
/// file holds no secret. The one place that knows the format: the fields Core's DeviceConfig requires (all others
/// keep the firmware's defaults); a test runs Core's own parser on what this writes.
/// </summary>
public static class DeviceConfigFile
{
    /// <summary>The file's name on the device (Core's DeviceConfig.FileName; DeviceConfigContractTests checks they agree).</summary>
    public const string DeviceFileName = "nanothing.json";
    /// <summary>The full destination path for nanoff's file deployment.</summary>
    public const string DevicePath = @"I:\" + DeviceFileName;

    public static string Write(ThingName thing, IotEndpoint endpoint) => JsonText.Write(json =>
    {
        json.WriteStartObject();
        json.WriteString("thingName", thing.Value);
        json.WriteString("endpoint", endpoint.Host);
        json.WriteNumber("port", endpoint.Port);
        json.WriteEndObject();
    }) + "\n";
}
