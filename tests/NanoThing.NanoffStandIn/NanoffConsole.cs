namespace NanoThing.NanoffStandIn;

/// <summary>What nanoff 2.5.162 prints around every operation (nanoFirmwareFlasher.Tool/Program.cs @ baccab8).</summary>
public static class NanoffConsole
{
    public const string Version = "2.5.162+baccab8d27";

    /// <summary>Program.cs:44,46: the heading and copyright lines of every run and of every help text.</summary>
    public const string Heading = ".NET nanoFramework Firmware Flasher v" + Version;
    public const string Copyright = "Copyright (C) 2019 .NET Foundation and nanoFramework project contributors";

    /// <summary>Program.cs:222-224: heading, copyright, blank line, once the options have parsed.</summary>
    public static void Banner()
    {
        Console.WriteLine(Heading);
        Console.WriteLine(Copyright);
        Console.WriteLine();
    }

    /// <summary>
    /// Program.cs:865-883 DisplayNoOperationMessage: the whole help text (CommandLineParser HelpText with the usage
    /// examples of Options.cs:468-485 and every option, ending with the automatic --help and --version) on standard
    /// output. Abridged here to a few examples and options; the layout (heading, message, USAGE, options, --version
    /// last) is CommandLineParser's.
    /// </summary>
    public static void NoOperationMessage()
    {
        Console.WriteLine(Heading);
        Console.WriteLine(Copyright);
        Console.WriteLine();
        Console.WriteLine("No operation was performed with the options supplied.");
        Console.WriteLine();
        Console.WriteLine("USAGE:");
        Console.WriteLine("- Update ESP32 WROVER Kit device with latest available firmware:");
        Console.WriteLine("  nanoff --target ESP_WROVER_KIT --update");
        Console.WriteLine("- List all available COM ports:");
        Console.WriteLine("  nanoff --listports");
        Console.WriteLine();
        Console.WriteLine(OptionsText);
    }

    /// <summary>The option list of CommandLineParser's help (Options.cs HelpText values), abridged.</summary>
    public const string OptionsText =
        "  --serialport                    Serial port where device is connected to.\n" +
        "  --target                        Target name. This is the target name used in the GitHub and Cloudsmith repositories.\n" +
        "  --update                        Update the device firmware using the other specified options.\n" +
        "  --deploy                        Flash a deployment image specified with --image.\n" +
        "  --image                         Path to deployment image file.\n" +
        "  --nanodevice                    Operations on a connected nano device.\n" +
        "  --filedeployment                JSON file containing file deployment settings.\n" +
        "  --networkdeployment             JSON file containing network deployment settings.\n" +
        "  --suppressnanoffversioncheck    Do not check whether a new version of nanoff is available.\n" +
        "  -v, --verbosity                 (Default: n) Sets the verbosity level of the command.\n" +
        "  --help                          Display this help screen.\n" +
        "  --version                       Display version information.\n";

    /// <summary>
    /// Program.cs:898-934 OutputError: "Error E2003: display name (extra message)" when the code is not OK. The
    /// writer does not start a new line first, so after a "Doing something..." progress line the error follows the
    /// dots on the same line. Display names from nanoFirmwareFlasher.Library/ExitCodes.cs.
    /// </summary>
    public static void Error(string code, string? extraMessage)
    {
        Console.Write($"Error {code}");
        if (DisplayNames.TryGetValue(code, out string? name))
        {
            Console.Write($": {name}");
        }

        Console.WriteLine(string.IsNullOrEmpty(extraMessage) ? "" : $" ({extraMessage})");
    }

    /// <summary>ExitCodes.cs [Display(Name = ...)] of the codes the stand-in can end with.</summary>
    public static readonly IReadOnlyDictionary<string, string> DisplayNames = new Dictionary<string, string>
    {
        ["E2000"] = "Error connecting to nano device.",
        ["E2001"] = "Error occurred with listing nano devices.",
        ["E2002"] = "Error executing operation with nano device.",
        ["E2003"] = "Error executing file deployment on nano device.",
        ["E4005"] = "Failed to open specified COM port.",
        ["E6001"] = "Need to specify a COM port.",
        ["E9000"] = "Invalid or missing arguments.",
        ["E9007"] = "Error downloading firmware file.",
    };

    /// <summary>The process exit status: the ExitCodes value (Program.cs:116); Linux keeps its low 8 bits.</summary>
    public static int ExitStatus(string code) => int.Parse(code[1..]);
}
