using System.Text.Json;

namespace NanoThing.NanoffStandIn;

/// <summary>nanoFirmwareFlasher.Library NetworkDeployment/NetworkDeploymentConfiguration.cs (+ WirelessConfiguration.cs, Ethernet.cs).</summary>
public sealed class NetworkDeploymentConfiguration
{
    public string? SerialPort { get; set; }
    public WirelessConfiguration? WirelessClient { get; set; }
    public string? DeviceCertificates { get; set; }
    public string? DeviceCertificatesPath { get; set; }
    public string? CACertificates { get; set; }
    public string? CACertificatesPath { get; set; }
}

public sealed class WirelessConfiguration
{
    public string? Ssid { get; set; }
    public string? Password { get; set; }
    public string? Authentication { get; set; }
    public string? Encryption { get; set; }
    public string? ConfigurationOption { get; set; }
    public bool DhcpEnabled { get; set; } = true;
    public bool AutomaticDNS { get; set; } = true;
}

/// <summary>FileDeployment/FileDeploymentConfiguration.cs and DeploymentFile.cs.</summary>
public sealed class FileDeploymentConfiguration
{
    public string? SerialPort { get; set; }
    public List<DeploymentFile> Files { get; set; } = [];
}

public sealed class DeploymentFile
{
    public string? DestinationFilePath { get; set; }
    public string? SourceFilePath { get; set; }
}

public static class DeploymentJson
{
    /// <summary>Both managers read their file with File.ReadAllText relative to the working directory and
    /// PropertyNameCaseInsensitive (NetworkDeploymentManager.cs:33-38, FileDeploymentManager.cs:28-33).
    /// Neither catches: a missing or malformed file throws out of the constructor.</summary>
    public static T Read<T>(string path) =>
        JsonSerializer.Deserialize<T>(File.ReadAllText(path), new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;
}
