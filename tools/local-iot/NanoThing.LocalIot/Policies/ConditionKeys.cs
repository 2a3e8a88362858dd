namespace NanoThing.LocalIot.Policies;

/// <summary>The condition keys beyond the policy variables that the stand-in evaluates.</summary>
internal static class ConditionKeys
{
    /// <summary>Multi-valued: "PersistentConnect" and/or "LastWill" on CONNECT (connect-policy.html).</summary>
    public const string ConnectAttributes = "iot:ConnectAttributes";
    /// <summary>The client's IP address, compared with <c>IpAddress</c>/<c>NotIpAddress</c> (basic-policy-variables.html).</summary>
    public const string SourceIp = "aws:SourceIp";
    /// <summary>Whether the request came over TLS: always "true" here.</summary>
    public const string SecureTransport = "aws:SecureTransport";

    /// <summary>True when the stand-in can supply <paramref name="key"/>.</summary>
    public static bool IsKnown(string key) =>
        key.Equals(ConnectAttributes, StringComparison.OrdinalIgnoreCase)
        || key.Equals(SourceIp, StringComparison.OrdinalIgnoreCase)
        || key.Equals(SecureTransport, StringComparison.OrdinalIgnoreCase)
        || PolicyVariables.IsKnown(key)
        || PolicyVariables.IsCertificateList(key);
}
