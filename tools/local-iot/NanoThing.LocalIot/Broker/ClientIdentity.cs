namespace NanoThing.LocalIot.Broker;

/// <summary>Who a connection is, as the broker established it at CONNECT.</summary>
/// <param name="ClientId">The MQTT client id (as sent; AWS never replaces it).</param>
/// <param name="CertificateId">AWS certificate id: lower-case hex SHA-256 of the client certificate's DER.</param>
/// <param name="CommonName">The certificate subject's CN ("" when it has none).</param>
/// <param name="ThingName">The thing the certificate is attached to when the client id equals its name (AWS's
/// <c>iot:Connection.Thing.ThingName</c>), else null.</param>
public sealed record ClientIdentity(string ClientId, string CertificateId, string CommonName, string? ThingName);
