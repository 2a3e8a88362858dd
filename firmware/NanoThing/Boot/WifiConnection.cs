using System;
using System.Device.Wifi;
using System.Threading;
using nanoFramework.Networking;
using NanoThing.Core.Seams;

namespace NanoThing.Boot
{
    /// <summary>
    /// Brings the Wi-Fi station up at boot and waits for a valid clock, because TLS checks certificate dates and
    /// the ESP32 clock starts near 1970 until SNTP (started by the firmware on every new IP address) answers.
    /// First it waits for the firmware's automatic connection with the credentials stored in the configuration
    /// block (WifiNetworkHelper.Reconnect; `nanoff --networkdeployment` stores them); only if that fails and the
    /// device config carries an SSID does it join explicitly (WifiNetworkHelper.ConnectDhcp, which also stores
    /// the credentials). Every wait is bounded by a CancellationTokenSource. Later drops are handled by the
    /// firmware's automatic reconnection; MQTT-level reconnects are Core's.
    /// </summary>
    public static class WifiConnection
    {
        /// <summary>The bound on each attempt (association, DHCP and the SNTP date).</summary>
        public const int AttemptTimeoutMilliseconds = 60000;

        /// <summary>
        /// True once the station has an IP address and the clock is past 2021. <paramref name="ssid"/> may be null
        /// (stored credentials only). <paramref name="password"/> is passed to the helper and never logged.
        /// </summary>
        public static bool Connect(ILog log, string ssid, string password)
        {
            log.Write(LogLevel.Info, "wifi: waiting for the stored network (up to " + (AttemptTimeoutMilliseconds / 1000).ToString() + " s)");
            if (Attempt(null, null))
            {
                return Connected(log);
            }

            log.Write(LogLevel.Warning, "wifi: stored network not reached: " + DescribeStatus(WifiNetworkHelper.Status));
            if (ssid == null || ssid.Length == 0)
            {
                log.Write(LogLevel.Error, "wifi: no SSID in the device config either; store the Wi-Fi credentials with `nanothing flash` (nanoff --networkdeployment)");
                return false;
            }

            log.Write(LogLevel.Info, "wifi: joining '" + ssid + "' with the credentials from the device config");
            if (Attempt(ssid, password))
            {
                return Connected(log);
            }

            log.Write(LogLevel.Error, "wifi: could not join '" + ssid + "': " + DescribeStatus(WifiNetworkHelper.Status));
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

        private static bool Connected(ILog log)
        {
            log.Write(LogLevel.Info, "wifi: connected, clock " + DateTime.UtcNow.ToString() + " UTC");
            return true;
        }

        private static bool Attempt(string ssid, string password)
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
            finally
            {
                timeout.Dispose();
            }
        }
    }
}
