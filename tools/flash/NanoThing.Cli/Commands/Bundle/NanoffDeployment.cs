using NanoThing.Cli.Execution;

namespace NanoThing.Cli.Commands.Bundle;

/// <summary>
/// The JSON files nanoff 2.5.162 reads (nanoFirmwareFlasher @ baccab8, field names bound case-insensitively):
/// <c>--networkdeployment</c> with the Wi-Fi client settings only, and <c>--filedeployment</c> with the files for I:\.
/// The network deployment carries no certificate: nanoff 2.5.162 passes certificate lists to nf-debugger's generic
/// <c>Engine.UpdateDeviceConfiguration&lt;T&gt;</c>, which on an ESP32 throws NotSupportedException (nf-debugger 2.5.23
/// Engine.cs:4841-4870) after the Wi-Fi was written (NetworkDeploymentManager.cs:313-321, :353-361), so the device
/// certificate, its key and the root CAs go to I:\ with the file deployment, which works.
/// Neither file names a serial port: <c>nanothing flash</c> passes <c>--serialport</c>, which nanoff uses when the file has none.
/// </summary>
public static class NanoffDeployment
{
    /// <summary>The network deployment: WPA2 client that connects automatically with DHCP and automatic DNS.
    /// Contains the Wi-Fi password: write it as a secret (0600).</summary>
    public static string Network(WifiCredentials wifi) => JsonText.Write(json =>
    {
        json.WriteStartObject();
        json.WriteStartObject("WirelessClient");
        json.WriteString("Ssid", wifi.Ssid);
        json.WriteString("Password", wifi.Password);
        json.WriteString("Authentication", "WPA2");
        json.WriteString("Encryption", "WPA2");
        json.WriteString("ConfigurationOption", "AutoConnect");
        json.WriteBoolean("DhcpEnabled", true);
        json.WriteBoolean("AutomaticDNS", true);
        json.WriteEndObject();
        json.WriteEndObject();
    }) + "\n";

    /// <summary>
    /// The file deployment: each of <paramref name="names"/> to I:\ under the same name. The sources are bare file names:
    /// nanoff reads them relative to its working directory (FileDeploymentManager.cs:80 File.ReadAllBytes), and
    /// <c>nanothing flash</c> runs it from the bundle folder.
    /// </summary>
    public static string Files(IEnumerable<string> names) => JsonText.Write(json =>
    {
        json.WriteStartObject();
        json.WriteStartArray("Files");
        foreach (string name in names)
        {
            json.WriteStartObject();
            json.WriteString("DestinationFilePath", BundleLayout.DevicePath(name));
            json.WriteString("SourceFilePath", name);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }) + "\n";
}
