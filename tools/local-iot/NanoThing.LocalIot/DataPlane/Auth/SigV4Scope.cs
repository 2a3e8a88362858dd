namespace NanoThing.LocalIot.DataPlane.Auth;

/// <summary>
/// A credential scope, <c>yyyyMMdd/region/service/aws4_request</c>: the date, region and service the signing key is
/// derived for (reference_sigv-create-signed-request.html, step 2).
/// </summary>
/// <param name="Date">The UTC date, <c>yyyyMMdd</c>.</param>
/// <param name="Region">The region the client signed for, e.g. "us-east-1".</param>
/// <param name="Service">The signing name: "iotdata" for iot-data in the AWS SDKs and CLI.</param>
public sealed record SigV4Scope(string Date, string Region, string Service)
{
    /// <summary>The scope's fixed last part.</summary>
    public const string Terminator = "aws4_request";

    /// <summary>The scope as it appears in the string to sign.</summary>
    public override string ToString() => Date + "/" + Region + "/" + Service + "/" + Terminator;
}
