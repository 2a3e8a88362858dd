namespace NanoThing.Mqtt;

/// <summary>What <see cref="MqttClient.ConnectAsync"/> achieved.</summary>
/// <param name="Status">Accepted, a CONNACK refusal, or the failure before CONNACK.</param>
/// <param name="Message">A sentence for the user: what failed, at which endpoint, and what to check next.</param>
/// <param name="SessionPresent">The CONNACK session-present flag (false unless accepted without clean session).</param>
public sealed record MqttConnectResult(MqttConnectStatus Status, string Message, bool SessionPresent = false)
{
    /// <summary>True only for <see cref="MqttConnectStatus.Accepted"/>.</summary>
    public bool IsConnected => Status == MqttConnectStatus.Accepted;

    /// <summary>The result for a CONNACK return code received from <paramref name="endpoint"/> for <paramref name="clientId"/>.</summary>
    public static MqttConnectResult FromConnAck(byte returnCode, bool sessionPresent, string endpoint, string clientId)
    {
        string who = "The broker at " + endpoint + " ";
        return returnCode switch
        {
            0 => new(MqttConnectStatus.Accepted, "Connected to " + endpoint + " as client id '" + clientId + "'.", sessionPresent),
            1 => new(MqttConnectStatus.RefusedProtocolVersion, who + "refused the connection (CONNACK 1): it does not accept MQTT 3.1.1. Use a broker that supports MQTT 3.1.1."),
            2 => new(MqttConnectStatus.RefusedIdentifier, who + "rejected client id '" + clientId + "' (CONNACK 2). Use a non-empty id of at most 128 characters, normally the thing name."),
            3 => new(MqttConnectStatus.RefusedServerUnavailable, who + "refused the connection (CONNACK 3): the MQTT service is unavailable. Try again later."),
            4 => new(MqttConnectStatus.RefusedBadCredentials, who + "refused the connection (CONNACK 4): bad user name or password."),
            5 => new(MqttConnectStatus.RefusedNotAuthorized, who + "refused client id '" + clientId + "' (CONNACK 5: not authorized). Check that the certificate is active and its policy allows iot:Connect for this client id."),
            _ => new(MqttConnectStatus.ProtocolError, who + "answered CONNECT with unknown CONNACK return code " + returnCode + "; it is not an MQTT 3.1.1 broker."),
        };
    }
}
