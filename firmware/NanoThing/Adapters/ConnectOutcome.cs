using System;
using System.Net.Sockets;
using NanoThing.Core.Seams;

namespace NanoThing.Adapters
{
    /// <summary>
    /// How <see cref="M2MqttSession"/> turns what M2Mqtt reports for a connect into the seam's
    /// <see cref="MqttConnectResult"/>. Pure functions of codes and times, kept apart from the MqttClient so that
    /// they are tested on the host (tests/NanoThing.App.Tests).
    /// </summary>
    public static class ConnectOutcome
    {
        /// <summary>M2Mqtt waits this long for CONNACK (MqttSettings.DefaultTimeout).</summary>
        public const int ConnackTimeoutMilliseconds = 30000;

        // A missing CONNACK that took at least this long is that wait running out, not a server closing the link.
        private const int ConnackTimeoutMarginMilliseconds = 2000;

        /// <summary>The seam's result for a CONNACK return code (MQTT 3.1.1 codes 0-5; anything else is OtherError).</summary>
        public static MqttConnectResult FromConnack(int code)
        {
            switch (code)
            {
                case 0:
                    return MqttConnectResult.Accepted;
                case 1:
                    return MqttConnectResult.RefusedProtocolVersion;
                case 2:
                    return MqttConnectResult.RefusedIdentifier;
                case 3:
                    return MqttConnectResult.RefusedServerUnavailable;
                case 4:
                    return MqttConnectResult.RefusedBadCredentials;
                case 5:
                    return MqttConnectResult.RefusedNotAuthorized;
                default:
                    return MqttConnectResult.OtherError;
            }
        }

        /// <summary>
        /// For the cause of M2Mqtt's MqttConnectionException (its channel connect: TCP, then the TLS handshake):
        /// NetworkError when the socket layer failed before TLS (refused, timed out, no route, name not found);
        /// TlsError for everything else, which at that point is the handshake (mbedTLS failures surface as a
        /// SocketException with a code outside the socket range, or as another exception).
        /// </summary>
        public static MqttConnectResult FromConnectionFailure(Exception cause)
        {
            SocketException socketError = cause as SocketException;
            if (socketError == null)
            {
                return MqttConnectResult.TlsError;
            }

            switch (socketError.ErrorCode)
            {
                case (int)SocketError.ConnectionRefused:
                case (int)SocketError.TimedOut:
                case (int)SocketError.HostUnreachable:
                case (int)SocketError.HostDown:
                case (int)SocketError.HostNotFound:
                case (int)SocketError.NetworkUnreachable:
                case (int)SocketError.NetworkDown:
                case (int)SocketError.TryAgain:
                case (int)SocketError.NoData:
                    return MqttConnectResult.NetworkError;
                default:
                    return MqttConnectResult.TlsError;
            }
        }

        /// <summary>
        /// For a connect that got no CONNACK (M2Mqtt's MqttCommunicationException) after
        /// <paramref name="elapsedMilliseconds"/>: Timeout when M2Mqtt's wait ran out; TlsError when the server closed
        /// the link sooner, right after the handshake (AWS IoT does this for an inactive or unknown certificate).
        /// </summary>
        public static MqttConnectResult FromMissingConnack(long elapsedMilliseconds)
        {
            return elapsedMilliseconds >= ConnackTimeoutMilliseconds - ConnackTimeoutMarginMilliseconds ? MqttConnectResult.Timeout : MqttConnectResult.TlsError;
        }
    }
}
