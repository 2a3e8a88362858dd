using System.Diagnostics.CodeAnalysis;
using System.Text;
using NanoThing.Cli.Execution;

namespace NanoThing.Cli.Commands.Bundle;

/// <summary>
/// The Wi-Fi network the device joins (WPA2-Personal): SSID of 1-32 bytes, passphrase of 8-63 characters or 64 hex
/// digits. The password is a secret: <see cref="ToString"/> hides it and error messages never contain it.
/// </summary>
public sealed class WifiCredentials
{
    /// <summary>The environment variable read when --wifi-password is not given (keeps it out of shell history).</summary>
    public const string PasswordVariable = "NANOTHING_WIFI_PASSWORD";

    private WifiCredentials(string ssid, string password)
    {
        Ssid = ssid;
        Password = password;
    }

    public string Ssid { get; }
    public string Password { get; }

    public override string ToString() => $"Wi-Fi {Ssid} (password hidden)";

    public static bool TryCreate(string? ssid, string? password, [NotNullWhen(true)] out WifiCredentials? credentials, [NotNullWhen(false)] out CliError? error)
    {
        credentials = null;
        int ssidBytes = Encoding.UTF8.GetByteCount(ssid ?? "");
        if (ssidBytes is 0 or > 32)
        {
            error = new CliError(Failure.InputInvalid, $"--wifi-ssid must be 1 to 32 bytes long (it has {ssidBytes})", "pass the network name exactly as the access point shows it");
            return false;
        }

        if (password is null)
        {
            error = new CliError(Failure.InputInvalid, "no Wi-Fi password: neither --wifi-password nor " + PasswordVariable + " is set",
                $"set {PasswordVariable} (keeps it out of shell history) or pass --wifi-password");
            return false;
        }

        bool hexKey = password.Length == 64 && password.All(char.IsAsciiHexDigit);
        if (!hexKey && (password.Length is < 8 or > 63 || !password.All(c => c is >= ' ' and <= '~')))
        {
            error = new CliError(Failure.InputInvalid,
                $"the Wi-Fi password has {password.Length} characters; WPA2 needs 8 to 63 printable ASCII characters (or 64 hex digits)",
                "check the password (it is not shown here)");
            return false;
        }

        credentials = new WifiCredentials(ssid!, password);
        error = null;
        return true;
    }
}
