using nanoFramework.TestFramework;
using NanoThing.Adapters;
using NanoThing.Boot;

namespace NanoThing.HardwareTests
{
    /// <summary>The device config file that `nanothing flash` deploys is on I:\ and is valid. Never skipped: it is the prerequisite of the others.</summary>
    [TestClass]
    public class ConfigHardwareTests
    {
        [TestMethod]
        public void ConfigFileIsPresentAndValid()
        {
            byte[] file = new FileStorage(FileStorage.InternalDrive).Read(BootConfig.BlobName);
            Assert.IsNotNull(file, "I:\\" + BootConfig.BlobName + " is missing; deploy it with nanothing flash --thing <name>");

            BootConfig config = HardwareBoard.ReadConfig();
            Assert.IsNotNull(config, "I:\\" + BootConfig.BlobName + " is not a valid device config; the debug output names the field; fix it with nanothing bundle and deploy it with nanothing flash");
            Assert.IsTrue(config.ThingName != null && config.ThingName.Length > 0, "the config has no thing name");
            Assert.IsTrue(config.Endpoint != null && config.Endpoint.Length > 0, "the config has no endpoint");
            OutputHelper.WriteLine("config: thing " + config.ThingName + " at " + config.Endpoint + ":" + config.Port.ToString());
        }
    }
}
