using System.CommandLine;
using System.Diagnostics;
using NanoThing.Cli.Execution;

namespace NanoThing.Cli.Commands.Local;

/// <summary>
/// <c>nanothing local start [--port 8883]</c>: starts the local AWS IoT stand-in in the background — one detached
/// <c>nanothing local serve</c> process: the MQTT broker (TLS, client certificates of the local CA, created on first use)
/// with the Device Shadow service inside, and the HTTPS data plane (iot-data) — and returns once it listens, printing
/// <c>endpoint: 127.0.0.1:&lt;port&gt;</c> and <c>data plane: https://127.0.0.1:&lt;port&gt;</c> (never the credentials:
/// <c>nanothing local env</c> exports them), and <c>console: http://127.0.0.1:&lt;port&gt;/?token=…</c>: the local console in a browser
/// (<c>--console-port</c>; default 8880, another free port when it is taken).
/// Already running: prints the endpoint again. A process that did not come up is stopped, so a failure leaves nothing running.
/// </summary>
public static class LocalStartCommand
{
    public const int DefaultPort = 8883;
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    public static Command Create(CliContext context)
    {
        var port = new Option<int>("--port") { Description = $"TCP port on 127.0.0.1 (default {DefaultPort}).", DefaultValueFactory = _ => DefaultPort };
        var dataPlanePort = new Option<int?>("--data-plane-port") { Description = $"HTTPS port of the data plane on 127.0.0.1 (default {DataPlaneDefaultPort}, AWS's; another free port when it is taken)." };
        var command = new Command("start", "Start the local AWS IoT stand-in (MQTT broker + Device Shadow service + HTTPS data plane) in the background; print the endpoints.");
        command.Options.Add(port);
        var consolePort = new Option<int?>("--console-port") { Description = $"HTTP port of the local console on 127.0.0.1 (default {LocalConsoleUrl.DefaultPort}; another free port when it is taken)." };
        command.Options.Add(dataPlanePort);
        command.Options.Add(consolePort);
        command.SetAction(parse => CommandRunner.Run(context, () => Execute(context, parse.GetValue(port), parse.GetValue(dataPlanePort), parse.GetValue(consolePort))));
        return command;
    }

    /// <summary>AWS's port for the data plane with client certificates (protocols.html), the stand-in's default.</summary>
    public const int DataPlaneDefaultPort = NanoThing.LocalIot.DataPlane.IotDataPlaneOptions.DefaultPort;

    public static CliError? Execute(CliContext context, int port, int? dataPlanePort = null, int? consolePort = null)
    {
        if (port is < 1 or > 65535)
        {
            return new CliError(Failure.InputInvalid, $"--port {port} is not a TCP port (1-65535)", $"nanothing local start --port {DefaultPort}");
        }

        if (dataPlanePort is < 1 or > 65535 || dataPlanePort == port)
        {
            return new CliError(Failure.InputInvalid, $"--data-plane-port {dataPlanePort} is not a TCP port (1-65535) other than --port {port}",
                $"nanothing local start --port {port} --data-plane-port {DataPlaneDefaultPort}");
        }

        if (consolePort is < 1 or > 65535 || (consolePort is not null && (consolePort == port || consolePort == dataPlanePort)))
        {
            return new CliError(Failure.InputInvalid, $"--console-port {consolePort} is not a TCP port (1-65535) other than the broker's and the data plane's",
                $"nanothing local start --port {port} --console-port {LocalConsoleUrl.DefaultPort}");
        }

        var paths = LocalPaths.For(context);
        if (ServeProcess.TryRead(paths.ServePid, out int servePid, out int runningPort, out int runningDataPlanePort))
        {
            context.Out.WriteLine($"the local stand-in is already running (pid {servePid}; data in {paths.Root})");
            context.Out.WriteLine($"endpoint: 127.0.0.1:{runningPort}");
            context.Out.WriteLine($"data plane: https://127.0.0.1:{runningDataPlanePort}");
            LocalConsoleUrl.Print(context.Out, paths);
            return null;
        }

        Directory.CreateDirectory(paths.Root);
        CliError? error = StartServer(context, paths, port, dataPlanePort, consolePort);
        if (error is not null)
        {
            return error;
        }

        ServeProcess.TryRead(paths.ServePid, out _, out _, out int startedDataPlanePort);
        context.Out.WriteLine($"local AWS IoT stand-in running: MQTT broker (TLS, client certificates), Device Shadow service and HTTPS data plane in one process (log {paths.ServeLog})");
        context.Out.WriteLine($"endpoint: 127.0.0.1:{port}");
        context.Out.WriteLine($"data plane: https://127.0.0.1:{startedDataPlanePort}");
        LocalConsoleUrl.Print(context.Out, paths);
        context.Out.WriteLine("AWS CLI and SDKs against it: eval \"$(nanothing local env)\"   then e.g. aws iot-data get-thing-shadow --thing-name <name> shadow.json");
        context.Out.WriteLine($"next: nanothing local provision --thing <name>   (device.crt, device.key and root-ca.pem for a client); stop with: nanothing local stop");
        return null;
    }

    private static CliError? StartServer(CliContext context, LocalPaths paths, int port, int? dataPlanePort, int? consolePort)
    {
        File.Delete(paths.ServePid);
        long logStart = File.Exists(paths.ServeLog) ? new FileInfo(paths.ServeLog).Length : 0;
        using Process serve = ServeProcess.StartDetached(context.WorkingDirectory, paths.ServeLog, port, dataPlanePort, consolePort);
        var clock = Stopwatch.StartNew();
        while (!ServeProcess.TryRead(paths.ServePid, out _, out _))
        {
            if (serve.HasExited || clock.Elapsed > ReadyTimeout)
            {
                if (!serve.HasExited)
                {
                    ServeProcess.Terminate(serve.Id, TimeSpan.FromSeconds(5));
                }

                return new CliError(Failure.ExternalToolFailed,
                    $"the local stand-in did not come up within {ReadyTimeout.TotalSeconds:0} s: {LastLines(paths.ServeLog, logStart)}",
                    $"read {paths.ServeLog}, then nanothing local start --port {port}");
            }

            Thread.Sleep(PollInterval);
        }

        return null;
    }

    private static string LastLines(string log, long from)
    {
        if (!File.Exists(log))
        {
            return "(no output)";
        }

        using var stream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Position = Math.Min(from, stream.Length);
        string text = new StreamReader(stream).ReadToEnd().Trim();
        return text.Length == 0 ? "(no output)" : string.Join(" | ", text.Split('\n').TakeLast(5));
    }
}
