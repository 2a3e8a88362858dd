using System.Text.Json;

namespace NanoThing.NanoffStandIn;

/// <summary>
/// The ESP32 the stand-in talks to, kept in a folder named by <see cref="FolderVariable"/>:
/// <c>I/</c> is the board's internal drive I:\ (littlefs "config" partition), <c>config-block/</c> what the
/// configuration block holds (<c>wifi.json</c>: the stored wireless client settings, without the password),
/// <c>calls.jsonl</c> one line per nanoff run (working directory and arguments), and <c>faults.txt</c> the faults a
/// test injects, one per line:
/// <list type="bullet">
/// <item><c>update=E4005</c>, <c>deploy=E2000</c>, ...: that operation ends with that nanoff exit code;</item>
/// <item><c>device=absent</c>: no nanoFramework device answers on the port (DeviceHelper.ConnectDevice fails);</item>
/// <item><c>storage=full</c>: the device refuses every file (Engine.AddStorageFile returns an error code).</item>
/// </list>
/// </summary>
public sealed class SimulatedBoard
{
    public const string FolderVariable = "NANOFF_STANDIN_BOARD";

    private readonly HashSet<string> _faults;

    private SimulatedBoard(string folder)
    {
        Folder = folder;
        Directory.CreateDirectory(Drive);
        Directory.CreateDirectory(ConfigBlock);
        string faults = Path.Combine(folder, "faults.txt");
        _faults = File.Exists(faults)
            ? File.ReadAllLines(faults).Select(line => line.Trim()).Where(line => line.Length > 0).ToHashSet(StringComparer.Ordinal)
            : [];
    }

    public string Folder { get; }

    /// <summary>The board's I:\ drive.</summary>
    public string Drive => Path.Combine(Folder, "I");

    /// <summary>The configuration block (Wi-Fi, and certificates, which nanoff 2.5.162 never manages to store on an ESP32).</summary>
    public string ConfigBlock => Path.Combine(Folder, "config-block");

    public static SimulatedBoard FromEnvironment() =>
        new(Environment.GetEnvironmentVariable(FolderVariable) is { Length: > 0 } folder
            ? folder
            : throw new InvalidOperationException($"stand-in: {FolderVariable} is not set"));

    /// <summary>The exit code injected for <paramref name="operation"/> (update, deploy, network, files), or null.</summary>
    public string? InjectedCode(string operation) =>
        _faults.FirstOrDefault(fault => fault.StartsWith(operation + "=E", StringComparison.Ordinal))?[(operation.Length + 1)..];

    public bool Has(string fault) => _faults.Contains(fault);

    public void RecordCall(string[] args)
    {
        string line = JsonSerializer.Serialize(new { cwd = Directory.GetCurrentDirectory(), args });
        File.AppendAllText(Path.Combine(Folder, "calls.jsonl"), line + "\n");
    }

    /// <summary>Engine.AddStorageFile: stores a file on I:\ ("I:\\name" → I/name). False when the storage is "full".</summary>
    public bool AddStorageFile(string destination, byte[] content)
    {
        if (Has("storage=full"))
        {
            return false;
        }

        string relative = destination.StartsWith(@"I:\", StringComparison.OrdinalIgnoreCase) ? destination[3..] : destination;
        string path = Path.Combine(Drive, relative.Replace('\\', '/'));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        return true;
    }

    public void StoreWireless(string ssid, string authentication, string option) =>
        File.WriteAllText(Path.Combine(ConfigBlock, "wifi.json"), JsonSerializer.Serialize(new { ssid, authentication, option }));
}
