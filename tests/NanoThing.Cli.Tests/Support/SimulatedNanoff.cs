using System.Runtime.InteropServices;
using System.Text.Json;

namespace NanoThing.Cli.Tests.Support;

/// <summary>
/// Puts the nanoff 2.5.162 stand-in (tests/NanoThing.NanoffStandIn, a real process that behaves as nanoff does, each
/// behaviour citing nanoff's source) on the test's PATH as <c>nanoff</c>, with its simulated board in a folder of the
/// test: what the board's I:\ drive and configuration block hold after a flash, the calls nanoff received, and faults
/// to inject.
/// </summary>
public sealed class SimulatedNanoff
{
    public SimulatedNanoff(string binDirectory, string boardDirectory, string name = "nanoff")
    {
        Board = Directory.CreateDirectory(boardDirectory).FullName;
        Path = System.IO.Path.Combine(binDirectory, name);
        string dotnet = System.IO.Path.GetFullPath(System.IO.Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", "..", "dotnet"));
        string program = System.IO.Path.Combine(AppContext.BaseDirectory, "NanoThing.NanoffStandIn.dll");
        File.WriteAllText(Path,
            "#!/bin/bash\n"
            + "ulimit -c 0\n"
            + $"export NANOFF_STANDIN_BOARD={Quote(Board)} DOTNET_CLI_HOME={Quote(Board)} DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1\n"
            + $"exec {Quote(dotnet)} {Quote(program)} \"$@\"\n");
        File.SetUnixFileMode(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    /// <summary>The wrapper script's path.</summary>
    public string Path { get; }

    /// <summary>The simulated board's folder.</summary>
    public string Board { get; }

    /// <summary>The board's I:\ drive.</summary>
    public string Drive => System.IO.Path.Combine(Board, "I");

    /// <summary>The Wi-Fi settings in the configuration block as JSON (ssid, authentication, option), or null.</summary>
    public string? StoredWifi => File.Exists(System.IO.Path.Combine(Board, "config-block", "wifi.json")) ? File.ReadAllText(System.IO.Path.Combine(Board, "config-block", "wifi.json")) : null;

    /// <summary>Injects a fault (see SimulatedBoard: "update=E4005", "storage=full", "device=absent").</summary>
    public SimulatedNanoff Inject(string fault)
    {
        File.AppendAllText(System.IO.Path.Combine(Board, "faults.txt"), fault + "\n");
        return this;
    }

    /// <summary>Each run's working directory and arguments, in order.</summary>
    public IReadOnlyList<(string WorkingDirectory, string[] Arguments)> Calls
    {
        get
        {
            string log = System.IO.Path.Combine(Board, "calls.jsonl");
            return !File.Exists(log) ? [] : File.ReadAllLines(log).Select(line =>
            {
                using JsonDocument call = JsonDocument.Parse(line);
                return (call.RootElement.GetProperty("cwd").GetString()!, call.RootElement.GetProperty("args").EnumerateArray().Select(a => a.GetString()!).ToArray());
            }).ToList();
        }
    }

    private static string Quote(string text) => "'" + text.Replace("'", "'\\''") + "'";
}
