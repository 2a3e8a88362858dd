namespace NanoThing.LocalIot.Policies;

/// <summary>
/// The AWS IoT policy variables and condition keys of one caller (<see cref="AuthorizationContext"/>), by the names
/// AWS documents: <c>iot:ClientId</c> (basic-policy-variables.html); <c>iot:Connection.Thing.ThingName</c>,
/// <c>.ThingTypeName</c>, <c>.Attributes[name]</c>, <c>.IsAttached</c> (thing-policy-variables.html);
/// <c>iot:CertificateId</c> and <c>iot:Certificate.*</c> (cert-policy-variables.html); condition keys
/// <c>iot:ConnectAttributes</c> (connect-policy.html), <c>aws:SourceIp</c>, <c>aws:SecureTransport</c>.
/// Names are compared ignoring case, as IAM does; an attribute's name inside <c>[…]</c> keeps its case.
/// </summary>
internal sealed class PolicyVariables
{
    private const string ThingPrefix = "iot:Connection.Thing.";
    private const string AttributesPrefix = ThingPrefix + "Attributes[";
    private const string CertificatePrefix = "iot:Certificate.";

    // cert-policy-variables.html: the attributes of Subject and Issuer, and the kinds of AlternativeName.
    private static readonly string[] NameAttributes =
    [
        "DistinguishedNameQualifier", "Country", "Organization", "OrganizationalUnit", "State", "CommonName",
        "SerialNumber", "Title", "Surname", "GivenName", "Initials", "Pseudonym", "GenerationQualifier",
    ];

    private static readonly string[] AlternativeNames =
        ["RFC822Name", "DNSName", "DirectoryName", "UniformResourceIdentifier", "IPAddress"];

    private static readonly string[] Simple =
    [
        "iot:ClientId", ThingPrefix + "ThingName", ThingPrefix + "ThingTypeName", ThingPrefix + "IsAttached", "iot:CertificateId",
    ];

    private readonly AuthorizationContext context;

    public PolicyVariables(AuthorizationContext context) => this.context = context;

    /// <summary>The variables the stand-in substitutes, for error messages.</summary>
    public const string Known =
        "iot:ClientId, iot:Connection.Thing.ThingName, iot:Connection.Thing.ThingTypeName, iot:Connection.Thing.Attributes[name], " +
        "iot:Connection.Thing.IsAttached, iot:CertificateId, iot:Certificate.Subject.<attribute>, iot:Certificate.Issuer.<attribute>, " +
        "iot:Certificate.SerialNumber, iot:Certificate.AvailableKeys; in conditions also iot:Certificate.<Subject|Issuer>.<attribute>.List";

    /// <summary>True when <paramref name="name"/> is a single-valued variable AWS IoT documents and the stand-in substitutes.</summary>
    public static bool IsKnown(string name)
    {
        if (Simple.Any(known => known.Equals(name, StringComparison.OrdinalIgnoreCase))) return true;
        if (name.StartsWith(AttributesPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return name.EndsWith(']') && name.Length > AttributesPrefix.Length + 1 && name.IndexOf(']') == name.Length - 1;
        }

        return name.StartsWith(CertificatePrefix, StringComparison.OrdinalIgnoreCase) && IsCertificateField(name[CertificatePrefix.Length..]);
    }

    /// <summary>
    /// The value of variable <paramref name="name"/> for this caller, or null when AWS leaves it undefined: no MQTT
    /// client id; no thing (see <see cref="AuthorizationContext.ThingName"/>); an attribute or certificate field the
    /// caller lacks; a certificate value containing <c>* $ + ? #</c> or longer than 1024 characters, which AWS does not
    /// substitute (cert-policy-variables.html, "limitations").
    /// </summary>
    public string? Resolve(string name)
    {
        if (Is(name, "iot:ClientId")) return NonEmpty(context.ClientId);
        bool mqtt = context.ClientId.Length > 0;
        if (Is(name, ThingPrefix + "IsAttached")) return mqtt ? (context.ThingName is not null ? "true" : "false") : null;
        if (name.StartsWith(ThingPrefix, StringComparison.OrdinalIgnoreCase))
        {
            if (!mqtt || context.ThingName is null) return null;
            if (Is(name, ThingPrefix + "ThingName")) return context.ThingName;
            if (Is(name, ThingPrefix + "ThingTypeName")) return context.ThingTypeName;
            if (name.StartsWith(AttributesPrefix, StringComparison.OrdinalIgnoreCase))
            {
                string attribute = name[AttributesPrefix.Length..^1];
                return context.ThingAttributes is { } attributes && attributes.TryGetValue(attribute, out var value) ? value : null;
            }

            return null;
        }

        if (Is(name, "iot:CertificateId")) return context.CertificateId;
        if (name.StartsWith(CertificatePrefix, StringComparison.OrdinalIgnoreCase))
        {
            string field = name[CertificatePrefix.Length..];
            string? value = Is(field, "Subject.CommonName") && context.CommonName is not null
                ? context.CommonName
                : Lookup(context.CertificateFields, field);
            return value is null || value.Length > 1024 || value.IndexOfAny(['*', '$', '+', '?', '#']) >= 0 ? null : value;
        }

        return null;
    }

    /// <summary>
    /// The values of condition key <paramref name="key"/> (one for single-valued keys), or null when the request has
    /// no such key. Besides the variables: <c>iot:ConnectAttributes</c> (multi-valued), <c>aws:SourceIp</c>,
    /// <c>aws:SecureTransport</c> ("true": the stand-in serves TLS only).
    /// </summary>
    public IReadOnlyList<string>? Values(string key)
    {
        if (Is(key, ConditionKeys.ConnectAttributes)) return context.ConnectAttributes;
        if (IsCertificateList(key))
        {
            // "….List": every value of a multi-valued attribute, i.e. the field, then "<field>.1", "<field>.2", … as present.
            string field = key[..^ListSuffix.Length];
            var values = new List<string>();
            for (int index = 0; Resolve(index == 0 ? field : field + "." + index) is { } item; index++) values.Add(item);
            return values.Count == 0 ? null : values;
        }

        if (Is(key, ConditionKeys.SourceIp)) return context.SourceIp is { } ip ? [ip.ToString()] : null;
        if (Is(key, ConditionKeys.SecureTransport)) return ["true"];
        return Resolve(key) is { } value ? [value] : null;
    }

    private const string ListSuffix = ".List";

    /// <summary>
    /// True for a certificate attribute's list key, e.g. <c>iot:Certificate.Subject.Organization.List</c>: all its
    /// values, for <c>ForAllValues:</c>/<c>ForAnyValue:</c> conditions (cert-policy-variables.html). A condition key only.
    /// </summary>
    public static bool IsCertificateList(string key) =>
        key.EndsWith(ListSuffix, StringComparison.OrdinalIgnoreCase) && key.StartsWith(CertificatePrefix, StringComparison.OrdinalIgnoreCase)
        && key.Length > CertificatePrefix.Length + ListSuffix.Length && IsCertificateField(key[CertificatePrefix.Length..^ListSuffix.Length]);

    private static bool IsCertificateField(string field)
    {
        if (field.Equals("SerialNumber", StringComparison.OrdinalIgnoreCase) || field.Equals("AvailableKeys", StringComparison.OrdinalIgnoreCase)) return true;
        foreach (string part in new[] { "Subject.", "Issuer." })
        {
            if (!field.StartsWith(part, StringComparison.OrdinalIgnoreCase)) continue;
            string rest = field[part.Length..];
            if (rest.StartsWith("AlternativeName.", StringComparison.OrdinalIgnoreCase))
            {
                return AlternativeNames.Any(n => WithIndex(rest["AlternativeName.".Length..], n));
            }

            return NameAttributes.Any(n => WithIndex(rest, n));
        }

        return false;
    }

    // "Organization" or "Organization.1" (AWS's index of a further value of a multi-valued attribute).
    private static bool WithIndex(string text, string attribute)
    {
        if (text.Equals(attribute, StringComparison.OrdinalIgnoreCase)) return true;
        return text.Length > attribute.Length + 1 && text.StartsWith(attribute + ".", StringComparison.OrdinalIgnoreCase)
            && text[(attribute.Length + 1)..].All(char.IsAsciiDigit);
    }

    private static string? Lookup(IReadOnlyDictionary<string, string>? fields, string field)
    {
        if (fields is null) return null;
        foreach (var pair in fields)
        {
            if (Is(pair.Key, field)) return pair.Value;
        }

        return null;
    }

    private static bool Is(string a, string b) => a.Equals(b, StringComparison.OrdinalIgnoreCase);

    private static string? NonEmpty(string text) => text.Length == 0 ? null : text;
}
