namespace NanoThing.NanoffStandIn;

/// <summary>nanoFirmwareFlasher.Library DeploymentHelpers/DeviceHelper.cs ConnectDevice, as both deployments use it.</summary>
public static class DeviceConnection
{
    /// <summary>True when the board answers; otherwise prints DeviceHelper.cs:48's line and the caller returns E2000
    /// (a null or empty port throws in PortBase.AddDevice and lands in the same catch, DeviceHelper.cs:39-51).</summary>
    public static bool Connect(SimulatedBoard board, string? serialPort)
    {
        if (string.IsNullOrEmpty(serialPort) || board.Has("device=absent"))
        {
            Console.WriteLine($"Error connecting to nanoDevice on {serialPort} for deployment.");
            return false;
        }

        // DeviceHelper.cs:67-70 at verbosity normal
        Console.WriteLine("Device connected and ready for deployment.");
        return true;
    }
}
