using System.Diagnostics;
using NanoThing.LocalIot.StandIn;

namespace NanoThing.Bench.StandIn;

/// <summary>
/// The stand-in (broker + Device Shadow service, as `nanothing local serve` runs it) in a process of its own (this
/// executable in a child mode), so its CPU time and memory are measured apart from the load generator's. The child
/// prints <see cref="ReadyLine"/> once listening and serves until its standard input closes.
/// </summary>
public sealed class StandInProcess : IDisposable
{
    public const string ChildVerb = "__stand-in";
    public const string ReadyLine = "stand-in ready";
    private static readonly TimeSpan StartBound = TimeSpan.FromSeconds(60);

    private readonly Process _process;

    private StandInProcess(Process process) => _process = process;

    public int ProcessId => _process.Id;

    /// <summary>Starts the child listening on 127.0.0.1:<paramref name="port"/> over <paramref name="dataFolder"/> (ca/, shadows/); throws with its output when it does not become ready.</summary>
    public static async Task<StandInProcess> StartAsync(int port, string dataFolder)
    {
        string self = typeof(StandInProcess).Assembly.Location;
        string host = Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
        var start = new ProcessStartInfo(host)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { self, ChildVerb, port.ToString(), dataFolder })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + host + " " + self);
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(StartBound);
        try
        {
            string? line;
            while ((line = await process.StandardOutput.ReadLineAsync(timeout.Token)) is not null)
            {
                if (line == ReadyLine)
                {
                    return new StandInProcess(process);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        process.Kill();
        await process.WaitForExitAsync();
        throw new InvalidOperationException($"the stand-in child ({self} {ChildVerb}) did not become ready within {StartBound.TotalSeconds} s: {await error}");
    }

    /// <summary>The child's side: start the stand-in, say so, serve until standard input closes.</summary>
    public static async Task<int> RunChildAsync(string[] args)
    {
        if (args.Length != 2 || !int.TryParse(args[0], out int port))
        {
            Console.Error.WriteLine($"usage: {ChildVerb} <port> <data folder>");
            return 2;
        }

        var (server, error, exitCode) = await LocalIotServer.TryStartAsync(new LocalIotServerOptions(args[1], port) { Log = line => Console.Error.WriteLine(line) });
        if (server is null)
        {
            Console.Error.WriteLine(error);
            return exitCode;
        }

        await using (server)
        {
            Console.WriteLine(ReadyLine);
            await Console.In.ReadToEndAsync();
        }

        return LocalIotServer.ExitStopped;
    }

    /// <summary>Closes the child's input (it stops the stand-in and exits); kills it when it has not exited within 15 s.</summary>
    public void Dispose()
    {
        _process.StandardInput.Close();
        if (!_process.WaitForExit(15_000))
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}
