using NanoThing.Cli.Execution;

namespace NanoThing.Cli.Commands.Local;

/// <summary>
/// Where the local AWS IoT stand-in keeps its state: one data folder, <c>.nanothing/local/</c> in the working
/// directory, holding the CA (<c>ca/</c>), the shadows (<c>shadows/</c>), the broker's sessions (<c>broker/</c>) and the background process's pid file and log
/// (<c>serve.pid</c>, <c>serve.log</c>: connections, every refusal, the shadow service).
/// </summary>
public sealed record LocalPaths(string Root)
{
    public const string RelativeRoot = ".nanothing/local";

    public static LocalPaths For(CliContext context) => new(Path.Combine(context.WorkingDirectory, ".nanothing", "local"));

    public string Ca => Path.Combine(Root, "ca");
    public string Shadows => Path.Combine(Root, "shadows");
    /// <summary>The broker's persistent sessions and retained messages.</summary>
    public string Broker => Path.Combine(Root, NanoThing.LocalIot.StandIn.LocalIotServerOptions.BrokerFolderName);
    /// <summary>The data plane's credentials (0600; <c>nanothing local env</c> exports them).</summary>
    public string Credentials => Path.Combine(Root, NanoThing.LocalIot.DataPlane.Auth.LocalCredentials.FileName);
    /// <summary>Written by <c>local serve</c> once the broker and data plane listen: "pid\nport\ndata-plane-port\n".</summary>
    public string ServePid => Path.Combine(Root, "serve.pid");
    public string ServeLog => Path.Combine(Root, "serve.log");
}
