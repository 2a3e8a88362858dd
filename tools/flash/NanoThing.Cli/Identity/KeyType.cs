namespace NanoThing.Cli.Identity;

/// <summary>The device key algorithms AWS IoT accepts that the CLI offers (CreateCertificateFromCsr: RSA ≥ 2048, ECC P-256).</summary>
public enum KeyType
{
    /// <summary>ECDSA on NIST P-256, signed with SHA-256 (default: small, fast on the ESP32's mbedTLS).</summary>
    EcdsaP256,
    /// <summary>RSA 2048-bit, PKCS#1 v1.5 signatures with SHA-256.</summary>
    Rsa2048,
}

/// <summary>Names of <see cref="KeyType"/> values on the command line.</summary>
public static class KeyTypeNames
{
    public const string EcdsaP256 = "ecdsa-p256";
    public const string Rsa2048 = "rsa-2048";

    public static readonly string[] All = [EcdsaP256, Rsa2048];

    public static KeyType Parse(string name) => name == Rsa2048 ? KeyType.Rsa2048 : KeyType.EcdsaP256;

    public static string Describe(KeyType type) => type == KeyType.Rsa2048 ? "RSA 2048" : "ECDSA P-256";
}
