namespace NanoThing.DeviceTests.Host
{
    /// <summary>Entry point of the host run of one device-test assembly (compiled into each, see DeviceTests.Host.props).</summary>
    public static class HostProgram
    {
        public static int Main(string[] args)
        {
            string filter = args.Length > 0 ? args[0] : null;
            return nanoFramework.TestFramework.TestRunner.Run(typeof(HostProgram).Assembly, filter, "device-tests");
        }
    }
}
