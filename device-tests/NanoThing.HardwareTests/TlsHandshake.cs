using System;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using nanoFramework.TestFramework;
using NanoThing.Core.Config;

namespace NanoThing.HardwareTests
{
    /// <summary>
    /// A TLS 1.2 handshake with the configured endpoint, as the MQTT client does it (M2Mqtt's MqttNetworkChannel:
    /// SslStream over a socket, UseStoredDeviceCertificate when no client certificate is given). AWS IoT Core requires
    /// a client certificate on port 8883, so the handshake completes only with an identity it accepts.
    /// </summary>
    internal static class TlsHandshake
    {
        /// <summary>
        /// Null when the handshake succeeded, else what failed. <paramref name="client"/> / <paramref name="ca"/> null:
        /// what the configuration block holds. Skips the test when the endpoint does not resolve.
        /// </summary>
        public static string Run(DeviceConfig config, X509Certificate client, X509Certificate ca)
        {
            IPAddress address;
            try
            {
                address = Dns.GetHostEntry(config.Endpoint).AddressList[0];
            }
            catch (Exception ex)
            {
                Assert.SkipTest("cannot resolve " + config.Endpoint + " (" + ex.GetType().FullName + "); check the endpoint in the config and DNS");
                return null;
            }

            Socket socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            SslStream tls = null;
            try
            {
                socket.Connect(new IPEndPoint(address, config.Port));
                tls = new SslStream(socket);
                tls.UseStoredDeviceCertificate = client == null;
                tls.AuthenticateAsClient(config.Endpoint, client, ca, SslProtocols.Tls12);
                return null;
            }
            catch (Exception ex)
            {
                SocketException socketError = ex as SocketException;
                return "TLS handshake with " + config.Endpoint + ":" + config.Port.ToString() + " failed (" + (socketError != null ? "socket error " + socketError.ErrorCode.ToString() : ex.GetType().FullName) + ")";
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
    }
}
