using nanoFramework.TestFramework;
using NanoThing.Adapters;
using NanoThing.Core.Config;

namespace NanoThing.HardwareTests
{
    /// <summary>
    /// The device config file that `nanothing flash` deploys is on I:\ and Core's parser accepts it (the same
    /// DeviceConfig.Load the app boots with). Never skipped: it is the prerequisite of the network tests.
    /// </summary>
    [TestClass]
    public class ConfigHardwareTests
    {
        [TestMethod]
        public void ConfigFileIsPresentAndValid()
        {
            byte[] file = HardwareBoard.Storage().Read(DeviceConfig.FileName);
            Assert.IsNotNull(file, "I:\\" + DeviceConfig.FileName + " is missing; create it with nanothing bundle and deploy it with nanothing flash --thing <name>");

            DeviceConfig config = HardwareBoard.ReadConfig();
            Assert.IsNotNull(config, "I:\\" + DeviceConfig.FileName + " is invalid: " + HardwareBoard.ConfigProblems());
            OutputHelper.WriteLine("config: thing " + config.ThingName + " at " + config.Endpoint + ":" + config.Port.ToString());
        }
    }
}
