using System.Diagnostics;
using System.Runtime.InteropServices;

namespace NanoThing.Cli.Commands.Local;

/// <summary>
/// The background <c>nanothing local serve</c> process: started detached (own session, output to serve.log, stdin
/// from /dev/null, so it outlives the shell and the starting CLI), found again through its pid file, stopped with
/// SIGTERM. A pid file whose process is gone or is not a <c>local serve</c> is stale and ignored.
/// </summary>
public static class ServeProcess
{
    private const int SigTerm = 15;

    /// <summary>Starts <c>nanothing local serve --port <paramref name="port"/> [--data-plane-port N]</c> in the background;
    /// returns its process. No <paramref name="dataPlanePort"/>: 8443 when free, else any free port.</summary>
    public static Process StartDetached(string workingDirectory, string logPath, int port, int? dataPlanePort = null, int? consolePort = null)
    {
        (string program, string[] prefix) = SelfCommand();
        string setsid = File.Exists("/usr/bin/setsid") ? "/usr/bin/setsid" : "";
        var start = new ProcessStartInfo("/bin/sh") { WorkingDirectory = workingDirectory, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("log=\"$1\"; shift; exec " + setsid + " \"$@\" >>\"$log\" 2>&1 </dev/null");
        start.ArgumentList.Add("sh");
        start.ArgumentList.Add(logPath);
        start.ArgumentList.Add(program);
        string[] dataPlane = dataPlanePort is { } given ? ["--data-plane-port", given.ToString(System.Globalization.CultureInfo.InvariantCulture)] : [];
        string[] console = consolePort is { } asked ? ["--console-port", asked.ToString(System.Globalization.CultureInfo.InvariantCulture)] : [];
        foreach (string argument in prefix.Concat(["local", "serve", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)]).Concat(dataPlane).Concat(console))
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start)!;
    }

    /// <summary>The pid and port in <paramref name="pidFile"/> when that process is alive and is a <c>local serve</c>.</summary>
    public static bool TryRead(string pidFile, out int pid, out int port)
    {
        pid = 0;
        port = 0;
        string[] lines = File.Exists(pidFile) ? File.ReadAllLines(pidFile) : [];
        return lines.Length >= 2 && int.TryParse(lines[0], out pid) && int.TryParse(lines[1], out port) && IsServe(pid);
    }

    /// <summary>Like <see cref="TryRead(string, out int, out int)"/>, plus the data plane's HTTPS port (third line of the pid file).</summary>
    public static bool TryRead(string pidFile, out int pid, out int port, out int dataPlanePort)
    {
        dataPlanePort = 0;
        return TryRead(pidFile, out pid, out port)
            && File.ReadAllLines(pidFile) is [_, _, var third, ..] && int.TryParse(third, out dataPlanePort);
    }

    /// <summary>The local console's port (fourth line of the pid file) when the running stand-in serves one.</summary>
    public static bool TryReadConsolePort(string pidFile, out int consolePort)
    {
        consolePort = 0;
        return TryRead(pidFile, out _, out _) && File.ReadAllLines(pidFile) is [_, _, _, var fourth, ..] && int.TryParse(fourth, out consolePort) && consolePort > 0;
    }

    /// <summary>Sends SIGTERM to <paramref name="pid"/> and waits up to <paramref name="timeout"/> for it to exit; true when it did.</summary>
    public static bool Terminate(int pid, TimeSpan timeout)
    {
        Process process;
        try
        {
            process = Process.GetProcessById(pid);
        }
        catch (ArgumentException)
        {
            return true;
        }

        using (process)
        {
            Kill(pid, SigTerm);
            if (process.WaitForExit(timeout))
            {
                return true;
            }

            process.Kill();
            return process.WaitForExit(timeout);
        }
    }

    private static bool IsServe(int pid)
    {
        if (!Directory.Exists("/proc"))
        {
            return IsAlive(pid); // no /proc (macOS): trust the pid file while that process lives
        }

        try
        {
            string[] arguments = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0');
            int local = Array.IndexOf(arguments, "local");
            return local >= 0 && local + 1 < arguments.Length && arguments[local + 1] == "serve";
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using Process process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>How to run this same CLI again: the apphost when installed as a tool, else <c>dotnet nanothing.dll</c>.</summary>
    private static (string Program, string[] Prefix) SelfCommand()
    {
        string process = Environment.ProcessPath ?? "dotnet";
        string assembly = typeof(ServeProcess).Assembly.Location;
        return Path.GetFileNameWithoutExtension(process) == Path.GetFileNameWithoutExtension(assembly)
            ? (process, [])
            : (process.EndsWith("dotnet", StringComparison.Ordinal) ? process : "dotnet", [assembly]);
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
