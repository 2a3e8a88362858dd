namespace NanoThing.LocalIot.Broker;

/// <summary>AWS IoT Core message broker limits the stand-in enforces (reference aws-iot.md §2.2-2.4).</summary>
public static class AwsLimits
{
    /// <summary>Largest PUBLISH payload: 128 KB (2019 limits page; thin-edge's aws_mqtt_payload_limit 131072).</summary>
    public const int MaxPayloadBytes = 128 * 1024;

    /// <summary>Longest client id in UTF-8 bytes.</summary>
    public const int MaxClientIdBytes = 128;
}
