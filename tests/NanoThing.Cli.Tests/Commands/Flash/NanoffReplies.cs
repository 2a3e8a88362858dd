namespace NanoThing.Cli.Tests.Commands.Flash;

/// <summary>
/// nanoff 2.5.162's console output, from its format strings: the banner "$".NET nanoFramework Firmware Flasher
/// v{InformationalVersion}"" and, on failure, "Error {code}: {Display name}" (nanoFirmwareFlasher.Tool/Program.cs
/// OutputError), followed by an exit status that Linux truncates to 8 bits (4005 → 165).
/// </summary>
internal static class NanoffReplies
{
    public static string Banner(string version = "2.5.162") =>
        $".NET nanoFramework Firmware Flasher v{version}+4b0a4bc2a1\nCopyright (C) 2019 .NET Foundation and nanoFramework project contributors\n\n";

    public static string Update(string version = "2.5.162") => Banner(version)
        + "Connected to:\nESP32-D0WD-V3 (revision 3)\nFeatures WiFi, BT, Dual Core, 240MHz\nFlash size 4MB\nPSRAM: available\n\n"
        + "Updating to 1.12.4.31\nErasing flash...OK\nFlashing firmware...OK\n";

    public const string Deploy = "Deploying managed application...OK\n";
    public const string NetworkDeployment = "Updating network configuration...OK\nUpdating client certificates...OK\nUpdating CA certificates...OK\n";
    public const string FileDeployment = "Deploying files...OK\n";

    public static string Error(string code, string displayName) => Banner() + $"Error {code}: {displayName}\n";

    public static int Truncated(int code) => code & 0xFF;
}
