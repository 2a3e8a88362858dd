using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace NanoThing.LocalIot.Policies;

/// <summary>
/// The X.509 certificate policy variables of a certificate (cert-policy-variables.html), by their names after
/// <c>iot:Certificate.</c>: <c>Subject.&lt;attribute&gt;</c> and <c>Issuer.&lt;attribute&gt;</c> for the thirteen
/// documented attributes (a further value of a multi-valued attribute as <c>&lt;name&gt;.1</c>, <c>.2</c> …, in the
/// certificate's order), <c>Subject.AlternativeName.DNSName</c> / <c>.IPAddress</c> / <c>.RFC822Name</c> /
/// <c>.UniformResourceIdentifier</c>, and <c>SerialNumber</c> (upper-case hex as in the certificate). Feed the result
/// to <see cref="AuthorizationContext.CertificateFields"/>.
/// </summary>
public static class CertificateVariables
{
    // X.520 attribute types of the documented attributes.
    private static readonly Dictionary<string, string> Attributes = new()
    {
        ["2.5.4.46"] = "DistinguishedNameQualifier",
        ["2.5.4.6"] = "Country",
        ["2.5.4.10"] = "Organization",
        ["2.5.4.11"] = "OrganizationalUnit",
        ["2.5.4.8"] = "State",
        ["2.5.4.3"] = "CommonName",
        ["2.5.4.5"] = "SerialNumber",
        ["2.5.4.12"] = "Title",
        ["2.5.4.4"] = "Surname",
        ["2.5.4.42"] = "GivenName",
        ["2.5.4.43"] = "Initials",
        ["2.5.4.65"] = "Pseudonym",
        ["2.5.4.44"] = "GenerationQualifier",
    };

    /// <summary>The AWS IoT certificate id: lower-case hex SHA-256 of the DER encoding.</summary>
    public static string Id(X509Certificate2 certificate) => Convert.ToHexStringLower(SHA256.HashData(certificate.RawData));

    /// <summary>The variables of <paramref name="certificate"/>; names absent from it are absent here. Never throws for a parsed certificate.</summary>
    public static IReadOnlyDictionary<string, string> From(X509Certificate2 certificate)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        AddName(fields, "Subject.", certificate.SubjectName);
        AddName(fields, "Issuer.", certificate.IssuerName);
        fields["SerialNumber"] = certificate.SerialNumber;
        foreach (var extension in certificate.Extensions)
        {
            if (extension is X509SubjectAlternativeNameExtension names) AddAlternativeNames(fields, names);
        }

        return fields;
    }

    private static void AddName(Dictionary<string, string> fields, string prefix, X500DistinguishedName name)
    {
        foreach (var rdn in name.EnumerateRelativeDistinguishedNames(reversed: false))
        {
            if (rdn.HasMultipleElements || rdn.GetSingleElementValue() is not { } value) continue;
            if (Attributes.TryGetValue(rdn.GetSingleElementType().Value ?? "", out string? attribute)) Add(fields, prefix + attribute, value);
        }
    }

    private static void AddAlternativeNames(Dictionary<string, string> fields, X509SubjectAlternativeNameExtension extension)
    {
        const string prefix = "Subject.AlternativeName.";
        foreach (string dns in extension.EnumerateDnsNames()) Add(fields, prefix + "DNSName", dns);
        foreach (var ip in extension.EnumerateIPAddresses()) Add(fields, prefix + "IPAddress", ip.ToString());
        try
        {
            // GeneralName ::= CHOICE { rfc822Name [1] IA5String, …, uniformResourceIdentifier [6] IA5String, … } (RFC 5280 §4.2.1.6)
            var reader = new AsnReader(extension.RawData, AsnEncodingRules.DER).ReadSequence();
            while (reader.HasData)
            {
                var tag = reader.PeekTag();
                if (tag.TagClass == TagClass.ContextSpecific && tag.TagValue is 1 or 6)
                {
                    Add(fields, prefix + (tag.TagValue == 1 ? "RFC822Name" : "UniformResourceIdentifier"), reader.ReadCharacterString(UniversalTagNumber.IA5String, tag));
                }
                else
                {
                    reader.ReadEncodedValue();
                }
            }
        }
        catch (AsnContentException)
        {
            // A malformed extension contributes no e-mail or URI names; the TLS layer already accepted the certificate.
        }
    }

    // The first value under the name, further values as name.1, name.2, … (AWS's index of a multi-valued attribute).
    private static void Add(Dictionary<string, string> fields, string name, string value)
    {
        if (fields.TryAdd(name, value)) return;
        int index = 1;
        while (fields.ContainsKey(name + "." + index)) index++;
        fields[name + "." + index] = value;
    }
}
