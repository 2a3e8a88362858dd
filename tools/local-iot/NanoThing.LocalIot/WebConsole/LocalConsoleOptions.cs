using NanoThing.LocalIot.Registry;
using System.Net;
using NanoThing.LocalIot.DataPlane;
using NanoThing.LocalIot.Pki;
using NanoThing.LocalIot.Shadows;

namespace NanoThing.LocalIot.WebConsole;

/// <summary>What the local console runs over: the stand-in's data folder (for its token), CA (for its MQTT identities),
/// broker (to watch and to test), shadow engine and publisher (to change shadows as the data plane does).</summary>
/// <param name="Port">HTTP port on 127.0.0.1; 0 picks a free one.</param>
/// <param name="DataFolder">The stand-in's folder, where <see cref="ConsoleToken.FileName"/> is kept.</param>
/// <param name="Ca">The local CA.</param>
/// <param name="BrokerPort">The broker's TLS port on 127.0.0.1.</param>
/// <param name="Committer">The shadow engine.</param>
/// <param name="Publisher">Publishes the replies of a change made from the console into the broker.</param>
/// <param name="Events">The pages' live events (shared with the <see cref="RefusalLog"/>).</param>
/// <param name="Refusals">The stand-in's refusals, fed from its log.</param>
public sealed record LocalConsoleOptions(int Port, string DataFolder, LocalCa Ca, int BrokerPort, ShadowCommitter Committer,
    IMessagePublisher Publisher, ConsoleEvents Events, RefusalLog Refusals)
{
    /// <summary>The address listened on: loopback only.</summary>
    public IPAddress Address { get; init; } = IPAddress.Loopback;

    /// <summary>
    /// Issues the credentials of one of the console's application identities (<see cref="LocalConsole.WatcherIdentity"/>,
    /// <see cref="MqttTestClient.Identity"/>) so that the broker accepts them: by default a certificate of the local CA;
    /// with a registry, also registered ACTIVE with the identity's own policy attached. Returns null and why not.
    /// </summary>
    public Func<string, (ClientCredentials? Credentials, string Error)>? IssueIdentity { get; init; }

    /// <summary>The client ids connected when the console starts (the rest it learns from lifecycle events).</summary>
    /// <summary>The registry: every registered thing is listed, with the status of its certificate. Null: things with a
    /// shadow or a connection only, certificate status unknown.</summary>
    public LocalRegistry? Registry { get; init; }

    public Func<Task<IReadOnlyList<string>>> ConnectedClientIds { get; init; } = () => Task.FromResult<IReadOnlyList<string>>([]);

    /// <summary>Receives the console's log lines.</summary>
    public Action<string>? Log { get; init; }

    /// <summary>Clock.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
