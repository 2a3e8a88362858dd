using NanoThing.Cli.Commands.Bundle;
using NanoThing.Cli.Execution;

namespace NanoThing.Cli.Commands.Flash;

/// <summary>
/// What one nanoff run really did (pure). nanoff's exit status alone does not say: a file the board refused is
/// printed and the run still exits 0 (FileDeploymentManager.cs:80-113), option errors exit 40 without a code, the
/// status is the code truncated to 8 bits. So a step succeeded only when nanoff printed no coded error, no failure
/// line, exited 0, and confirmed what the step is for (each I:\ file; both Wi-Fi blocks).
/// </summary>
public static class FlashStepOutcome
{
    /// <summary>The step's result in a few words when it succeeded (error null), else the failure with its next step.</summary>
    /// <param name="retry">How to resume the flash at this step ("then nanothing flash ... --skip-...").</param>
    public static (string? Summary, CliError? Error) Judge(FlashStep step, ProgramRun run, string port, string retry)
    {
        string output = run.AllOutput;
        string failed = $"step '{step.Name}' failed";
        if (NanoffOutput.TryFindError(output, out string code, out string text))
        {
            (string meaning, string next) = NanoffErrors.Explain(step, code, text);
            return (null, new CliError(Failure.ExternalToolFailed, $"{failed}: nanoff {code}: {text} -> {meaning} (port {port})", $"{next}; {retry}"));
        }

        IReadOnlyList<string> failures = NanoffOutput.UncodedFailures(output);
        if (failures.Count > 0)
        {
            return (null, Uncoded(step, failures, run.ExitCode, failed, retry));
        }

        if (run.ExitCode is NanoffErrors.UnparsedOptionsStatus or 9000)
        {
            string detail = NanoffOutput.ParserError(output) is { } parser ? $" ({parser})" : "";
            return (null, new CliError(Failure.ExternalToolFailed,
                $"{failed}: nanoff did not understand the options{detail}: exit {run.ExitCode} without an error code is its E9000 from the command-line parser; the installed nanoff may not be {NanoffErrors.PinnedVersion}",
                $"{NanoffErrors.Install}   (or: dotnet tool update -g nanoff --version {NanoffErrors.PinnedVersion}); {retry}"));
        }

        if (run.ExitCode != 0)
        {
            return (null, new CliError(Failure.ExternalToolFailed, $"{failed}: nanoff exited with code {run.ExitCode} and no error code (its output is above)",
                $"read nanoff's output above, fix the cause, {retry}"));
        }

        if (step.IsNetworkDeployment && !NanoffOutput.ConfirmsWifi(output))
        {
            return (null, new CliError(Failure.ExternalToolFailed,
                $"{failed}: nanoff exited 0 but did not confirm the Wi-Fi settings (no \"{NanoffOutput.NetworkConfirmation}\" and \"{NanoffOutput.WirelessConfirmation}\")",
                $"read nanoff's output above; {retry}"));
        }

        var unconfirmed = step.DriveFiles.Where(name => !NanoffOutput.ConfirmsFile(output, name, BundleLayout.DevicePath(name))).Select(BundleLayout.DevicePath).ToList();
        if (unconfirmed.Count > 0)
        {
            return (null, new CliError(Failure.ExternalToolFailed,
                $"{failed}: nanoff exited 0 but did not confirm writing {string.Join(", ", unconfirmed)} on the board",
                $"read nanoff's output above; {retry}"));
        }

        string summary = step.IsNetworkDeployment ? "Wi-Fi settings stored (network + wireless configuration)"
            : step.IsFileDeployment ? string.Join(", ", step.DriveFiles.Select(BundleLayout.DevicePath)) + " written"
            : "done";
        return (summary, null);
    }

    private static CliError Uncoded(FlashStep step, IReadOnlyList<string> failures, int exitCode, string failed, string retry)
    {
        string first = failures[0];
        string lines = string.Join("; ", failures.Select(line => "\"" + line + "\""));
        if (first.StartsWith("Unhandled exception.", StringComparison.Ordinal))
        {
            bool missingFile = first.Contains("FileNotFoundException", StringComparison.Ordinal) || first.Contains("DirectoryNotFoundException", StringComparison.Ordinal);
            return new CliError(Failure.ExternalToolFailed, $"{failed}: nanoff crashed (exit {exitCode}): {first}",
                missingFile ? $"re-create the bundle (nanothing bundle), {retry}" : $"read nanoff's output above, {retry}");
        }

        bool refused = failures.Any(line => line.StartsWith("Error deploying content file ", StringComparison.Ordinal));
        string status = exitCode == 0 ? "nanoff exited 0 but printed " : $"nanoff exited {exitCode} and printed ";
        string meaning = !step.IsFileDeployment ? "see nanoff's output above"
            : refused ? "the board refused a file: its I:\\ drive is full or its file system failed"
            : "nanoff could not read a file of the bundle folder or lost the board while copying it";
        string next = refused
            ? $"reset the board (EN button) and retry; if it repeats, the I:\\ file system needs erasing (nanoff --masserase, then the whole flash again); {retry}"
            : $"check that the files named in {Path.Combine(step.WorkingDirectory ?? "", BundleLayout.FileDeploymentName)} exist (nanothing bundle), reset the board, {retry}";
        return new CliError(Failure.ExternalToolFailed, $"{failed}: {status}{lines} -> {meaning}", next);
    }
}
