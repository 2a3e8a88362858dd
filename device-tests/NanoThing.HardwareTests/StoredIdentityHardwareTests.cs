using System;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using nanoFramework.TestFramework;
using NanoThing.Core.Config;

namespace NanoThing.HardwareTests
{
    /// <summary>
    /// The device certificate + key stored in the configuration block exists and the endpoint accepts it. No
    /// managed API reads the configuration block, so the test shows it the only way the firmware allows: a TLS
    /// 1.2 handshake with SslStream.UseStoredDeviceCertificate and no certificates passed in. AWS IoT Core
    /// requires a client certificate on port 8883, so the handshake completes only when one is stored, is
    /// registered and active, and the stored CA bundle trusts the server. Skipped without config or Wi-Fi.
    /// </summary>
    [TestClass]
    public class StoredIdentityHardwareTests
    {
        [TestMethod]
        public void HandshakeWithTheStoredDeviceCertificateSucceeds()
        {
            DeviceConfig config = HardwareBoard.ConfigOrSkip();
            HardwareBoard.NetworkOrSkip();

            IPAddress address;
            try
            {
                address = Dns.GetHostEntry(config.Endpoint).AddressList[0];
            }
            catch (Exception ex)
            {
                Assert.SkipTest("cannot resolve " + config.Endpoint + " (" + ex.GetType().FullName + "); check the endpoint in the config and DNS");
                return;
            }

            Socket socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            SslStream tls = null;
            try
            {
                socket.Connect(new IPEndPoint(address, config.Port));
                tls = new SslStream(socket);
                tls.UseStoredDeviceCertificate = true;
                tls.AuthenticateAsClient(config.Endpoint, null, null, SslProtocols.Tls12);
            }
            catch (Exception ex)
            {
                Assert.IsTrue(false, "TLS handshake with " + config.Endpoint + ":" + config.Port.ToString() + " failed (" + Describe(ex) + "): no device certificate+key stored (nanothing flash) - or it is not registered and active (nanothing register) - or the stored CA bundle lacks the Amazon root CA");
            }
            finally
            {
                if (tls != null)
                {
                    tls.Close();
                }

                socket.Close();
            }
        }

        private static string Describe(Exception ex)
        {
            SocketException socketError = ex as SocketException;
            return socketError != null ? "socket error " + socketError.ErrorCode.ToString() : ex.GetType().FullName;
        }
    }
}
