using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using NanoThing.Cli.Execution;

namespace NanoThing.Cli.Commands.Bundle;

/// <summary>
/// The CA certificates the device trusts for the server: AWS's Amazon Root CA 1 (RSA) and CA 3 (ECC), given by the
/// user (they are not shipped with the tool), or the local stand-in's CA. Written as one PEM ending in a NUL byte
/// (mbedTLS only treats a buffer as PEM when it is NUL-terminated).
/// </summary>
public static class RootCaBundle
{
    public const string AmazonRootCa1Url = "https://www.amazontrust.com/repository/AmazonRootCA1.pem";
    public const string AmazonRootCa3Url = "https://www.amazontrust.com/repository/AmazonRootCA3.pem";

    /// <summary>The bundle's bytes from <paramref name="files"/>: every certificate of every file, re-encoded as PEM,
    /// then a NUL. Fails naming the file that is missing or holds no certificate.</summary>
    public static bool TryBuild(IReadOnlyList<string> files, out byte[] bundle, out int count, out CliError? error)
    {
        bundle = [];
        count = 0;
        var text = new StringBuilder();
        foreach (string file in files)
        {
            if (!File.Exists(file))
            {
                error = new CliError(Failure.NotFound, $"root CA file {file} does not exist", Download);
                return false;
            }

            var certificates = new X509Certificate2Collection();
            try
            {
                certificates.ImportFromPemFile(file);
            }
            catch (CryptographicException exception)
            {
                error = new CliError(Failure.InputInvalid, $"root CA file {file} is not valid PEM ({exception.Message.TrimEnd('.')})", Download);
                return false;
            }

            if (certificates.Count == 0)
            {
                error = new CliError(Failure.InputInvalid, $"root CA file {file} holds no PEM certificate", Download);
                return false;
            }

            foreach (X509Certificate2 certificate in certificates)
            {
                text.Append(certificate.ExportCertificatePem()).Append('\n');
                count++;
                certificate.Dispose();
            }
        }

        bundle = [.. Encoding.ASCII.GetBytes(text.ToString()), 0];
        error = null;
        return true;
    }

    /// <summary>Where to get Amazon's root CAs.</summary>
    public const string Download =
        "download " + AmazonRootCa1Url + " and " + AmazonRootCa3Url + ", then pass both: --root-ca AmazonRootCA1.pem --root-ca AmazonRootCA3.pem";
}
