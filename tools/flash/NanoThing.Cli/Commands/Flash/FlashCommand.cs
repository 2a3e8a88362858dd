using System.CommandLine;
using NanoThing.Cli.Commands.Bundle;
using NanoThing.Cli.Execution;
using NanoThing.Cli.Things;

namespace NanoThing.Cli.Commands.Flash;

/// <summary>
/// <c>nanothing flash --thing &lt;name&gt; --port &lt;serial&gt; [--target T] [--image bin] [--skip-firmware] [--skip-app]
/// [--skip-wifi] [--skip-files]</c>: runs the steps of <see cref="FlashPlan"/> with nanoff, showing its output (without
/// the help text nanoff prints before a network deployment, <see cref="NanoffHelpTextFilter"/>), reports what each step
/// really did (<see cref="FlashStepOutcome"/>) and stops at the first failure with its next step. Every input file
/// and the bundle's deployment files are checked before the first step runs (<see cref="BundleCheck"/>).
/// </summary>
public static class FlashCommand
{
    public const string DefaultTarget = "ESP32_PSRAM_REV0";
    /// <summary>Where Visual Studio puts the app image of firmware/NanoThing (Release), relative to the repository root.</summary>
    public const string DefaultImage = "firmware/NanoThing/bin/Release/NanoThing.bin";

    public static Command Create(CliContext context)
    {
        var thing = new ThingOptions();
        var port = new Option<string>("--port") { Description = "Serial port of the board (e.g. /dev/ttyUSB0, COM3).", Required = true };
        var target = new Option<string>("--target") { Description = $"nanoFramework firmware target (default {DefaultTarget}).", DefaultValueFactory = _ => DefaultTarget };
        var image = new Option<string?>("--image") { Description = $"The app image (default {DefaultImage})." };
        var skipFirmware = new Option<bool>("--skip-firmware") { Description = "Do not update the nanoFramework firmware." };
        var skipApp = new Option<bool>("--skip-app") { Description = "Do not deploy the app image." };
        var skipWifi = new Option<bool>("--skip-wifi") { Description = "Do not store the Wi-Fi settings (nanoff --networkdeployment)." };
        var skipFiles = new Option<bool>("--skip-files") { Description = "Do not copy the device certificate + key, root CAs and config file to I:\\ (nanoff --filedeployment)." };
        var command = new Command("flash", "Flash the board with nanoff: firmware, app, Wi-Fi settings, identity + config files on I:\\.");
        thing.AddTo(command);
        foreach (Option option in new Option[] { port, target, image, skipFirmware, skipApp, skipWifi, skipFiles })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse => CommandRunner.Run(context, () =>
        {
            if (!thing.TryResolve(parse, context, out var files, out var error))
            {
                return error;
            }

            var request = new FlashRequest(parse.GetValue(target)!, parse.GetValue(port)!, context.Resolve(parse.GetValue(image) ?? DefaultImage),
                BundleLayout.Of(files), parse.GetValue(skipFirmware), parse.GetValue(skipApp), parse.GetValue(skipWifi), parse.GetValue(skipFiles));
            return Execute(context, files, request);
        }));
        return command;
    }

    public static CliError? Execute(CliContext context, ThingFiles files, FlashRequest request)
    {
        string thing = files.Thing.Value;
        CliError? error = Validate(files, request);
        if (error is not null)
        {
            return error;
        }

        if (NanoffLocator.Find(context) is not var (program, prefix))
        {
            return new CliError(Failure.ExternalToolMissing, "nanoff (the nanoFramework firmware flasher) is not installed: not on PATH, not in ~/.dotnet/tools, not a local tool",
                $"{NanoffErrors.Install}   (add ~/.dotnet/tools to PATH), then nanothing flash --thing {thing} --port {request.Port}");
        }

        IReadOnlyList<FlashStep> steps = FlashPlan.Steps(request);
        var done = new List<string>();
        for (int i = 0; i < steps.Count; i++)
        {
            FlashStep step = steps[i];
            context.Out.WriteLine($"[{i + 1}/{steps.Count}] {step.Name}: {step.Purpose}");
            string command = ExternalProgram.Format("nanoff", step.Arguments);
            context.Out.WriteLine(step.WorkingDirectory is null ? "$ " + command : $"$ ({ExternalProgram.Format("cd", [step.WorkingDirectory])} && {command})");
            var filter = new NanoffHelpTextFilter();
            ProgramRun run = ExternalProgram.Run(context, program, [.. prefix, .. step.Arguments],
                line => { foreach (string shown in filter.Accept(line)) { context.Out.WriteLine("  " + shown); } }, step.WorkingDirectory);
            if (i == 0)
            {
                WarnOnVersion(context, run.AllOutput);
            }

            (string? summary, error) = FlashStepOutcome.Judge(step, run, request.Port, Retry(context, step, files, request));
            if (error is not null)
            {
                if (done.Count > 0)
                {
                    context.Error.WriteLine($"done before the failure: {string.Join("; ", done)}");
                }

                return error;
            }

            context.Out.WriteLine($"  -> {step.Name}: {summary}");
            done.Add($"{step.Name}: {summary}");
        }

        context.Out.WriteLine($"flashed {thing} on {request.Port}: {string.Join("; ", done)}");
        context.Out.WriteLine($"next: watch the shadow: nanothing shadow watch --thing {thing}   (or the AWS IoT console: Things > {thing} > Device Shadows)");
        return null;
    }

    private static CliError? Validate(ThingFiles files, FlashRequest request)
    {
        string thing = files.Thing.Value;
        if (request.Port.Trim().Length == 0)
        {
            return new CliError(Failure.InputInvalid, "--port is empty", "list the serial ports with: nanoff --listports");
        }

        if (request.Target.Length == 0 || !request.Target.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '_'))
        {
            return new CliError(Failure.InputInvalid, $"--target '{request.Target}' is not a nanoFramework target name (like {DefaultTarget})",
                "list them: nanoff --listtargets --platform esp32");
        }

        if (FlashPlan.Steps(request).Count == 0)
        {
            return new CliError(Failure.InputInvalid, "every step is skipped: nothing to flash", $"nanothing flash --thing {thing} --port {request.Port}");
        }

        if (!request.SkipApp && !File.Exists(request.Image))
        {
            return new CliError(Failure.NotFound, $"{request.Image} does not exist",
                "build firmware/NanoThing in Visual Studio (Release) or pass --image <NanoThing.bin>; or skip this step with --skip-app");
        }

        string rebundle = $"nanothing bundle --thing {thing} --endpoint <host> --wifi-ssid <ssid> --wifi-password <password>   (or skip with --skip-wifi --skip-files)";
        return (request.SkipWifi ? null : BundleCheck.Network(request.Bundle, rebundle))
            ?? (request.SkipFiles ? null : BundleCheck.Files(request.Bundle, rebundle));
    }

    private static string Retry(CliContext context, FlashStep step, ThingFiles files, FlashRequest request)
    {
        string dir = files.Directory == ThingFiles.For(files.Thing, context.WorkingDirectory, null).Directory ? "" : " " + ExternalProgram.Format("--dir", [files.Directory]);
        string target = request.Target == DefaultTarget ? "" : " --target " + request.Target;
        return $"then nanothing flash --thing {files.Thing}{dir} --port {request.Port}{target}" + string.Concat(SkipsBefore(step, request));
    }

    /// <summary>The --skip options that resume a flash at <paramref name="failed"/>: every step that is not
    /// <paramref name="failed"/> or after it.</summary>
    private static IEnumerable<string> SkipsBefore(FlashStep failed, FlashRequest request)
    {
        var remaining = FlashPlan.Steps(request).SkipWhile(step => step.Name != failed.Name).Select(step => step.Name).ToHashSet();
        return FlashPlan.StepNames.Where(name => !remaining.Contains(name)).Select(name => " --skip-" + name);
    }

    private static void WarnOnVersion(CliContext context, string output)
    {
        string? version = NanoffOutput.Version(output);
        if (version is not null && version != NanoffErrors.PinnedVersion)
        {
            context.Error.WriteLine($"warning: nanoff {version} is not the pinned {NanoffErrors.PinnedVersion} (nanoff 3 changed its command syntax); "
                + $"if a step fails: dotnet tool update -g nanoff --version {NanoffErrors.PinnedVersion}");
        }
    }
}
