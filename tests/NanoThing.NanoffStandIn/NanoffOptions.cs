namespace NanoThing.NanoffStandIn;

/// <summary>
/// nanoff 2.5.162's command line (nanoFirmwareFlasher.Tool/Options.cs @ baccab8, parsed by CommandLineParser 2.9):
/// every long option of Options.cs, flags without a value, the others with exactly one (lists: one or more).
/// </summary>
public sealed class NanoffOptions
{
    /// <summary>Options.cs boolean options (lines 16-463).</summary>
    private static readonly HashSet<string> Flags =
    [
        "listdfu", "dfu", "listjtag", "jtag", "installjtagdrivers", "nativedfu", "listnativedfu", "nativeswd",
        "listnativeswd", "nativestlink", "listnativestlink", "checkpsram", "nobackupconfig", "installxdsdrivers",
        "listjlink", "nanodevice", "update", "deploy", "preview", "masserase", "verify", "reset", "nofitcheck",
        "listtargets", "listports", "clearcache", "listdevices", "devicedetails", "identifyfirmware", "updatearchive",
        "fromarchive", "suppressnanoffversioncheck", "uf2deploy",
    ];

    /// <summary>Options.cs options that take a value (string, int, enum, list).</summary>
    private static readonly HashSet<string> Valued =
    [
        "dfuid", "jtagid", "hexfile", "binfile", "serialport", "baud", "flashmode", "flashfreq", "partitiontablesize",
        "jlinkid", "setvcpbr", "clrfile", "target", "platform", "verbosity", "backuppath", "backupfile", "fwversion",
        "image", "address", "filedeployment", "networkdeployment", "archivepath",
    ];

    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    public bool Flag(string name) => _flags.Contains(name);

    public string? Value(string name) => _values.TryGetValue(name, out string? value) ? value : null;

    /// <summary>Parses like CommandLineParser: an unknown option or an option without its value is an error
    /// (its message is returned: "Option 'x' is unknown." / "Option 'x' has no value.").</summary>
    public static NanoffOptions Parse(string[] args, out string? error)
    {
        var options = new NanoffOptions();
        error = null;
        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            string name = arg == "-v" ? "verbosity" : arg.StartsWith("--", StringComparison.Ordinal) ? arg[2..] : "";
            if (Flags.Contains(name))
            {
                options._flags.Add(name);
            }
            else if (Valued.Contains(name))
            {
                if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    error = $"Option '{name}' has no value.";
                    return options;
                }

                options._values[name] = args[++i];
            }
            else
            {
                error = arg.StartsWith('-') ? $"Option '{arg.TrimStart('-')}' is unknown." : $"Verb '{arg}' is not recognized.";
                return options;
            }
        }

        return options;
    }
}
