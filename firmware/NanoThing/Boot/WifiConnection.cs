using System;
using System.Device.Wifi;
using System.Threading;
using nanoFramework.Networking;
using NanoThing.Core.Seams;

namespace NanoThing.Boot
{
    /// <summary>
    /// One attempt to bring the Wi-Fi station up with a valid clock, because TLS checks certificate dates and the ESP32
    /// clock starts near 1970 until SNTP (started by the firmware on every new IP address) answers. First it waits for
    /// the firmware's automatic connection with the credentials stored in the configuration block
    /// (WifiNetworkHelper.Reconnect; `nanoff --networkdeployment` stores them); only if that fails and the device config
    /// carries an SSID does it join explicitly (WifiNetworkHelper.ConnectDhcp, which also stores the credentials).
    /// Every wait is bounded by a CancellationTokenSource. The boot sequence repeats attempts with backoff
    /// (<see cref="NetworkWait"/>) instead of rebooting; later drops are handled by the firmware's automatic
    /// reconnection, MQTT-level reconnects by Core.
    /// </summary>
    public sealed class WifiConnection : INetworkAttempt
    {
        /// <summary>The bound on each wait (association, DHCP and the SNTP date).</summary>
        public const int AttemptTimeoutMilliseconds = 60000;

        private readonly ILog _log;
        private readonly string _ssid;
        private readonly string _password;

        /// <summary>
        /// Attempts with the stored credentials, then with <paramref name="ssid"/> / <paramref name="password"/> from the
        /// device config when given (<paramref name="ssid"/> may be null). The password is passed to the helper and never logged.
        /// </summary>
        public WifiConnection(ILog log, string ssid, string password)
        {
            _log = log;
            _ssid = ssid;
            _password = password;
        }

        /// <inheritdoc />
        public bool TryConnect()
        {
            _log.Write(LogLevel.Info, "wifi: waiting for the stored network (up to " + (AttemptTimeoutMilliseconds / 1000).ToString() + " s)");
            if (Attempt(null, null))
            {
                return Connected();
            }

            _log.Write(LogLevel.Warning, "wifi: stored network not reached: " + DescribeStatus(WifiNetworkHelper.Status));
            if (_ssid == null || _ssid.Length == 0)
            {
                _log.Write(LogLevel.Error, "wifi: no SSID in the device config either; check the access point, or store the Wi-Fi credentials with `nanothing flash` (nanoff --networkdeployment)");
                return false;
            }

            _log.Write(LogLevel.Info, "wifi: joining '" + _ssid + "' with the credentials from the device config");
            if (Attempt(_ssid, _password))
            {
                return Connected();
            }

            _log.Write(LogLevel.Error, "wifi: could not join '" + _ssid + "': " + DescribeStatus(WifiNetworkHelper.Status));
            return false;
        }

        /// <summary>A sentence for the helper's status (Enum.ToString prints only the number on nanoFramework).</summary>
        public static string DescribeStatus(NetworkHelperStatus status)
        {
            switch (status)
            {
                case NetworkHelperStatus.NetworkIsReady:
                    return "network ready";
                case NetworkHelperStatus.FailedNoNetworkInterface:
                    return "no Wi-Fi interface (wrong firmware target?)";
                case NetworkHelperStatus.TokenExpiredWaitingIPAddress:
                    return "no IP address in time (access point out of range, wrong credentials or no DHCP)";
                case NetworkHelperStatus.TokenExpiredWaitingDateTime:
                    return "connected but the clock was not set in time (SNTP servers unreachable)";
                case NetworkHelperStatus.ErrorConnetingToWiFiWhileScanning:
                    return "the access point refused the connection (check SSID and password)";
                case NetworkHelperStatus.ExceptionOccurred:
                    Exception ex = WifiNetworkHelper.HelperException;
                    return "exception in the network helper (" + (ex == null ? "no detail" : ex.GetType().FullName + ": " + ex.Message) + ")";
                default:
                    return "status " + ((int)status).ToString();
            }
        }

        private bool Connected()
        {
            _log.Write(LogLevel.Info, "wifi: connected, clock " + DateTime.UtcNow.ToString() + " UTC");
            return true;
        }

        private bool Attempt(string ssid, string password)
        {
            CancellationTokenSource timeout = new CancellationTokenSource(AttemptTimeoutMilliseconds);
            try
            {
                if (ssid == null)
                {
                    return WifiNetworkHelper.Reconnect(true, 0, timeout.Token);
                }

                return WifiNetworkHelper.ConnectDhcp(ssid, password, WifiReconnectionKind.Automatic, true, 0, timeout.Token);
            }
            catch (Exception ex)
            {
                _log.Write(LogLevel.Warning, "wifi: " + (ssid == null ? "waiting for the stored network" : "joining '" + ssid + "'") + " threw (" + Adapters.ExceptionText.Describe(ex) + ")");
                return false;
            }
            finally
            {
                timeout.Dispose();
            }
        }
    }
}
