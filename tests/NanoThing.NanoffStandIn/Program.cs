using NanoThing.NanoffStandIn;

// nanoFirmwareFlasher.Tool/Program.cs @ baccab8 (nanoff 2.5.162), the paths a NanoThing flash can take. Exceptions
// that nanoff does not catch are not caught here either: the .NET runtime prints "Unhandled exception. ..." on
// standard error and the process ends with SIGABRT (exit status 134), as nanoff's own process would.
SimulatedBoard board = SimulatedBoard.FromEnvironment();
board.RecordCall(args);

// Program.cs:67-100: no argument at all prints the usage and exits 0
if (args.Length == 0)
{
    NanoffConsole.NoOperationMessage();
    return 0;
}

// Program.cs:102-106,166-174: a parse error sets E9000 and CommandLineParser writes its help with "ERROR(S):" to
// standard error. _verbosityLevel is still Quiet (Program.cs:51; only a successful parse sets it, :182-216), so
// OutputError (:108-111) prints no "Error E9000" line; the exit status is 9000, which Linux truncates to 40.
NanoffOptions options = NanoffOptions.Parse(args, out string? parseError);
if (parseError is not null)
{
    Console.Error.WriteLine(NanoffConsole.Heading);
    Console.Error.WriteLine(NanoffConsole.Copyright);
    Console.Error.WriteLine();
    Console.Error.WriteLine("ERROR(S):");
    Console.Error.WriteLine("  " + parseError);
    Console.Error.WriteLine();
    Console.Error.Write(NanoffConsole.OptionsText);
    return NanoffConsole.ExitStatus("E9000");
}

// Program.cs:182-216: any other verbosity than normal is not simulated
if (options.Value("verbosity") is { } verbosity && verbosity is not ("n" or "normal"))
{
    throw new ArgumentException("the nanoff stand-in simulates verbosity normal only");
}

// Program.cs:220-234: banner; the version check queries GitHub unless --suppressnanoffversioncheck. The stand-in
// never goes online and prints what nanoff prints when it finds no newer version: nothing.
NanoffConsole.Banner();

string code = "OK";
string? extra = null;
bool operationPerformed = false;
string? serialPort = options.Value("serialport");

if (options.Flag("nanodevice"))
{
    // Program.cs:408-449
    if (options.Value("platform") is not null || options.Value("target") is not null)
    {
        code = "E9000";
        extra = "Incompatible options combined with --nanodevice.";
    }
    else if (string.IsNullOrEmpty(serialPort))
    {
        code = "E6001";
    }
    else if (options.Flag("deploy"))
    {
        (code, extra) = DeployApplication(board, options.Value("image"));
    }

    return End(code, extra);
}

if (options.Value("target") is { } target)
{
    // Program.cs:456-490: an ESP* target selects the ESP32 platform; Esp32Manager updates the firmware. The
    // output is abridged to the lines a NanoThing flash shows (Esp32Operations: chip details, version, progress).
    if (options.Flag("update"))
    {
        if (board.InjectedCode("update") is { } injected)
        {
            return End(injected, null);
        }

        Console.WriteLine($"Connected to:\nESP32-D0WD-V3 (revision 3)\nFeatures WiFi, BT, Dual Core, 240MHz\nFlash size 4MB\nPSRAM: available\n");
        Console.WriteLine($"Updating to {target} 1.12.4.31");
        Console.WriteLine("Erasing flash...OK");
        Console.WriteLine("Flashing firmware...OK");
    }

    operationPerformed = true;
}

// Program.cs:815-837: with nothing done yet and no --filedeployment, the full help text is printed as
// "No operation was performed" - and the deployments below still run.
string? files = options.Value("filedeployment");
if (!operationPerformed && string.IsNullOrEmpty(files))
{
    NanoffConsole.NoOperationMessage();
}
else if (code == "OK" && !string.IsNullOrEmpty(files))
{
    var deployment = new FileDeployment(files, serialPort, board);
    try
    {
        code = Injected(board, "files") ?? deployment.Deploy();
        operationPerformed = true;
    }
    catch (Exception ex)
    {
        code = "E2003";
        extra = ex.Message;
    }
}

// Program.cs:839-860: the same for --networkdeployment
string? network = options.Value("networkdeployment");
if (!operationPerformed && string.IsNullOrEmpty(network))
{
    NanoffConsole.NoOperationMessage();
}
else if (code == "OK" && !string.IsNullOrEmpty(network))
{
    var deployment = new NetworkDeployment(network, serialPort, board);
    try
    {
        code = Injected(board, "network") ?? deployment.Deploy();
    }
    catch (Exception ex)
    {
        code = "E2003";
        extra = ex.Message;
    }
}

return End(code, extra);

// Program.cs:108-116: the error line, then the exit status
static int End(string code, string? extra)
{
    if (code == "OK")
    {
        return 0;
    }

    NanoffConsole.Error(code, extra);
    return NanoffConsole.ExitStatus(code);
}

// An injected fault of a deployment. E2003 is what nanoff reports for any exception inside DeployAsync
// (Program.cs:830-835, :853-858), so it is injected as one (the serial link failing), with its message.
static string? Injected(SimulatedBoard board, string operation) =>
    board.InjectedCode(operation) is not { } code ? null
    : code == "E2003" ? throw new IOException("The port is closed.")
    : code;

// NanoDeviceOperations.DeployApplication (NanoDeviceOperations.cs:688-798); a missing image throws
// FileNotFoundException (:703-706), which Program.cs:441-445 reports as E2002 with its message.
static (string Code, string? Extra) DeployApplication(SimulatedBoard board, string? image)
{
    if (board.InjectedCode("deploy") is { } injected)
    {
        return (injected, null);
    }

    if (image is null || !File.Exists(image))
    {
        return ("E2002", "Couldn't find the deployment file at the specified path.");
    }

    Console.WriteLine("Getting details from nano device...OK");
    Console.Write("Deploying managed application...");
    Console.WriteLine("OK");
    Console.Write("Rebooting...");
    Console.WriteLine("OK");
    return ("OK", null);
}
