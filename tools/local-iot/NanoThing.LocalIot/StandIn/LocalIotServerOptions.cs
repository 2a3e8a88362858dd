namespace NanoThing.LocalIot.StandIn;

/// <summary>Where the stand-in keeps its state and where it listens.</summary>
/// <param name="DataFolder">The stand-in's folder (<c>.nanothing/local/</c>): <c>ca/</c> (created on first use), <c>registry.json</c> and <c>shadows/</c>.</param>
/// <param name="Port">TLS port on 127.0.0.1.</param>
public sealed record LocalIotServerOptions(string DataFolder, int Port)
{
    /// <summary>Receives every log line (broker, refusals, shadow service); default none.</summary>
    public Action<string>? Log { get; init; }

    /// <summary>Clock for shadow timestamps, log lines and session expiry; default the system clock.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The local CA's folder.</summary>
    public string CaFolder => Path.Combine(DataFolder, "ca");

    /// <summary>The shadow files' folder.</summary>
    public string ShadowFolder => Path.Combine(DataFolder, "shadows");
}
