namespace NanoThing.NanoffStandIn;

/// <summary>nanoFirmwareFlasher.Library NetworkDeployment/NetworkDeploymentManager.cs @ baccab8, on an ESP32.</summary>
public sealed class NetworkDeployment(string configPath, string? serialPort, SimulatedBoard board)
{
    // NetworkDeploymentManager.cs:38-39: read in the constructor (Program.cs:848 builds it outside its try)
    private readonly NetworkDeploymentConfiguration _configuration = DeploymentJson.Read<NetworkDeploymentConfiguration>(configPath);

    /// <summary>The exit code. Exceptions escape to Program.cs:853-858, which turns them into E2003 + message.</summary>
    public string Deploy()
    {
        string? port = string.IsNullOrEmpty(_configuration.SerialPort) ? serialPort : _configuration.SerialPort;
        if (!DeviceConnection.Connect(board, port))
        {
            return "E2000";
        }

        if (_configuration.WirelessClient is { } wifi)
        {
            // :79 PopulateWirelessConfigurationProperties → :388-415 throw ArgumentException on an unknown value
            string authentication = Known(wifi.Authentication, "Authentication", "NONE", "EAP", "PEAP", "WCN", "OPEN", "SHARED", "WEP", "WPA", "WPA2");
            string option = Known(wifi.ConfigurationOption, "ConfigurationOption", "NONE", "DISABLE", "ENABLE", "AUTOCONNECT", "SMARTCONFIG");

            // :111-123 and :125-137: the network block, then the wireless block, each written on its own
            Console.Write("Updating network configuration...");
            Console.WriteLine("OK");
            Console.Write("Updating wireless configuration...");
            board.StoreWireless(wifi.Ssid ?? "", authentication, option);
            Console.WriteLine("OK");
        }

        // :276-293 a path and inline content for the same certificate
        if (!string.IsNullOrEmpty(_configuration.DeviceCertificatesPath) && !string.IsNullOrEmpty(_configuration.DeviceCertificates))
        {
            Console.WriteLine();
            Console.WriteLine("Both DeviceCertificatesPath and DeviceCertificates are set. Only one can be used.");
            return "E2002";
        }

        byte[]? device = _configuration.DeviceCertificates is { Length: > 0 } inline ? Convert.FromBase64String(inline)
            : _configuration.DeviceCertificatesPath is { Length: > 0 } path ? File.ReadAllBytes(path) // :305, relative to the working directory
            : null;
        if (device is not null)
        {
            // :312-321 the whole List<X509DeviceCertificatesProperties> goes to the generic
            // Engine.UpdateDeviceConfiguration<T> (nf-debugger 2.5.23 Engine.cs:4662). An ESP32 does not need its block
            // erased, so it serialises through GetDeviceConfigurationSerialized<T> (Engine.cs:4841-4870), which knows
            // only the single *Properties types and throws NotSupportedException for a list: nothing is stored,
            // after the Wi-Fi above already was.
            Console.Write("Updating client certificates...");
            throw new NotSupportedException();
        }

        byte[]? ca = _configuration.CACertificates is { Length: > 0 } caInline ? Convert.FromBase64String(caInline)
            : _configuration.CACertificatesPath is { Length: > 0 } caPath ? File.ReadAllBytes(caPath) // :345
            : null;
        if (ca is not null)
        {
            // :352-361 the same list call for List<X509CaRootBundleProperties> (its progress text says "client" too)
            Console.Write("Updating client certificates...");
            throw new NotSupportedException();
        }

        return "OK";
    }

    private static string Known(string? value, string name, params string[] allowed) =>
        allowed.Contains((value ?? "").ToUpperInvariant()) ? value! : throw new ArgumentException($"{name} must be one of: {string.Join(", ", allowed)}");
}
