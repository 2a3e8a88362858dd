namespace NanoThing.LocalIot.DataPlane.Auth;

/// <summary>What <see cref="SigV4Verifier"/> accepts besides a valid signature.</summary>
public sealed record SigV4Options
{
    /// <summary>
    /// AWS's replay window: "In most cases, a request must reach AWS within five minutes of the time stamp in the
    /// request. Otherwise, AWS denies the request." (IAM User Guide, reference_aws-signing.html, "Protect against
    /// potential replay attacks"); AWS's text "Signature expired: … (… - 5 min.)" names the same bound. Applied both ways.
    /// </summary>
    public TimeSpan AllowedClockSkew { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The signing names accepted in the credential scope. The AWS SDKs and CLI sign iot-data as <c>iotdata</c>
    /// (botocore <c>data/iot-data/2015-05-28/service-2.json</c> <c>signingName</c>; the .NET SDK's AmazonIotDataConfig
    /// <c>AuthenticationServiceName</c>); AWS's developer guide tells hand-written signers to use
    /// <c>iotdevicegateway</c> (device-shadow-rest-api.html), so both are accepted.
    /// </summary>
    public IReadOnlyList<string> Services { get; init; } = ["iotdata", "iotdevicegateway"];

    /// <summary>The regions accepted in the scope; null accepts any (the stand-in serves whatever region a client is configured for).</summary>
    public IReadOnlyList<string>? Regions { get; init; }

    /// <summary>The defaults: five minutes, iotdata or iotdevicegateway, any region.</summary>
    public static SigV4Options IotData { get; } = new();
}
