namespace NanoThing.LocalIot.StandIn;

/// <summary>Where the stand-in keeps its state and where it listens.</summary>
/// <param name="DataFolder">The stand-in's folder (<c>.nanothing/local/</c>): <c>ca/</c> (created on first use), <c>registry.json</c>, <c>shadows/</c>, <c>broker/</c> and <c>identities/</c>.</param>
/// <param name="Port">TLS port on 127.0.0.1.</param>
public sealed record LocalIotServerOptions(string DataFolder, int Port)
{
    /// <summary>Receives every log line (broker, refusals, shadow service); default none.</summary>
    public Action<string>? Log { get; init; }

    /// <summary>Clock for shadow timestamps, log lines and session expiry; default the system clock.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The data plane's HTTPS port on 127.0.0.1: a port, 0 (the default here) for any free one, or null for
    /// AWS's 8443 when it is free and any free port otherwise (what <c>nanothing local start</c> does without
    /// <c>--data-plane-port</c>; the port taken is in <see cref="LocalIotServer.DataPlaneUrl"/>).</summary>
    public int? DataPlanePort { get; init; } = 0;

    /// <summary>The local console's HTTP port on 127.0.0.1: null (the default here) for no console, 0 for any free port.</summary>
    public int? ConsolePort { get; init; }

    /// <summary>When <see cref="ConsolePort"/> cannot be listened on, take any free port instead of failing (<c>local start</c>'s default port).</summary>
    public bool ConsoleFallbackToFreePort { get; init; }

    /// <summary>The local CA's folder.</summary>
    public string CaFolder => Path.Combine(DataFolder, "ca");

    /// <summary>The broker's persistent sessions and retained messages (kept across restarts, as AWS keeps them).</summary>
    public string BrokerFolder => Path.Combine(DataFolder, BrokerFolderName);

    /// <summary>The name of <see cref="BrokerFolder"/> in the data folder.</summary>
    public const string BrokerFolderName = "broker";

    /// <summary>The shadow files' folder.</summary>
    public string ShadowFolder => Path.Combine(DataFolder, "shadows");

    /// <summary>The folder of the stand-in's own application identity <paramref name="name"/> (the console's), kept between starts.</summary>
    public string IdentityFolder(string name) => Path.Combine(DataFolder, "identities", name);
}
