namespace NanoThing.Core.Seams
{
    /// <summary>
    /// QoS 1 publishes whose completion Core can see: the broker's PUBACK (MQTT 3.1.1 section 4.3.2). Implemented by
    /// the same object as <see cref="IMqttSession"/> (device: M2Mqtt's MqttMsgPublished event with IsPublished;
    /// PC: MQTTnet's PublishAsync completing after PUBACK). Telemetry uses it so that a record leaves its buffer only
    /// after the broker took it.
    /// <para>
    /// Contract: <see cref="PublishQos1"/> hands the message to the connection and returns an identifier
    /// for it (1..65535; on the device the MQTT packet identifier), or 0 when it could not (not connected, write failed). <see cref="IsAcknowledged"/> becomes true when
    /// that identifier's PUBACK arrives on the same connection and stays true until the identifier is used again.
    /// The session uses a clean session: an identifier whose connection was lost before its PUBACK is never
    /// acknowledged (the caller publishes the message again on the next connection). Neither call blocks on the
    /// broker; neither throws.
    /// </para>
    /// </summary>
    public interface IMqttDelivery
    {
        /// <summary>Publishes like <see cref="IMqttSession.Publish"/> at QoS 1; the packet identifier, or 0 when not handed over.</summary>
        int PublishQos1(string topic, byte[] payload, int offset, int length);

        /// <summary>True once the PUBACK of <paramref name="messageId"/> (returned by <see cref="PublishQos1"/>) has arrived.</summary>
        bool IsAcknowledged(int messageId);
    }
}
