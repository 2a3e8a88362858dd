using NanoThing.Cli.Execution;

namespace NanoThing.Cli.Commands.Local;

/// <summary>
/// Where the local AWS IoT stand-in keeps its state: one data folder, <c>.nanothing/local/</c> in the working
/// directory, holding the CA (<c>ca/</c>), mosquitto's config, ACL, log and pid (<c>broker/</c>), the shadow
/// service's client certificate (<c>shadow-service/</c>), the shadows (<c>shadows/</c>) and the background process's
/// pid file and log (<c>serve.pid</c>, <c>serve.log</c>).
/// </summary>
public sealed record LocalPaths(string Root)
{
    public const string RelativeRoot = ".nanothing/local";

    public static LocalPaths For(CliContext context) => new(Path.Combine(context.WorkingDirectory, ".nanothing", "local"));

    public string Ca => Path.Combine(Root, "ca");
    public string Broker => Path.Combine(Root, "broker");
    public string ShadowService => Path.Combine(Root, "shadow-service");
    public string ShadowServiceCertificate => Path.Combine(ShadowService, "client.crt");
    public string ShadowServiceKey => Path.Combine(ShadowService, "client.key");
    public string Shadows => Path.Combine(Root, "shadows");
    /// <summary>Written by <c>local serve</c> once the shadow service is connected: "pid\nport\n".</summary>
    public string ServePid => Path.Combine(Root, "serve.pid");
    public string ServeLog => Path.Combine(Root, "serve.log");
}
