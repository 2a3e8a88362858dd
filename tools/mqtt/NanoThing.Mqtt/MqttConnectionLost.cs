namespace NanoThing.Mqtt;

/// <summary>Why an accepted connection ended without <see cref="MqttClient.DisconnectAsync"/>.</summary>
public enum MqttConnectionLostReason
{
    /// <summary>The broker closed the connection or the network failed (read/write error, end of stream).</summary>
    TransportClosed,
    /// <summary>No PINGRESP within 1.5 times the keep-alive interval after the last packet sent.</summary>
    KeepAliveTimeout,
    /// <summary>The broker sent bytes that are not valid MQTT 3.1.1, a PUBLISH to an invalid topic, or a message over
    /// <see cref="MqttConnectOptions.MaxIncomingPacketBytes"/>.</summary>
    ProtocolError,
    /// <summary>The <see cref="MqttClient.MessageReceived"/> handler threw; the client closed the connection.</summary>
    HandlerFailed,
}

/// <summary>Details of a lost connection, with a sentence for the user.</summary>
public sealed record MqttConnectionLost(MqttConnectionLostReason Reason, string Message);
