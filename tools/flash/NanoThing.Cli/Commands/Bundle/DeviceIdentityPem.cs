using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using NanoThing.Cli.Execution;
using NanoThing.Cli.Things;

namespace NanoThing.Cli.Commands.Bundle;

/// <summary>
/// The device's certificate followed by its private key in one PEM ending in a NUL byte (I:\device-identity.pem).
/// The app passes the same bytes as certificate and as key to X509Certificate2: mbedTLS's certificate parser stops
/// after the certificate and its key parser finds the key block after it, as nanoFramework does for a device
/// certificate stored in the configuration block (nf-interpreter ssl_generic_init_internal.cpp: privateKey =
/// deviceCert->Certificate). mbedTLS treats a buffer as PEM only when it ends in the NUL. The key is checked to belong to the certificate, so a mismatched pair fails here, not on the device.
/// </summary>
public static class DeviceIdentityPem
{
    public static bool TryBuild(ThingFiles files, out byte[] pem, out CliError? error)
    {
        pem = [];
        string thing = files.Thing.Value;
        string create = $"nanothing cert create --thing {thing}   (or, for the local stand-in: nanothing local provision --thing {thing})";
        foreach (string path in new[] { files.Certificate, files.Key })
        {
            if (!File.Exists(path))
            {
                error = new CliError(Failure.NotFound, $"{path} does not exist", create);
                return false;
            }
        }

        try
        {
            using X509Certificate2 pair = X509Certificate2.CreateFromPemFile(files.Certificate, files.Key);
            string key = File.ReadAllText(files.Key).Trim();
            pem = [.. Encoding.ASCII.GetBytes(pair.ExportCertificatePem() + "\n" + key + "\n"), 0];
        }
        catch (Exception exception) when (exception is CryptographicException or ArgumentException)
        {
            error = new CliError(Failure.InputInvalid,
                $"{files.Certificate} and {files.Key} are not a matching certificate and private key ({exception.Message.TrimEnd('.')})",
                $"nanothing cert create --thing {thing} --force   (then register the new certificate)");
            return false;
        }

        error = null;
        return true;
    }
}
