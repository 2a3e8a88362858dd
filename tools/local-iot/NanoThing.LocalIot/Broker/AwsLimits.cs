namespace NanoThing.LocalIot.Broker;

/// <summary>AWS IoT Core message broker limits the stand-in enforces (reference aws-iot.md §2.2-2.4).</summary>
public static class AwsLimits
{
    /// <summary>Largest PUBLISH payload: 128 KB (2019 limits page; thin-edge's aws_mqtt_payload_limit 131072).</summary>
    public const int MaxPayloadBytes = 128 * 1024;

    /// <summary>Longest client id in UTF-8 bytes.</summary>
    public const int MaxClientIdBytes = 128;

    /// <summary>Keep-alive bounds in seconds (2019 limits page; reference aws-iot.md §2.4).</summary>
    public const ushort MinKeepAliveSeconds = 30, MaxKeepAliveSeconds = 1200;

    /// <summary>The keep-alive AWS applies to a requested one: 0 or over 1200 s becomes 1200 s, 1-29 s becomes 30 s.</summary>
    public static ushort EffectiveKeepAlive(ushort requestedSeconds) => requestedSeconds switch
    {
        0 or > MaxKeepAliveSeconds => MaxKeepAliveSeconds,
        < MinKeepAliveSeconds => MinKeepAliveSeconds,
        _ => requestedSeconds,
    };
}
