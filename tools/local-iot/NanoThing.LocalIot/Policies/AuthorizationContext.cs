namespace NanoThing.LocalIot.Policies;

/// <summary>
/// Who makes the request: the values AWS IoT substitutes for policy variables and uses for condition keys.
/// </summary>
/// <param name="ClientId">The MQTT client id (<c>${iot:ClientId}</c>). Empty when there is no MQTT connection (the
/// HTTPS data plane): the variable is then undefined, as AWS defines it only for MQTT.</param>
/// <param name="CertificateId">The certificate id (lower-case hex SHA-256 of the DER; <c>${iot:CertificateId}</c>), or null
/// when the caller is not authenticated by a certificate (SigV4).</param>
/// <param name="CommonName">The certificate subject's CN (<c>${iot:Certificate.Subject.CommonName}</c>), or null.</param>
/// <param name="ThingName">The thing the connection acts as, or null. Set it only when that thing is attached to the
/// certificate AND <paramref name="ClientId"/> equals the thing name: AWS defines the <c>iot:Connection.Thing.*</c>
/// variables only then (thing-policy-variables.html), and only over MQTT. Null makes
/// <c>iot:Connection.Thing.IsAttached</c> "false" and the other thing variables undefined.</param>
/// <param name="ThingAttributes">That thing's attributes (<c>${iot:Connection.Thing.Attributes[name]}</c>), or null.</param>
public sealed record AuthorizationContext(
    string ClientId,
    string? CertificateId,
    string? CommonName,
    string? ThingName,
    IReadOnlyDictionary<string, string>? ThingAttributes)
{
    /// <summary>The thing's type (<c>${iot:Connection.Thing.ThingTypeName}</c>), or null when it has none.</summary>
    public string? ThingTypeName { get; init; }

    /// <summary>
    /// Further certificate variables by the name AWS gives them after <c>iot:Certificate.</c>, e.g.
    /// <c>"Subject.Organization"</c>, <c>"Issuer.CommonName"</c>, <c>"SerialNumber"</c>,
    /// <c>"Subject.AlternativeName.DNSName"</c> (cert-policy-variables.html). The subject's CN comes from
    /// <see cref="CommonName"/>; a name absent here is undefined.
    /// </summary>
    public IReadOnlyDictionary<string, string>? CertificateFields { get; init; }

    /// <summary>
    /// The CONNECT's attributes for the <c>iot:ConnectAttributes</c> condition key: <c>"PersistentConnect"</c>
    /// (cleanSession=0) and/or <c>"LastWill"</c> (connect-policy.html). Null outside a CONNECT.
    /// </summary>
    public IReadOnlyList<string>? ConnectAttributes { get; init; }

    /// <summary>The client's IP address for <c>aws:SourceIp</c>, or null when unknown.</summary>
    public System.Net.IPAddress? SourceIp { get; init; }

    /// <summary>
    /// The context of an MQTT client that presented <paramref name="certificate"/>, applying AWS's rule for the thing
    /// variables in one place: the connection acts as thing <paramref name="clientId"/> only when that thing is among
    /// <paramref name="attachedThings"/> (AttachThingPrincipal, non-exclusive association: "the value of clientId …
    /// must exactly match the thing name", thing-policy-variables.html). <paramref name="describeThing"/> gives that
    /// thing's type and attributes (called only then; null for none). Certificate variables from
    /// <see cref="CertificateVariables.From"/>.
    /// </summary>
    public static AuthorizationContext ForMqtt(string clientId, System.Security.Cryptography.X509Certificates.X509Certificate2 certificate,
        IReadOnlyCollection<string> attachedThings, Func<string, (string? TypeName, IReadOnlyDictionary<string, string>? Attributes)>? describeThing = null,
        IReadOnlyList<string>? connectAttributes = null, System.Net.IPAddress? sourceIp = null)
    {
        var fields = CertificateVariables.From(certificate);
        string? thing = attachedThings.Contains(clientId, StringComparer.Ordinal) ? clientId : null;
        var (typeName, attributes) = thing is not null && describeThing is not null ? describeThing(thing) : (null, null);
        return new AuthorizationContext(clientId, CertificateVariables.Id(certificate), fields.GetValueOrDefault("Subject.CommonName"), thing, attributes)
        {
            ThingTypeName = typeName,
            CertificateFields = fields,
            ConnectAttributes = connectAttributes,
            SourceIp = sourceIp,
        };
    }

    /// <summary>A caller with no MQTT connection and no certificate, e.g. an HTTPS data-plane request signed with SigV4.</summary>
    public static AuthorizationContext WithoutConnection { get; } = new(string.Empty, null, null, null, null);
}
