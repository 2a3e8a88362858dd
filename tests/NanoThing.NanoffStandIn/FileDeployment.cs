namespace NanoThing.NanoffStandIn;

/// <summary>nanoFirmwareFlasher.Library FileDeployment/FileDeploymentManager.cs @ baccab8.</summary>
public sealed class FileDeployment(string configPath, string? serialPort, SimulatedBoard board)
{
    // FileDeploymentManager.cs:33-34: read in the constructor (Program.cs:824 builds it outside its try)
    private readonly FileDeploymentConfiguration _configuration = DeploymentJson.Read<FileDeploymentConfiguration>(configPath);

    public string Deploy()
    {
        string? port = string.IsNullOrEmpty(_configuration.SerialPort) ? serialPort : _configuration.SerialPort;
        if (!DeviceConnection.Connect(board, port))
        {
            return "E2000";
        }

        foreach (DeploymentFile file in _configuration.Files)
        {
            // FileDeploymentManager.cs:57-105: each file in its own try; a failure prints a line and the loop goes on
            try
            {
                Console.Write($"Deploying file {file.SourceFilePath} to {file.DestinationFilePath}...");
                // :80 File.ReadAllBytes(SourceFilePath), relative to nanoff's working directory
                if (!board.AddStorageFile(file.DestinationFilePath!, File.ReadAllBytes(file.SourceFilePath!)))
                {
                    // :81-87 the device refused the file
                    Console.WriteLine();
                    Console.WriteLine($"Error deploying content file {file.SourceFilePath} to {file.DestinationFilePath}");
                }
                else
                {
                    Console.WriteLine("OK");
                }
            }
            catch
            {
                // :96-105 swallowed; printed at verbosity normal and above
                Console.WriteLine();
                Console.WriteLine($"Exception deploying content file {file.SourceFilePath} to {file.DestinationFilePath}");
            }
        }

        // :113 whatever happened to the files
        return "OK";
    }
}
