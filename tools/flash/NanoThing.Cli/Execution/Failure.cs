namespace NanoThing.Cli.Execution;

/// <summary>The kinds of expected failure a command can end with. Each maps to one exit code in <see cref="ExitCodes"/>.</summary>
public enum Failure
{
    /// <summary>An option value is invalid (thing name, number, file format).</summary>
    InputInvalid,
    /// <summary>A file that would be overwritten already exists and --force was not given.</summary>
    FileExists,
    /// <summary>A file, certificate or other input the command needs does not exist.</summary>
    NotFound,
    /// <summary>An external program (aws, nanoff) is not installed or not on PATH.</summary>
    ExternalToolMissing,
    /// <summary>An external program ran and reported a failure.</summary>
    ExternalToolFailed,
    /// <summary>A network endpoint could not be reached or refused the connection.</summary>
    ConnectFailed,
    /// <summary>A reachable service answered with a refusal (MQTT CONNACK, shadow rejected, AWS access denied).</summary>
    Rejected,
    /// <summary>Reading or writing a local file failed (permissions, disk full).</summary>
    FileSystem,
}
