namespace NanoThing.LocalIot.Registry;

/// <summary>A registered certificate's status, as AWS IoT's <c>CertificateStatus</c> (only ACTIVE certificates connect).</summary>
public enum CertificateStatus
{
    /// <summary>ACTIVE: may connect.</summary>
    Active,

    /// <summary>INACTIVE: temporarily disabled; may be activated again.</summary>
    Inactive,

    /// <summary>REVOKED: prevented from any future use.</summary>
    Revoked,
}
