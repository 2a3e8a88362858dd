using System.Text.Json;
using NanoThing.Cli.Commands.Bundle;
using NanoThing.Cli.Execution;

namespace NanoThing.Cli.Commands.Flash;

/// <summary>
/// Checks a bundle before nanoff sees it, so that no step fails half-way for a reason known in advance: the network
/// deployment holds Wi-Fi settings and no certificate (a bundle written by an older nanothing asked nanoff to store
/// the certificates in the configuration block, which nanoff 2.5.162 cannot do on an ESP32 and reports as E2003
/// after writing the Wi-Fi); every file the file deployment names exists, by a path relative to the bundle folder
/// (an absolute path only works on the machine and in the folder where the bundle was made). Reads files, writes none.
/// </summary>
public static class BundleCheck
{
    private static readonly string[] CertificateFields = ["DeviceCertificates", "DeviceCertificatesPath", "CACertificates", "CACertificatesPath"];

    public static CliError? Network(BundleLayout bundle, string rebundle)
    {
        if (!TryRead(bundle.NetworkDeployment, rebundle, out JsonElement root, out CliError? error))
        {
            return error;
        }

        foreach (JsonProperty property in root.EnumerateObject())
        {
            if (CertificateFields.Contains(property.Name, StringComparer.OrdinalIgnoreCase))
            {
                return new CliError(Failure.InputInvalid,
                    $"{bundle.NetworkDeployment} asks nanoff to store certificates in the configuration block ({property.Name}): nanoff {NanoffErrors.PinnedVersion} "
                    + "cannot do that on an ESP32 (it fails with E2003 after writing the Wi-Fi); this bundle was written by an older nanothing",
                    $"{rebundle}   (the identity now goes to I:\\ with the file deployment)");
            }
        }

        bool hasWifi = root.EnumerateObject().Any(p => p.Name.Equals("WirelessClient", StringComparison.OrdinalIgnoreCase) && p.Value.ValueKind == JsonValueKind.Object);
        return hasWifi ? null : new CliError(Failure.InputInvalid, $"{bundle.NetworkDeployment} has no WirelessClient settings", rebundle);
    }

    public static CliError? Files(BundleLayout bundle, string rebundle)
    {
        if (!TryRead(bundle.FileDeployment, rebundle, out JsonElement root, out CliError? error))
        {
            return error;
        }

        JsonElement files = root.EnumerateObject().FirstOrDefault(p => p.Name.Equals("Files", StringComparison.OrdinalIgnoreCase)).Value;
        if (files.ValueKind != JsonValueKind.Array || files.GetArrayLength() == 0)
        {
            return new CliError(Failure.InputInvalid, $"{bundle.FileDeployment} lists no Files", rebundle);
        }

        foreach (JsonElement file in files.EnumerateArray())
        {
            string? source = file.ValueKind == JsonValueKind.Object
                ? file.EnumerateObject().FirstOrDefault(p => p.Name.Equals("SourceFilePath", StringComparison.OrdinalIgnoreCase)).Value.ToString()
                : null;
            if (string.IsNullOrEmpty(source))
            {
                return new CliError(Failure.InputInvalid, $"{bundle.FileDeployment} has an entry without SourceFilePath (nanoff would delete that file on the board)", rebundle);
            }

            if (Path.IsPathRooted(source) || source.Contains(':'))
            {
                return new CliError(Failure.InputInvalid,
                    $"{bundle.FileDeployment} names {source} by an absolute path: the bundle works only where it was made (written by an older nanothing)", rebundle);
            }

            string path = Path.Combine(bundle.Directory, source);
            if (!File.Exists(path))
            {
                return new CliError(Failure.NotFound, $"{path} (named in {bundle.FileDeployment}) does not exist", rebundle);
            }
        }

        return null;
    }

    private static bool TryRead(string path, string rebundle, out JsonElement root, out CliError? error)
    {
        root = default;
        if (!File.Exists(path))
        {
            error = new CliError(Failure.NotFound, $"{path} does not exist", rebundle);
            return false;
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path));
            root = document.RootElement.Clone();
        }
        catch (JsonException exception)
        {
            error = new CliError(Failure.InputInvalid, $"{path} is not valid JSON ({exception.Message})", rebundle);
            return false;
        }

        error = root.ValueKind == JsonValueKind.Object ? null : new CliError(Failure.InputInvalid, $"{path} is not a JSON object", rebundle);
        return error is null;
    }
}
