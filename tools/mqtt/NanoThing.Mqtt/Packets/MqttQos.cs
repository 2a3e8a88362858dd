namespace NanoThing.Mqtt.Packets;

/// <summary>Quality of service levels NanoThing uses. AWS IoT Core supports 0 and 1 only, so QoS 2 is not offered.</summary>
public enum MqttQos : byte
{
    /// <summary>At most once: no acknowledgement.</summary>
    AtMostOnce = 0,
    /// <summary>At least once: the receiver answers with PUBACK.</summary>
    AtLeastOnce = 1,
}
