using nanoFramework.TestFramework;
using NanoThing.Adapters;
using NanoThing.Core.Config;

namespace NanoThing.HardwareTests
{
    /// <summary>
    /// The app's fallback: without I:\device-identity.pem it presents the device certificate + key stored in the
    /// configuration block (put there, e.g., by Visual Studio's Device Explorer; nanoff 2.5.162's network deployment
    /// cannot store certificates on an ESP32). No managed API reads the configuration block, so the test shows it the
    /// only way the firmware allows: a TLS 1.2 handshake with SslStream.UseStoredDeviceCertificate and no certificates
    /// passed in. Skipped when the identity files are on I:\ (IdentityFilesHardwareTests covers that board), without
    /// config or Wi-Fi.
    /// </summary>
    [TestClass]
    public class StoredIdentityHardwareTests
    {
        [TestMethod]
        public void HandshakeWithTheStoredDeviceCertificateSucceeds()
        {
            DeviceConfig config = HardwareBoard.ConfigOrSkip();
            IdentityFiles files = HardwareBoard.Identity();
            IdentityFileStatus status;
            if (files.ReadDeviceIdentity(out status) != null)
            {
                Assert.SkipTest("the app uses " + files.DeviceIdentityPath + " on this board; the configuration-block fallback is not in use");
            }

            HardwareBoard.NetworkOrSkip();
            string failure = TlsHandshake.Run(config, null, null);
            Assert.IsNull(failure, failure + ": no identity on I:\\ (deploy it with nanothing flash) and none usable in the configuration block");
        }
    }
}
