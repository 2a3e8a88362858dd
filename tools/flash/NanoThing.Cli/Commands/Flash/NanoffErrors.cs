namespace NanoThing.Cli.Commands.Flash;

/// <summary>
/// nanoff 2.5's error codes (nanoFirmwareFlasher ExitCodes, v2.5.162) that a NanoThing flash can meet, each with
/// what it means for the user and what to do. nanoff prints "Error E4005: Failed to open specified COM port." and
/// exits with the code, which Linux and macOS truncate to 8 bits, so the code is read from the output.
/// <see cref="Explain"/> adds what the step tells about a code: E2003 is nanoff's code for any exception in either
/// deployment, and its extra message says which.
/// </summary>
public static class NanoffErrors
{
    /// <summary>The pinned nanoff version (its v3 changed the command syntax to verbs).</summary>
    public const string PinnedVersion = "2.5.162";
    public const string Install = "dotnet tool install -g nanoff --version " + PinnedVersion;

    private const string PortHelp = "check the port name (`nanoff --listports`), that your user may open it (Linux: `sudo usermod -aG dialout $USER`, then log in again) and that no serial monitor or Visual Studio holds it";
    private const string DeviceHelp = "check that the board is connected and runs nanoFramework (flash the firmware: run without --skip-firmware), press its EN/reset button, then retry";

    /// <summary>The exit status of nanoff's E9000 on Linux and macOS (9000 mod 256). nanoff prints no code for it when
    /// its command-line parser fails (Program.cs:51 starts quiet, :108 prints errors only when not quiet).</summary>
    public const int UnparsedOptionsStatus = 9000 & 0xFF;

    /// <summary>The exit status of a .NET process killed by an unhandled exception on Linux (SIGABRT: 128 + 6).</summary>
    public const int CrashStatus = 134;

    /// <summary>What <paramref name="code"/> means in <paramref name="step"/> and what to do, given nanoff's
    /// <paramref name="text"/> ("display name (extra message)").</summary>
    public static (string Meaning, string Next) Explain(FlashStep step, string code, string text)
    {
        if (code == "E2003" && step.IsNetworkDeployment)
        {
            return text.Contains("Specified method is not supported", StringComparison.Ordinal)
                ? ("nanoff stored the Wi-Fi settings, then could not store a certificate: nanoff " + PinnedVersion + " cannot write certificates to an ESP32's configuration block (nf-debugger Engine.cs:4870 throws NotSupportedException); retrying fails the same way",
                   "the network deployment must carry Wi-Fi only: run nanothing bundle again (the identity goes to I:\\ in the files step)")
                : ("nanoff's network deployment failed with an exception (the Wi-Fi settings may be stored, nothing after them is)",
                   "check " + Bundle.BundleLayout.NetworkDeploymentName + " (re-create it with nanothing bundle), reset the board and retry");
        }

        if (code == "E2003" && step.IsFileDeployment)
        {
            return ("the connection to the board failed during the file deployment; some files may be on I:\\, others not", "reset the board (EN button), check the port and retry");
        }

        return Table.TryGetValue(code, out var known) ? known : (text, "read nanoff's output above and fix the cause");
    }

    /// <summary>Code → (what it means, what to do). Codes not listed fall back to nanoff's own text.</summary>
    public static readonly IReadOnlyDictionary<string, (string Meaning, string Next)> Table = new Dictionary<string, (string, string)>
    {
        ["E2000"] = ("nanoff could not connect to the nanoFramework device", DeviceHelp),
        ["E2001"] = ("nanoff could not list the nanoFramework devices", DeviceHelp),
        ["E2002"] = ("the device failed an operation (deploying the app or storing the configuration)", "reset the board and retry; if it keeps failing, flash the firmware again (run without --skip-firmware)"),
        ["E2003"] = ("a deployment failed with an exception on the way (nanoff uses E2003 for both the file and the network deployment, Program.cs:833,856)", "reset the board (EN button) and retry"),
        ["E4000"] = ("a serial command to the ESP32 bootloader failed", "hold the BOOT button while the update starts, use a USB data cable (not charge-only) and retry"),
        ["E4001"] = ("the board's flash size does not fit the target", "pick the target that matches the board with --target (list them: nanoff --listtargets --platform esp32)"),
        ["E4002"] = ("erasing the ESP32's flash failed", "retry with a good USB cable and power supply"),
        ["E4003"] = ("writing the firmware to the ESP32 failed", "retry with a good USB cable and power supply"),
        ["E4004"] = ("reading the ESP32's flash failed", "retry with a good USB cable and power supply"),
        ["E4005"] = ("nanoff could not open the serial port", PortHelp),
        ["E6000"] = ("nanoff could not open the serial device", PortHelp),
        ["E6001"] = ("nanoff was not given a serial port", "pass --port (list them: nanoff --listports)"),
        ["E6002"] = ("another program has exclusive access to the device", "close Visual Studio's Device Explorer and any serial monitor, then retry"),
        ["E7000"] = ("nanoff does not support this device", "check that the board is an ESP32 and the --target matches it"),
        ["E9000"] = ("nanoff rejected its arguments: it may not be version " + PinnedVersion, Install + "   (or: dotnet tool update -g nanoff --version " + PinnedVersion + ")"),
        ["E9005"] = ("the firmware target was not found in nanoFramework's repository", "check --target (list them: nanoff --listtargets --platform esp32)"),
        ["E9007"] = ("downloading the firmware failed", "check the internet connection (nanoff downloads the firmware), then retry"),
        ["E9008"] = ("nanoff could not find the application image", "check --image (build firmware/NanoThing in Visual Studio, Release, to get NanoThing.bin)"),
        ["E9009"] = ("nanoff had no deployment address for the image", "make sure the board runs nanoFramework firmware (run without --skip-firmware) and retry"),
        ["E9010"] = ("no device was found on the port", DeviceHelp),
    };
}
