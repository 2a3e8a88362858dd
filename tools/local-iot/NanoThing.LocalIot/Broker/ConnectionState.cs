using MQTTnet.Formatter;

namespace NanoThing.LocalIot.Broker;

/// <summary>What the broker keeps about one accepted connection of a client id (the latest one wins on takeover).</summary>
internal sealed class ConnectionState(ClientIdentity identity, MqttProtocolVersion protocol, string endpoint, string sessionIdentifier, long version)
{
    public ClientIdentity Identity { get; } = identity;

    public MqttProtocolVersion Protocol { get; } = protocol;

    public string Endpoint { get; } = endpoint;

    /// <summary>Lifecycle events' sessionIdentifier: unique per connection.</summary>
    public string SessionIdentifier { get; } = sessionIdentifier;

    /// <summary>Lifecycle events' versionNumber: shared by a connect and its disconnect.</summary>
    public long Version { get; } = version;

    /// <summary>The keep-alive in force (AWS's bounds applied to the client's).</summary>
    public ushort KeepAliveSeconds { get; init; }

    /// <summary>Set when the broker closed the connection itself (AWS disconnectReason), else null.</summary>
    public string? CloseReason { get; set; }

    /// <summary>True once a newer connection with the same client id replaced this one (its event is already sent).</summary>
    public bool TakenOver { get; set; }

    /// <summary>When the connection ended (for persistent-session expiry); null while connected.</summary>
    public DateTimeOffset? DisconnectedAt { get; set; }
}
