using System.Security.Cryptography;

namespace NanoThing.LocalIot.DataPlane.Auth;

/// <summary>
/// An access key pair the data plane accepts (AWS's long-term IAM user keys: an access key id that names the key,
/// a secret that never travels). <see cref="ToString"/> never shows the secret.
/// </summary>
/// <param name="AccessKeyId">The public half, e.g. "AKIA…"; it appears in every request's credential scope.</param>
/// <param name="SecretAccessKey">The secret half; signs requests; keep it in a 0600 file, never log or print it.</param>
/// <param name="SessionToken">For temporary credentials only: the token the client must send as
/// <c>X-Amz-Security-Token</c>; null for long-term keys (the stand-in's).</param>
public sealed record SigV4Credentials(string AccessKeyId, string SecretAccessKey, string? SessionToken = null)
{
    private const string KeyIdAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private const string SecretAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    /// <summary>
    /// New random long-term credentials shaped like AWS's: a 20-character id starting "AKIA" and a 40-character
    /// secret, from a cryptographic random source.
    /// </summary>
    public static SigV4Credentials Generate() =>
        new("AKIA" + RandomNumberGenerator.GetString(KeyIdAlphabet, 16), RandomNumberGenerator.GetString(SecretAlphabet, 40));

    /// <summary>The access key id only; the secret and token are never shown.</summary>
    public override string ToString() => "SigV4Credentials { AccessKeyId = " + AccessKeyId + " }";
}
