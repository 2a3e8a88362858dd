namespace NanoThing.Cli.Execution;

/// <summary>
/// Runs a command body and turns its outcome into an exit code through <see cref="ExitCodes"/>: the one place where
/// errors are printed. File-system exceptions (permission denied, disk full) become <see cref="Failure.FileSystem"/>
/// errors; any other exception is a bug and propagates (exit code <see cref="ExitCodes.InternalError"/>).
/// </summary>
public static class CommandRunner
{
    public static int Run(CliContext context, Func<CliError?> body)
    {
        CliError? error;
        try
        {
            error = body();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            error = new CliError(Failure.FileSystem, exception.Message,
                "check the permissions and free space of that folder, then run the command again");
        }

        error?.WriteTo(context.Error);
        return ExitCodes.For(error);
    }
}
