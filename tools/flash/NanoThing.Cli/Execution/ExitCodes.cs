namespace NanoThing.Cli.Execution;

/// <summary>The process exit codes of <c>nanothing</c>: one table, used by every command and tested as a table.</summary>
public static class ExitCodes
{
    /// <summary>The command did what it was asked.</summary>
    public const int Ok = 0;
    /// <summary>A bug: an unexpected exception escaped a command.</summary>
    public const int InternalError = 1;
    /// <summary>The command line could not be parsed (unknown command or option, missing value).</summary>
    public const int Usage = 2;
    public const int InputInvalid = 3;
    public const int FileExists = 4;
    public const int NotFound = 5;
    public const int ExternalToolMissing = 6;
    public const int ExternalToolFailed = 7;
    public const int ConnectFailed = 8;
    public const int Rejected = 9;
    public const int FileSystem = 10;

    /// <summary>The exit code for a command's outcome: <see cref="Ok"/> for null, else the code of the failure's kind.</summary>
    public static int For(CliError? error) => error is null ? Ok : For(error.Kind);

    /// <summary>The exit code of one kind of failure.</summary>
    public static int For(Failure kind) => kind switch
    {
        Failure.InputInvalid => InputInvalid,
        Failure.FileExists => FileExists,
        Failure.NotFound => NotFound,
        Failure.ExternalToolMissing => ExternalToolMissing,
        Failure.ExternalToolFailed => ExternalToolFailed,
        Failure.ConnectFailed => ConnectFailed,
        Failure.Rejected => Rejected,
        Failure.FileSystem => FileSystem,
        _ => InternalError,
    };
}
