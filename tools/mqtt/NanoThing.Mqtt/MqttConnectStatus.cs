namespace NanoThing.Mqtt;

/// <summary>
/// Outcome of <see cref="MqttClient.ConnectAsync"/>. Values 0..5 are the CONNACK return codes of MQTT 3.1.1;
/// 100.. are failures before a CONNACK (the same numbers as Core's <c>MqttConnectResult</c> seam).
/// </summary>
public enum MqttConnectStatus
{
    /// <summary>CONNACK 0: connected.</summary>
    Accepted = 0,
    /// <summary>CONNACK 1: the broker does not accept MQTT 3.1.1.</summary>
    RefusedProtocolVersion = 1,
    /// <summary>CONNACK 2: the client id was rejected.</summary>
    RefusedIdentifier = 2,
    /// <summary>CONNACK 3: the broker is up but its MQTT service is unavailable.</summary>
    RefusedServerUnavailable = 3,
    /// <summary>CONNACK 4: bad user name or password.</summary>
    RefusedBadCredentials = 4,
    /// <summary>CONNACK 5: not authorised (AWS: the policy does not allow iot:Connect for this client id).</summary>
    RefusedNotAuthorized = 5,
    /// <summary>The host name did not resolve or TCP could not connect.</summary>
    NetworkError = 100,
    /// <summary>The TLS handshake failed (server certificate not trusted, wrong name) or the broker closed the
    /// connection before CONNACK (under TLS 1.3 that is how a refused client certificate shows).</summary>
    TlsError = 101,
    /// <summary>No CONNACK within <see cref="MqttConnectOptions.ConnectTimeout"/>.</summary>
    Timeout = 102,
    /// <summary>The broker answered with something that is not a valid CONNACK (or an unknown return code).</summary>
    ProtocolError = 103,
}
