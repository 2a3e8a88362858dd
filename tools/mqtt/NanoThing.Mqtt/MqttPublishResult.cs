namespace NanoThing.Mqtt;

/// <summary>Outcome of <see cref="MqttClient.PublishAsync"/>.</summary>
public enum MqttPublishStatus
{
    /// <summary>QoS 0: written to the connection (nobody confirms delivery).</summary>
    Sent,
    /// <summary>QoS 1: the broker answered PUBACK. (A broker ACL may still have dropped it: mosquitto acks denied publishes.)</summary>
    Acknowledged,
    /// <summary>The client was not connected.</summary>
    NotConnected,
    /// <summary>The topic is not a valid MQTT topic name (empty, wildcard, NUL, too long).</summary>
    InvalidTopic,
    /// <summary>No PUBACK within <see cref="MqttConnectOptions.OperationTimeout"/>.</summary>
    Timeout,
    /// <summary>The connection dropped before the write or the PUBACK completed.</summary>
    ConnectionLost,
}

/// <summary>What <see cref="MqttClient.PublishAsync"/> achieved, with a sentence for the user.</summary>
public sealed record MqttPublishResult(MqttPublishStatus Status, string Message)
{
    /// <summary>True for <see cref="MqttPublishStatus.Sent"/> and <see cref="MqttPublishStatus.Acknowledged"/>.</summary>
    public bool Succeeded => Status is MqttPublishStatus.Sent or MqttPublishStatus.Acknowledged;
}
