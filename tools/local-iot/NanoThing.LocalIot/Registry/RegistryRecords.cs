using System.Text.Json.Serialization;

namespace NanoThing.LocalIot.Registry;

/// <summary>A registered certificate: its id (lower-case hex SHA-256 of the DER), PEM, status and how it was registered.</summary>
public sealed record CertificateRecord(string Id, string Pem, [property: JsonConverter(typeof(JsonStringEnumConverter<CertificateStatus>))] CertificateStatus Status, bool RegisteredWithoutCa, DateTimeOffset Created);

/// <summary>A thing: its name and attributes.</summary>
public sealed record ThingRecord(string Name, Dictionary<string, string> Attributes);

/// <summary>A named policy: the JSON document as given.</summary>
public sealed record PolicyRecord(string Name, string Document);

/// <summary>Everything the registry holds, as it is written to <c>registry.json</c>.</summary>
internal sealed class RegistryState
{
    public Dictionary<string, ThingRecord> Things { get; set; } = new(StringComparer.Ordinal);

    public Dictionary<string, CertificateRecord> Certificates { get; set; } = new(StringComparer.Ordinal);

    public Dictionary<string, PolicyRecord> Policies { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Policy name to the certificate ids it is attached to (AttachPolicy).</summary>
    public Dictionary<string, List<string>> PolicyTargets { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Thing name to the certificate ids attached to it (AttachThingPrincipal).</summary>
    public Dictionary<string, List<string>> ThingPrincipals { get; set; } = new(StringComparer.Ordinal);
}
