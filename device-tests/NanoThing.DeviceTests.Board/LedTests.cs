using NanoThing.Core.Io;
using NanoThing.DeviceTests.Support;
using nanoFramework.TestFramework;

namespace NanoThing.DeviceTests.Board
{
    [TestClass]
    public class LedTests
    {
        [TestMethod]
        public void ActiveHighLed_StartsOff_AndFollowsSet()
        {
            FakeDigitalOutput pin = new FakeDigitalOutput();
            pin.Level = true;
            Led led = new Led(pin, true);
            Assert.IsFalse(pin.Level, "driven off at construction");
            Assert.IsFalse(led.IsOn);
            led.Set(true);
            Assert.IsTrue(pin.Level);
            Assert.IsTrue(led.IsOn);
            led.Set(false);
            Assert.IsFalse(pin.Level);
            Assert.IsFalse(led.IsOn);
        }

        [TestMethod]
        public void ActiveLowLed_InvertsThePin()
        {
            FakeDigitalOutput pin = new FakeDigitalOutput();
            Led led = new Led(pin, false);
            Assert.IsTrue(pin.Level, "off is high for an active-low LED");
            led.Set(true);
            Assert.IsFalse(pin.Level);
            Assert.AreEqual(2, pin.Writes);
        }
    }
}
