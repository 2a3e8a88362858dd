using System.CommandLine;
using NanoThing.Cli.Commands.Board;
using NanoThing.Cli.Commands.Local;
using NanoThing.Cli.Execution;
using NanoThing.Cli.Things;
using NanoThing.VirtualBoard.Board;

namespace NanoThing.Cli.Commands.Demo;

/// <summary>
/// <c>nanothing demo [--thing demo-thing] [--port 8883] [--seed N] [--duration S] [--until-reports N] [--no-browser]</c>: the whole
/// product on one PC. Starts the local AWS IoT stand-in (the code path of <c>local start</c>; an already running one
/// is used and left running), provisions the thing when it has no identity from this folder's local CA yet (<c>local provision</c>), runs a
/// virtual board for it whose simulated day passes in minutes, and prints the shadow as it changes (each report with
/// its version, each desired change) until Ctrl-C or a limit; then stops the board and whatever it started. Its first line is the local
/// console's address (<c>console: http://127.0.0.1:…/?token=…</c>), opened in the default browser when a desktop session is present.
/// </summary>
public static class DemoCommand
{
    public const string DefaultThing = "demo-thing";

    /// <summary>The simulated day runs this many times faster than real time (a day in 4 minutes).</summary>
    public const double WeatherSpeed = 360;

    public static Command Create(CliContext context)
    {
        var thing = new Option<string>("--thing") { Description = "The demo thing's name.", DefaultValueFactory = _ => DefaultThing };
        var port = new Option<int>("--port") { Description = $"TCP port of the local stand-in on 127.0.0.1 (default {LocalStartCommand.DefaultPort}).", DefaultValueFactory = _ => LocalStartCommand.DefaultPort };
        var seed = new Option<int>("--seed") { Description = "Seed of the simulated weather.", DefaultValueFactory = _ => 1 };
        var duration = new Option<int?>("--duration") { Description = "Stop after this many seconds (default: until Ctrl-C)." };
        var untilReports = new Option<int?>("--until-reports") { Description = "Stop after this many reports accepted by the shadow service." };
        var command = new Command("demo", "Start the local AWS IoT stand-in, provision a thing, run a virtual board for it and show its shadow live until Ctrl-C; then stop what it started.");
        command.Options.Add(thing);
        command.Options.Add(port);
        command.Options.Add(seed);
        command.Options.Add(duration);
        command.Options.Add(untilReports);
        var noBrowser = new Option<bool>("--no-browser") { Description = "Do not open the local console in the default browser (it opens only when a desktop session is present)." };
        command.Options.Add(noBrowser);
        command.SetAction(parse => CommandRunner.Run(context, () => ThingName.TryCreate(parse.GetValue(thing), out ThingName? name, out CliError? error)
            ? Execute(context, name, parse.GetValue(port), parse.GetValue(seed), parse.GetValue(duration), parse.GetValue(untilReports), openBrowser: !parse.GetValue(noBrowser))
            : error));
        return command;
    }

    public static CliError? Execute(CliContext context, ThingName thing, int port, int seed, int? durationSeconds, int? untilReports, bool openBrowser = false)
    {
        if (durationSeconds is < 1 || untilReports is < 1)
        {
            return new CliError(Failure.InputInvalid, "--duration and --until-reports must be at least 1", "nanothing demo   (runs until Ctrl-C)");
        }

        CliError? error;
        var paths = LocalPaths.For(context);
        // The steps' own "next:" hints are for running them by hand; the demo says what it did in its own words.
        var quiet = new CliContext { WorkingDirectory = context.WorkingDirectory, Out = TextWriter.Null, Error = context.Error, Environment = context.Environment, UtcNow = context.UtcNow };
        bool wasRunning = ServeProcess.TryRead(paths.ServePid, out _, out int runningPort, out int dataPlanePort);
        if (!wasRunning)
        {
            error = LocalStartCommand.Execute(quiet, port);
            if (error is not null)
            {
                return error;
            }

            ServeProcess.TryRead(paths.ServePid, out _, out runningPort, out dataPlanePort);
            ShowConsole(context, paths, openBrowser);
            context.Out.WriteLine($"demo: started the local AWS IoT stand-in at 127.0.0.1:{runningPort} (MQTT broker with client certificates + the Device Shadow service; data and logs in {paths.Root})");
        }
        else
        {
            ShowConsole(context, paths, openBrowser);
            context.Out.WriteLine($"demo: using the local AWS IoT stand-in already running at 127.0.0.1:{runningPort}");
        }

        context.Out.WriteLine($"demo: data plane https://127.0.0.1:{dataPlanePort} (iot-data over HTTPS); for the AWS CLI and SDKs: eval \"$(nanothing local env)\"");

        try
        {
            return RunBoard(context, quiet, thing, runningPort, seed, durationSeconds, untilReports);
        }
        finally
        {
            if (!wasRunning)
            {
                LocalStopCommand.Stop(paths);
                context.Out.WriteLine($"stopped the local stand-in it started; shadows kept in {paths.Shadows}");
            }
            else
            {
                context.Out.WriteLine("the local stand-in was already running and is left running (nanothing local stop stops it)");
            }
        }
    }

    /// <summary>The console's address, first thing the demo prints; opened in the default browser when asked and a desktop is present.</summary>
    private static void ShowConsole(CliContext context, LocalPaths paths, bool openBrowser)
    {
        LocalConsoleUrl.Print(context.Out, paths);
        if (openBrowser && LocalConsoleUrl.Read(paths) is { } url && BrowserLauncher.HasDesktop(context.Environment)
            && BrowserLauncher.Open(url, context.Environment) is { } why)
        {
            context.Out.WriteLine("demo: could not open the console in a browser: " + why + "; open the address above");
        }
    }

    private static CliError? RunBoard(CliContext context, CliContext quiet, ThingName thing, int port, int seed, int? durationSeconds, int? untilReports)
    {
        var files = ThingFiles.For(thing, context.WorkingDirectory, null);
        string localCa = Path.Combine(LocalPaths.For(context).Ca, LocalIot.Pki.LocalCa.CaCertificateFileName);
        bool issuedByThisCa = File.Exists(files.Key) && File.Exists(files.RootCa) && File.Exists(localCa)
            && File.ReadAllText(files.RootCa).Trim() == File.ReadAllText(localCa).Trim();
        if (!issuedByThisCa)
        {
            CliError? error = LocalProvisionCommand.Execute(quiet, files, force: true);
            if (error is not null)
            {
                return error;
            }

            context.Out.WriteLine($"demo: issued a certificate for {thing} from the local CA into {files.Directory} (device.crt, device.key 0600, root-ca.pem)");
        }

        var options = new VirtualBoardOptions
        {
            Thing = thing.Value,
            Directory = files.Directory,
            Endpoint = new NewConfig("127.0.0.1", port)
            {
                Settings = new Dictionary<string, double>
                {
                    ["sampleIntervalSeconds"] = 2,
                    ["minReportIntervalSeconds"] = 2,
                    ["reportIntervalSeconds"] = 30,
                    ["temperatureThreshold"] = 0.1,
                    ["humidityThreshold"] = 0.5,
                    ["pressureThreshold"] = 0.5,
                    ["telemetryIntervalSeconds"] = 4,
                    ["telemetryBatchSize"] = 5,
                },
            },
            Seed = seed,
            WeatherSpeed = WeatherSpeed,
            Output = context.Out,
        };
        if (!BoardRun.TryCreate(context, files, options, out BoardRun? run, out CliError? createError))
        {
            return createError;
        }

        context.Out.WriteLine($"demo: virtual board {thing} on the local stand-in at 127.0.0.1:{port}; its simulated day passes in {24 * 60 / WeatherSpeed:0} minutes. Ctrl-C stops everything.");
        context.Out.WriteLine($"demo: in another terminal, switch its LED: nanothing shadow update --thing {thing} --desired '{{\"led\":true}}'   (through the data plane: the board stays connected)");
        context.Out.WriteLine($"demo: or with the AWS CLI: eval \"$(nanothing local env)\"; aws iot-data get-thing-shadow --thing-name {thing} shadow.json");
        run!.UntilReports = untilReports ?? 0;
        return run.RunUntilStopped(durationSeconds is int seconds ? TimeSpan.FromSeconds(seconds) : null);
    }
}
