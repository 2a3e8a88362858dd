namespace NanoThing.LocalIot.Shadows;

/// <summary>How the Device Shadow service reaches the broker and where it keeps shadows.</summary>
/// <param name="BrokerHost">Broker address (the local stand-in: 127.0.0.1).</param>
/// <param name="BrokerPort">Broker TLS port.</param>
/// <param name="CaFile">PEM CA the broker's certificate must chain to (the local CA).</param>
/// <param name="CertificateFile">PEM certificate of the service's privileged identity (its CN is the ACL user).</param>
/// <param name="KeyFile">PEM private key of that certificate.</param>
/// <param name="DataFolder">Folder of the shadow files (created when missing); one service per folder.</param>
public sealed record ShadowServiceOptions(string BrokerHost, int BrokerPort, string CaFile, string CertificateFile, string KeyFile, string DataFolder)
{
    /// <summary>MQTT client id (the local broker replaces it with the certificate CN anyway).</summary>
    public string ClientId { get; init; } = "nanothing-shadow-service";

    /// <summary>Name the broker certificate must carry (the local CA issues it for "localhost").</summary>
    public string ServerName { get; init; } = "localhost";

    /// <summary>Bound on one connect attempt (TCP + TLS + CONNACK) and on each PUBACK/SUBACK wait.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest pause between two reconnect attempts after the broker went away.</summary>
    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Receives one line per event worth telling (ready, connection lost, bad shadow file); default: none.</summary>
    public Action<string>? Log { get; init; }

    /// <summary>The clock used for shadow timestamps; default: the system clock.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
