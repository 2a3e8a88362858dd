namespace NanoThing.Mqtt.Packets;

/// <summary>MQTT 3.1.1 control packet types: the high nibble of the first byte of every packet (spec 2.2.1).</summary>
public enum MqttPacketType : byte
{
    /// <summary>Client asks to connect.</summary>
    Connect = 1,
    /// <summary>Server's answer to CONNECT.</summary>
    ConnAck = 2,
    /// <summary>An application message, either direction.</summary>
    Publish = 3,
    /// <summary>Acknowledges a QoS 1 PUBLISH.</summary>
    PubAck = 4,
    /// <summary>QoS 2, step 1 (not used by NanoThing).</summary>
    PubRec = 5,
    /// <summary>QoS 2, step 2 (not used by NanoThing).</summary>
    PubRel = 6,
    /// <summary>QoS 2, step 3 (not used by NanoThing).</summary>
    PubComp = 7,
    /// <summary>Client subscribes to topic filters.</summary>
    Subscribe = 8,
    /// <summary>Server's per-filter answer to SUBSCRIBE.</summary>
    SubAck = 9,
    /// <summary>Client removes subscriptions.</summary>
    Unsubscribe = 10,
    /// <summary>Server's answer to UNSUBSCRIBE.</summary>
    UnsubAck = 11,
    /// <summary>Keep-alive request from the client.</summary>
    PingReq = 12,
    /// <summary>Keep-alive answer from the server.</summary>
    PingResp = 13,
    /// <summary>Client closes the session cleanly.</summary>
    Disconnect = 14,
}
