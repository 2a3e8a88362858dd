namespace NanoThing.Cli.Execution;

/// <summary>
/// An expected failure, returned as a value by a command: what failed (naming the file, endpoint or field)
/// and the command to run next. Never carries key material or passwords.
/// </summary>
/// <param name="Kind">Decides the exit code (<see cref="ExitCodes.For(Failure)"/>).</param>
/// <param name="Message">A full sentence naming what failed and where.</param>
/// <param name="Next">What to run or do next; null when there is nothing useful to suggest.</param>
public sealed record CliError(Failure Kind, string Message, string? Next = null)
{
    /// <summary>Writes "error: ..." and "next: ..." lines.</summary>
    public void WriteTo(TextWriter error)
    {
        error.WriteLine("error: " + Message);
        if (Next is not null)
        {
            error.WriteLine("next:  " + Next);
        }
    }
}
