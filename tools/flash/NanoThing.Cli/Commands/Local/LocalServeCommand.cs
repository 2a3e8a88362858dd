using System.CommandLine;
using System.Runtime.InteropServices;
using NanoThing.Cli.Execution;
using NanoThing.LocalIot.Shadows;

namespace NanoThing.Cli.Commands.Local;

/// <summary>
/// <c>nanothing local serve --port P</c> (hidden; started in the background by <c>local start</c>): runs the Device Shadow
/// service against the broker on 127.0.0.1:P until SIGTERM/SIGINT. Writes serve.pid ("pid\nport\n") once connected, so
/// <c>start</c> knows it is ready, and removes it on exit. Exit codes are <see cref="ShadowServiceHost"/>'s.
/// </summary>
public static class LocalServeCommand
{
    public static Command Create(CliContext context)
    {
        var port = new Option<int>("--port") { Required = true };
        var command = new Command("serve", "Run the Device Shadow service in the foreground (used by `local start`).") { Hidden = true };
        command.Options.Add(port);
        command.SetAction(parse => Serve(context, parse.GetValue(port)));
        return command;
    }

    private static int Serve(CliContext context, int port)
    {
        var paths = LocalPaths.For(context);
        var options = new ShadowServiceOptions("127.0.0.1", port, Path.Combine(paths.Ca, "ca.crt"), paths.ShadowServiceCertificate, paths.ShadowServiceKey, paths.Shadows)
        {
            Log = line => context.Out.WriteLine($"{DateTimeOffset.UtcNow:O} {line}"),
        };
        using var stop = new CancellationTokenSource();
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal => { signal.Cancel = true; stop.Cancel(); });
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, signal => { signal.Cancel = true; stop.Cancel(); });
        var (service, error, exitCode) = ShadowServiceHost.TryStartAsync(options, stop.Token).GetAwaiter().GetResult();
        if (service is null)
        {
            context.Error.WriteLine("error: " + error);
            return exitCode;
        }

        try
        {
            File.WriteAllText(paths.ServePid, $"{Environment.ProcessId}\n{port}\n");
            context.Out.Flush();
            stop.Token.WaitHandle.WaitOne();
        }
        finally
        {
            service.DisposeAsync().AsTask().GetAwaiter().GetResult();
            File.Delete(paths.ServePid);
        }

        context.Out.WriteLine($"{DateTimeOffset.UtcNow:O} shadow service: stopped");
        return ShadowServiceHost.ExitStopped;
    }
}
