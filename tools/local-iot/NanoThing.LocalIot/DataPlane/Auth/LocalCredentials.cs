using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;
using NanoThing.LocalIot.Pki;
using NanoThing.LocalIot.Policies;

namespace NanoThing.LocalIot.DataPlane.Auth;

/// <summary>
/// The stand-in's own AWS credentials for the data plane: an access key id and secret access key, created at the first
/// start in <c>.nanothing/local/credentials.json</c> (mode 0600, never printed or logged; <c>nanothing local env</c>
/// exports them), and the identity's own policy, evaluated by the policy engine as an IAM identity's would be. The
/// default policy allows every shadow action on every thing and <c>iot:Publish</c> on every topic (a backend's needs);
/// edit the file's <c>policy</c> and restart the stand-in to narrow it.
/// </summary>
public sealed class LocalCredentials
{
    /// <summary>The file's name in the stand-in's folder.</summary>
    public const string FileName = "credentials.json";

    /// <summary>The name the identity's policy has in decisions and logs.</summary>
    public const string PolicyName = "nanothing-local-credentials";

    /// <summary>The default policy of new credentials.</summary>
    public const string DefaultPolicy = """
        {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Effect": "Allow",
              "Action": ["iot:GetThingShadow", "iot:UpdateThingShadow", "iot:DeleteThingShadow", "iot:ListNamedShadowsForThing"],
              "Resource": ["arn:aws:iot:*:*:thing/*"]
            },
            {
              "Effect": "Allow",
              "Action": ["iot:Publish"],
              "Resource": ["arn:aws:iot:*:*:topic/*"]
            }
          ]
        }
        """;

    private LocalCredentials(string path, SigV4Credentials keys, IotPolicy policy)
    {
        Path = path;
        Keys = keys;
        Policy = policy;
    }

    /// <summary>The credentials file.</summary>
    public string Path { get; }

    /// <summary>The access key id: 20 characters starting with AKIA, as AWS's (not a secret: AWS logs it).</summary>
    public string AccessKeyId => Keys.AccessKeyId;

    /// <summary>The key pair, for signing and verifying only (and for <c>nanothing local env</c>). Never log the secret.</summary>
    public SigV4Credentials Keys { get; }

    /// <summary>The identity's policy.</summary>
    public IotPolicy Policy { get; }

    /// <summary>The principal of a request signed with these credentials.</summary>
    public DataPlanePrincipal Principal => new(AccessKeyId, "local credentials (access key " + AccessKeyId + ")", [Policy], AuthorizationContext.WithoutConnection);

    /// <summary>
    /// Reads <see cref="FileName"/> in <paramref name="folder"/>, or creates it (mode 0600) with new random keys and the
    /// default policy when it does not exist. False with a sentence naming the file, what is wrong and what to do.
    /// </summary>
    public static bool TryLoadOrCreate(string folder, [NotNullWhen(true)] out LocalCredentials? credentials, out string error)
    {
        string path = System.IO.Path.Combine(folder, FileName);
        credentials = null;
        if (!File.Exists(path))
        {
            var keys = SigV4Credentials.Generate();
            var created = new JsonObject
            {
                ["comment"] = "Credentials of the local AWS IoT stand-in's data plane (SigV4). Keep this file private. "
                    + "`nanothing local env` exports them; edit \"policy\" and restart the stand-in to change what they may do.",
                ["accessKeyId"] = keys.AccessKeyId,
                ["secretAccessKey"] = keys.SecretAccessKey,
                ["policy"] = JsonNode.Parse(DefaultPolicy),
            };
            if (!PemFile.TryWriteSecret(path, created.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n", false, "credentials", out error))
            {
                return false;
            }
        }

        return TryLoadFile(path, out credentials, out error);
    }

    /// <summary>Reads <see cref="FileName"/> in <paramref name="folder"/> without creating it; false with a sentence when it
    /// is missing (the stand-in has not started there yet) or invalid.</summary>
    public static bool TryLoad(string folder, [NotNullWhen(true)] out LocalCredentials? credentials, out string error)
    {
        string path = System.IO.Path.Combine(folder, FileName);
        if (!File.Exists(path))
        {
            credentials = null;
            error = "There are no local credentials yet (" + path + " is created when the stand-in starts).";
            return false;
        }

        return TryLoadFile(path, out credentials, out error);
    }

    private static bool TryLoadFile(string path, [NotNullWhen(true)] out LocalCredentials? credentials, out string error)
    {
        credentials = null;
        string fix = " Fix it, or remove it and restart the stand-in to create new credentials.";
        JsonObject? root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(path)) as JsonObject;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            error = "The credentials file " + path + " cannot be read: " + e.Message + fix;
            return false;
        }

        if (root?["accessKeyId"] is not JsonValue id || !id.TryGetValue(out string? accessKeyId) || accessKeyId.Length < 16
            || root["secretAccessKey"] is not JsonValue secretValue || !secretValue.TryGetValue(out string? secret) || secret.Length < 16)
        {
            error = "The credentials file " + path + " needs \"accessKeyId\" and \"secretAccessKey\" strings (16 characters or more)." + fix;
            return false;
        }

        if (root["policy"] is not JsonObject document)
        {
            error = "The credentials file " + path + " needs a \"policy\" object (an AWS IoT policy document)." + fix;
            return false;
        }

        var parsed = IotPolicy.Parse(PolicyName, document.ToJsonString());
        if (!parsed.Succeeded)
        {
            error = "The policy in the credentials file " + path + " is not valid: " + parsed.Error + fix;
            return false;
        }

        credentials = new LocalCredentials(path, new SigV4Credentials(accessKeyId, secret), parsed.Policy!);
        error = "";
        return true;
    }
}
