using NanoThing.Core.Agent;
using NanoThing.Core.Seams;

namespace NanoThing.VirtualBoard.Board;

/// <summary>How to run one virtual board.</summary>
public sealed class VirtualBoardOptions
{
    /// <summary>The thing name: certificate CN, MQTT client id, and the thingName of the device config.</summary>
    public required string Thing { get; init; }

    /// <summary>The thing's folder (things/&lt;thing&gt;/).</summary>
    public required string Directory { get; init; }

    /// <summary>
    /// Connect here instead of the config's endpoint (this run only; the bundle is not changed). When the thing has no
    /// device config, one is created for this endpoint.
    /// </summary>
    public NewConfig? Endpoint { get; init; }

    /// <summary>Seed of the simulated weather and of the backoff jitter: the same seed gives the same readings.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>How many times faster than real time the simulated weather's day runs (1 = a real day).</summary>
    public double WeatherSpeed { get; init; } = 1;

    /// <summary>Where the board's log lines go (null: nowhere; the <see cref="VirtualBoard.LogWritten"/> event still sees them).</summary>
    public TextWriter? Output { get; init; }

    /// <summary>The lowest level written to <see cref="Output"/>.</summary>
    public LogLevel LogLevel { get; init; } = LogLevel.Info;

    /// <summary>The reset reason reported after each connect.</summary>
    public string ResetReason { get; init; } = "virtualBoard";

    /// <summary>The bound of one connect (TCP + TLS + CONNACK).</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Agent settings; null for the device's defaults. Its FirmwareVersion and ResetReason are set by the board.</summary>
    public ThingAgentOptions? Agent { get; init; }
}
