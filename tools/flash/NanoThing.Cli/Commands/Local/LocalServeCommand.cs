using System.CommandLine;
using System.Runtime.InteropServices;
using NanoThing.Cli.Execution;
using NanoThing.LocalIot.StandIn;

namespace NanoThing.Cli.Commands.Local;

/// <summary>
/// <c>nanothing local serve --port P [--data-plane-port D]</c> (hidden; started in the background by <c>local start</c>):
/// runs the stand-in — broker, Device Shadow service and HTTPS data plane in this one process — on 127.0.0.1:P (MQTT)
/// and 127.0.0.1:D (HTTPS; without D: 8443 when free, else any free port) until SIGTERM/SIGINT. Writes serve.pid
/// ("pid\nport\ndata-plane-port\nconsole-port\n"; the console on --console-port, default 8880 or any free port) once listening, so <c>start</c> knows it is ready, and removes it on exit. Exit codes are
/// <see cref="LocalIotServer"/>'s.
/// </summary>
public static class LocalServeCommand
{
    public static Command Create(CliContext context)
    {
        var port = new Option<int>("--port") { Required = true };
        var dataPlanePort = new Option<int?>("--data-plane-port");
        var consolePort = new Option<int?>("--console-port");
        var command = new Command("serve", "Run the local stand-in in the foreground (used by `local start`).") { Hidden = true };
        command.Options.Add(port);
        command.Options.Add(dataPlanePort);
        command.Options.Add(consolePort);
        command.SetAction(parse => Serve(context, parse.GetValue(port), parse.GetValue(dataPlanePort), parse.GetValue(consolePort)));
        return command;
    }

    private static int Serve(CliContext context, int port, int? dataPlanePort, int? consolePort)
    {
        var paths = LocalPaths.For(context);
        var output = TextWriter.Synchronized(context.Out);
        var options = new LocalIotServerOptions(paths.Root, port)
        {
            DataPlanePort = dataPlanePort,
            ConsolePort = consolePort ?? LocalConsoleUrl.DefaultPort,
            ConsoleFallbackToFreePort = consolePort is null,
            Log = line => { output.WriteLine(line.Length > 0 && char.IsDigit(line[0]) ? line : $"{DateTimeOffset.UtcNow:O} {line}"); output.Flush(); },
        };
        using var stop = new CancellationTokenSource();
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal => { signal.Cancel = true; stop.Cancel(); });
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, signal => { signal.Cancel = true; stop.Cancel(); });
        var (server, error, exitCode) = LocalIotServer.TryStartAsync(options).GetAwaiter().GetResult();
        if (server is null)
        {
            context.Error.WriteLine("error: " + error);
            return exitCode;
        }

        try
        {
            File.WriteAllText(paths.ServePid, $"{Environment.ProcessId}\n{port}\n{server.DataPlane.Port}\n{server.Console?.Port ?? 0}\n");
            stop.Token.WaitHandle.WaitOne();
        }
        finally
        {
            server.DisposeAsync().AsTask().GetAwaiter().GetResult();
            File.Delete(paths.ServePid);
        }

        options.Log("local stand-in: stopped");
        return LocalIotServer.ExitStopped;
    }
}
