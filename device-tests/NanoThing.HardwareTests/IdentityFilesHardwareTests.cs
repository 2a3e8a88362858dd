using System;
using System.Security.Cryptography.X509Certificates;
using nanoFramework.TestFramework;
using NanoThing.Adapters;
using NanoThing.Core.Config;

namespace NanoThing.HardwareTests
{
    /// <summary>
    /// The identity `nanothing flash` puts on I:\ (nanoff --filedeployment): I:\device-identity.pem and
    /// I:\root-ca-bundle.pem are there in the form mbedTLS reads, parse natively as the app builds them (TlsIdentity:
    /// the same bytes as certificate and key), belong to the configured thing and are in date, and a TLS 1.2 handshake
    /// with the endpoint succeeds presenting them. Skipped without the files (a board provisioned through the
    /// configuration block: StoredIdentityHardwareTests), without config or Wi-Fi.
    /// </summary>
    [TestClass]
    public class IdentityFilesHardwareTests
    {
        private const string Deploy = "deploy it with nanothing flash --thing <name> --port <port> --skip-firmware --skip-app --skip-wifi";

        [TestMethod]
        public void IdentityFilesParseAndTheHandshakeWithThemSucceeds()
        {
            DeviceConfig config = HardwareBoard.ConfigOrSkip();
            IdentityFiles files = HardwareBoard.Identity();

            IdentityFileStatus identityStatus;
            byte[] identity = files.ReadDeviceIdentity(out identityStatus);
            if (identityStatus == IdentityFileStatus.Missing)
            {
                Assert.SkipTest(IdentityFiles.Describe(identityStatus, files.DeviceIdentityPath) + "; " + Deploy);
            }

            Assert.IsTrue(identityStatus == IdentityFileStatus.Ok, HardwareBoard.Sentence(IdentityFiles.Describe(identityStatus, files.DeviceIdentityPath)) + "; " + Deploy);
            IdentityFileStatus rootsStatus;
            int certificates;
            byte[] roots = files.ReadRootCaBundle(out rootsStatus, out certificates);
            Assert.IsTrue(rootsStatus == IdentityFileStatus.Ok, HardwareBoard.Sentence(IdentityFiles.Describe(rootsStatus, files.RootCaBundlePath)) + "; " + Deploy);
            Assert.IsTrue(certificates > 0, files.RootCaBundlePath + " holds no certificate");

            X509Certificate2 client = new X509Certificate2(identity, identity, null);
            X509Certificate ca = new X509Certificate(roots);
            identity = null;
            Assert.IsTrue(client.HasPrivateKey, files.DeviceIdentityPath + " gave a certificate without its key");
            Assert.IsTrue(client.Subject.IndexOf("CN=" + config.ThingName) >= 0, "the certificate in " + files.DeviceIdentityPath + " is for " + HardwareBoard.Sentence(client.Subject) + " and not thing " + config.ThingName + "; run nanothing bundle for the right thing");

            HardwareBoard.NetworkOrSkip();
            Assert.IsTrue(DateTime.UtcNow < client.NotAfter, "the certificate in " + files.DeviceIdentityPath + " expired on " + client.NotAfter.ToString() + "; create and register a new one");

            string failure = TlsHandshake.Run(config, client, ca);
            Assert.IsNull(failure, failure + ": is the certificate registered and active (nanothing register) and is the endpoint's CA in " + files.RootCaBundlePath + "?");
            OutputHelper.WriteLine("identity files: " + client.Subject + "; " + certificates.ToString() + " root CA(s); handshake with " + config.Endpoint + " succeeded");
        }
    }
}
