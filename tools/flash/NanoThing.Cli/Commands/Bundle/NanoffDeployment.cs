using NanoThing.Cli.Execution;

namespace NanoThing.Cli.Commands.Bundle;

/// <summary>
/// The JSON files nanoff 2.5 reads: <c>--networkdeployment</c> (Wi-Fi client settings, device certificate+key and CA
/// bundle by path, stored in the device's configuration block) and <c>--filedeployment</c> (files copied to I:\).
/// Neither names a serial port: <c>nanothing flash</c> passes <c>--serialport</c>, which nanoff uses when the file has none.
/// </summary>
public static class NanoffDeployment
{
    /// <summary>The network deployment: WPA2 client that connects automatically with DHCP and automatic DNS.
    /// Contains the Wi-Fi password: write it as a secret (0600).</summary>
    public static string Network(WifiCredentials wifi, string deviceCertificatesPath, string caCertificatesPath) => JsonText.Write(json =>
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
        json.WriteString("DeviceCertificatesPath", deviceCertificatesPath);
        json.WriteString("CACertificatesPath", caCertificatesPath);
        json.WriteEndObject();
    }) + "\n";

    /// <summary>The file deployment: the config file to <see cref="DeviceConfigFile.DevicePath"/>.</summary>
    public static string Files(string configPath) => JsonText.Write(json =>
    {
        json.WriteStartObject();
        json.WriteStartArray("Files");
        json.WriteStartObject();
        json.WriteString("DestinationFilePath", DeviceConfigFile.DevicePath);
        json.WriteString("SourceFilePath", configPath);
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
    }) + "\n";
}
