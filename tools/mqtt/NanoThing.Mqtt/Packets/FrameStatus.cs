namespace NanoThing.Mqtt.Packets;

/// <summary>Outcome of looking for one MQTT packet at the start of a byte sequence.</summary>
public enum FrameStatus
{
    /// <summary>A whole packet (or field) is there.</summary>
    Complete,
    /// <summary>The bytes end before the packet does: read more and try again.</summary>
    NeedMoreData,
    /// <summary>The bytes cannot be an MQTT 3.1.1 packet: the connection must be closed.</summary>
    Malformed,
}
