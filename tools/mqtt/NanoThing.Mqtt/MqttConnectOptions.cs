namespace NanoThing.Mqtt;

/// <summary>Where and how <see cref="MqttClient"/> connects. Every network wait is bounded by one of these timeouts.</summary>
/// <param name="Host">Broker host name or IP address (AWS: the iot:Data-ATS endpoint; local: 127.0.0.1).</param>
/// <param name="Port">Broker TCP port (AWS: 8883).</param>
/// <param name="ClientId">MQTT client id (AWS: the thing name).</param>
/// <param name="Tls">Trust anchors and client certificate. TLS is not optional.</param>
public sealed record MqttConnectOptions(string Host, int Port, string ClientId, TlsSettings Tls)
{
    /// <summary>Keep-alive interval in seconds (0 = off), sent in CONNECT. MQTTnet pings when it has sent nothing for
    /// this long and declares the link dead when the PINGRESP does not come within half of it (1.5 times this after
    /// the last packet sent).</summary>
    public ushort KeepAliveSeconds { get; init; } = 60;

    /// <summary>Clean session flag of CONNECT (NanoThing always uses true).</summary>
    public bool CleanSession { get; init; } = true;

    /// <summary>Name the server certificate must carry and the TLS SNI; null = <see cref="Host"/>.</summary>
    public string? ServerName { get; init; }

    /// <summary>Bound on TCP connect + TLS handshake + CONNECT/CONNACK together.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Bound on waiting for PUBACK, SUBACK and UNSUBACK, and on a single write.</summary>
    public TimeSpan OperationTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Largest message (topic + payload bytes) accepted from the broker; a bigger one is not delivered nor
    /// acknowledged and closes the connection (AWS limits payloads to 128 KB). Checked once MQTTnet has read the packet:
    /// MQTTnet 5.2's client has no read limit of its own for MQTT 3.1.1.</summary>
    public int MaxIncomingPacketBytes { get; init; } = 1024 * 1024;

    /// <summary>"host:port", as used in messages.</summary>
    public string Endpoint => Host + ":" + Port;
}
