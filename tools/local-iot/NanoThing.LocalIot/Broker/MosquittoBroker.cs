using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography.X509Certificates;
using NanoThing.LocalIot.Pki;
using NanoThing.Mqtt;

namespace NanoThing.LocalIot.Broker;

/// <summary>
/// A real mosquitto process serving the local stand-in on 127.0.0.1:<see cref="Port"/> with mutual TLS, our
/// generated config and ACL, all in one folder (<see cref="Directory"/>): mosquitto.conf, acl, mosquitto.log,
/// mosquitto.out (its stdout/stderr) and mosquitto.pid. The process does not depend on ours: a CLI may start it,
/// exit, and a later CLI may <see cref="TryAttach"/> to stop it. Every wait is bounded.
/// </summary>
public sealed class MosquittoBroker : IAsyncDisposable
{
    /// <summary>File names inside <see cref="Directory"/>.</summary>
    public const string ConfigFileName = "mosquitto.conf", AclFileName = "acl", LogFileName = "mosquitto.log", OutputFileName = "mosquitto.out", PidFileName = "mosquitto.pid";

    /// <summary>Where Debian installs mosquitto (not on a normal user's PATH).</summary>
    public const string DebianPath = "/usr/sbin/mosquitto";

    /// <summary>What to run when mosquitto is missing.</summary>
    public const string InstallHint = "install it with `sudo apt-get install -y mosquitto` (or run scripts/ensure-prerequisites.sh)";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    private readonly string _executable;
    private readonly TlsSettings _probeTls;
    private Process? _process;

    private MosquittoBroker(string directory, int port, string executable, TlsSettings probeTls)
    {
        Directory = directory;
        Port = port;
        _executable = executable;
        _probeTls = probeTls;
    }

    /// <summary>The broker's folder.</summary>
    public string Directory { get; }

    /// <summary>TCP port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>"127.0.0.1:port": what clients connect to (server certificate valid for 127.0.0.1 and localhost).</summary>
    public string Endpoint => "127.0.0.1:" + Port;

    /// <summary>The generated mosquitto.conf.</summary>
    public string ConfigPath => Path.Combine(Directory, ConfigFileName);

    /// <summary>The generated ACL.</summary>
    public string AclPath => Path.Combine(Directory, AclFileName);

    /// <summary>mosquitto's own log (connections, refusals).</summary>
    public string LogPath => Path.Combine(Directory, LogFileName);

    /// <summary>mosquitto's stdout and stderr (start-up errors land here).</summary>
    public string OutputPath => Path.Combine(Directory, OutputFileName);

    /// <summary>Process id of the running broker, or 0.</summary>
    public int ProcessId => _process is { HasExited: false } p ? p.Id : 0;

    /// <summary>True while the mosquitto process is alive.</summary>
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>mosquitto's path: /usr/sbin/mosquitto, else the first on PATH; null when not installed.</summary>
    public static string? FindExecutable()
    {
        if (File.Exists(DebianPath)) return DebianPath;
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(folder, "mosquitto");
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>
    /// Writes mosquitto.conf and the ACL for <paramref name="ca"/> into <paramref name="directory"/>, starts
    /// mosquitto on 127.0.0.1:<paramref name="port"/> and returns once it accepts a mutual-TLS MQTT connection
    /// (polled, bounded by 10 s). On failure nothing keeps running and the message quotes mosquitto's own error.
    /// </summary>
    public static async Task<BrokerStartResult> StartAsync(LocalCa ca, string directory, int port, CancellationToken cancellationToken = default)
    {
        string? executable = FindExecutable();
        if (executable is null) return new(null, "mosquitto is not installed (looked at " + DebianPath + " and on PATH); " + InstallHint + ".");
        directory = Path.GetFullPath(directory);
        var broker = new MosquittoBroker(directory, port, executable, ProbeTls(ca));
        var config = new MosquittoConfig(port, Path.GetFullPath(ca.CaCertificatePath), Path.GetFullPath(ca.ServerCertificatePath),
            Path.GetFullPath(ca.ServerKeyPath), broker.AclPath, broker.LogPath, Environment.IsPrivilegedProcess);
        try
        {
            System.IO.Directory.CreateDirectory(directory);
            File.WriteAllText(broker.ConfigPath, config.Render());
            File.WriteAllText(broker.AclPath, MosquittoAcl.Render(LocalCa.ShadowServiceIdentity));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new(null, "Could not write the broker configuration into " + directory + ": " + e.Message + " Check that the folder is writable.");
        }
        string? error = await broker.LaunchAsync(cancellationToken);
        return error is null ? new(broker, "mosquitto is running at " + broker.Endpoint + " (log: " + broker.LogPath + ").") : new(null, error);
    }

    /// <summary>
    /// Finds the broker a previous process started in <paramref name="directory"/> (its pid file), for
    /// <c>stop</c>/<c>status</c>. False when none is running there (a stale pid file is removed).
    /// </summary>
    public static bool TryAttach(string directory, [NotNullWhen(true)] out MosquittoBroker? broker, out string error)
    {
        broker = null;
        directory = Path.GetFullPath(directory);
        string pidPath = Path.Combine(directory, PidFileName);
        string[] lines = File.Exists(pidPath) ? File.ReadAllLines(pidPath) : [];
        if (lines.Length < 2 || !int.TryParse(lines[0], out int pid) || !int.TryParse(lines[1], out int port))
        {
            error = "No local broker was started from " + directory + " (no valid " + PidFileName + ").";
            return false;
        }
        string configPath = Path.Combine(directory, ConfigFileName);
        if (!IsMosquittoWithConfig(pid, configPath))
        {
            File.Delete(pidPath);
            error = "The local broker started from " + directory + " (pid " + pid + ") is no longer running.";
            return false;
        }
        string caDirectory = Path.GetDirectoryName(File.ReadLines(configPath).FirstOrDefault(line => line.StartsWith("cafile ", StringComparison.Ordinal))?["cafile ".Length..] ?? "") ?? "";
        if (!LocalCa.TryLoad(caDirectory, out var ca, out error))
        {
            error = "The local broker in " + directory + " (pid " + pid + ") runs, but its CA cannot be loaded: " + error;
            return false;
        }
        using (ca)
        {
            try
            {
                broker = new MosquittoBroker(directory, port, FindExecutable() ?? DebianPath, ProbeTls(ca)) { _process = Process.GetProcessById(pid) };
            }
            catch (ArgumentException)
            {
                error = "The local broker started from " + directory + " (pid " + pid + ") has just exited.";
                return false;
            }
        }
        error = "";
        return true;
    }

    /// <summary>
    /// Stops mosquitto: SIGTERM, then waits for it to exit (it takes 1-2 s); after <c>10 s</c> SIGKILL. Returns
    /// true when it exited on SIGTERM, false when it had to be killed or was not running.
    /// </summary>
    public async Task<bool> StopAsync()
    {
        var process = _process;
        if (process is null || process.HasExited)
        {
            DeletePidFile();
            return false;
        }
        PosixSignals.Send(process.Id, PosixSignals.Terminate);
        PosixSignals.Send(process.Id, PosixSignals.Continue); // in case it was suspended
        bool graceful = await WaitForExitAsync(process, StopTimeout);
        if (!graceful)
        {
            process.Kill();
            await WaitForExitAsync(process, StopTimeout);
        }
        DeletePidFile();
        return graceful;
    }

    /// <summary>Stops and starts mosquitto again with the same config and port (clients must reconnect).</summary>
    public async Task<BrokerStartResult> RestartAsync(CancellationToken cancellationToken = default)
    {
        await StopAsync();
        string? error = await LaunchAsync(cancellationToken);
        return error is null ? new(this, "mosquitto restarted at " + Endpoint + ".") : new(null, error);
    }

    /// <summary>Freezes the process (SIGSTOP): connections stay open but nothing answers, like a dead network link. For tests.</summary>
    public void Suspend() => SignalRunning(PosixSignals.Stop);

    /// <summary>Lets a suspended process continue (SIGCONT).</summary>
    public void Resume() => SignalRunning(PosixSignals.Continue);

    /// <summary>Same as <see cref="StopAsync"/>.</summary>
    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task<string?> LaunchAsync(CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        // exec keeps the pid; output goes to a file so the broker does not depend on our pipes after we exit.
        foreach (var argument in new[] { "-c", "exec \"$0\" -c \"$1\" <\"/dev/null\" >>\"$2\" 2>&1", _executable, ConfigPath, OutputPath })
            start.ArgumentList.Add(argument);
        var process = Process.Start(start)!;
        _process = process;
        string? notReady;
        try
        {
            notReady = await WaitUntilReadyAsync(process, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw;
        }
        if (notReady is null)
        {
            File.WriteAllLines(Path.Combine(Directory, PidFileName), [process.Id.ToString(), Port.ToString()]);
            return null;
        }
        if (process.HasExited) return StartFailure("exited with code " + process.ExitCode + " while starting");
        process.Kill();
        await WaitForExitAsync(process, StopTimeout);
        return StartFailure("did not accept a mutual-TLS MQTT connection on " + Endpoint + " within " + StartTimeout.TotalSeconds + " s (last attempt: " + notReady + ")");
    }

    /// <summary>Probes until the broker accepts (null), it exits, or <see cref="StartTimeout"/> passes (the last probe's failure).</summary>
    private async Task<string?> WaitUntilReadyAsync(Process process, CancellationToken cancellationToken)
    {
        var elapsed = Stopwatch.StartNew();
        string notReady = "none made";
        var exited = process.WaitForExitAsync(cancellationToken);
        while (elapsed.Elapsed < StartTimeout && !process.HasExited)
        {
            var probe = ProbeAsync(cancellationToken);
            if (await Task.WhenAny(probe, exited) == exited) break; // e.g. the port is taken: do not wait for the probe
            string? failure = await probe;
            if (failure is null && !process.HasExited) return null;
            notReady = failure ?? "the process exited";
            await Task.Delay(PollInterval, cancellationToken);
        }
        return notReady;
    }

    /// <summary>
    /// One bounded probe: a full mutual-TLS MQTT connect as <see cref="LocalCa.ReadinessProbeIdentity"/> (which
    /// the ACL grants nothing), then DISCONNECT. Null when accepted, else why not. Another program on the port
    /// cannot pass it: the server must hold a certificate of our CA and accept one.
    /// </summary>
    private async Task<string?> ProbeAsync(CancellationToken cancellationToken)
    {
        var options = new MqttConnectOptions("127.0.0.1", Port, LocalCa.ReadinessProbeIdentity, _probeTls)
        {
            KeepAliveSeconds = 0,
            ConnectTimeout = TimeSpan.FromSeconds(2),
            OperationTimeout = TimeSpan.FromSeconds(2),
        };
        await using var probe = new MqttClient(options);
        var result = await probe.ConnectAsync(cancellationToken);
        return result.IsConnected ? null : result.Message;
    }

    private static TlsSettings ProbeTls(LocalCa ca)
    {
        var credentials = ca.IssueReadinessProbeCertificate();
        var certificate = X509Certificate2.CreateFromPem(credentials.CertificatePem, credentials.PrivateKeyPem);
        return new TlsSettings([X509CertificateLoader.LoadCertificate(ca.CaCertificate.RawData)], certificate, ca.CaCertificatePath);
    }

    private string StartFailure(string what)
    {
        string output = Tail(OutputPath) + Tail(LogPath);
        return "mosquitto (" + _executable + " -c " + ConfigPath + ") " + what + "."
            + (output.Length > 0 ? " Its output:\n" + output : "")
            + " If the port is in use, choose another with --port; the full log is " + LogPath + ".";
    }

    private static string Tail(string path) =>
        File.Exists(path) ? string.Join("\n", File.ReadLines(path).TakeLast(10)) + "\n" : "";

    private static async Task<bool> WaitForExitAsync(Process process, TimeSpan timeout)
    {
        try
        {
            await process.WaitForExitAsync().WaitAsync(timeout);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private void SignalRunning(int signal)
    {
        if (_process is not { HasExited: false } process) throw new InvalidOperationException("mosquitto is not running.");
        PosixSignals.Send(process.Id, signal);
    }

    private void DeletePidFile() => File.Delete(Path.Combine(Directory, PidFileName));

    private static bool IsMosquittoWithConfig(int pid, string configPath)
    {
        string cmdline = "/proc/" + pid + "/cmdline";
        if (!File.Exists(cmdline)) return false;
        var arguments = File.ReadAllText(cmdline).Split('\0');
        return arguments.Length > 0 && Path.GetFileName(arguments[0]) == "mosquitto" && arguments.Contains(configPath);
    }
}
