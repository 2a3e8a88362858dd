using System.CommandLine;

namespace NanoThing.Cli.Execution;

/// <summary>Options that several commands share. Each call returns a new instance (an option belongs to one command).</summary>
public static class CommonOptions
{
    /// <summary><c>--thing &lt;name&gt;</c> (required): the AWS IoT thing name, also the certificate CN and MQTT client id.</summary>
    public static Option<string> Thing() => new("--thing")
    {
        Description = "The thing name (AWS IoT rules: 1-128 characters of a-z A-Z 0-9 : _ -).",
        Required = true,
    };

    /// <summary><c>--dir &lt;folder&gt;</c>: where the thing's files are, instead of things/&lt;thing&gt;/.</summary>
    public static Option<string?> Dir() => new("--dir")
    {
        Description = "Folder of the thing's files (default: things/<thing>/ in the current directory).",
    };

    /// <summary><c>--force</c>: allow replacing existing files.</summary>
    public static Option<bool> Force(string what) => new("--force")
    {
        Description = "Replace " + what + " if it already exists.",
    };
}
