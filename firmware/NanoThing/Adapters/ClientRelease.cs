using System;
using NanoThing.Core.Seams;

namespace NanoThing.Adapters
{
    /// <summary>One MQTT client as <see cref="ClientRelease"/> sees it (on the board: an M2Mqtt MqttClient).</summary>
    public interface IReleasableClient
    {
        /// <summary>True while the client's link is up (M2Mqtt clears it as soon as a shutdown starts).</summary>
        bool IsConnected { get; }

        /// <summary>Sends DISCONNECT, which starts the client's own shutdown. May throw when the link is broken.</summary>
        void Disconnect();

        /// <summary>Blocks until the client's own shutdown has closed it (M2Mqtt: ConnectionClosed raised), at most
        /// <paramref name="milliseconds"/>. True when it has.</summary>
        bool WaitClosed(int milliseconds);

        /// <summary>Closes the client from the calling thread; returns when its socket and TLS session are closed,
        /// unless another thread is closing it at the same time. May throw.</summary>
        void Close();
    }

    /// <summary>
    /// How <see cref="M2MqttSession"/> lets go of a client so that the next one never starts a second TLS session
    /// beside it (issue 11, fact 7; M2Mqtt 5.1.220 MqttClient.cs): a client whose CONNECT was accepted runs M2Mqtt's
    /// dispatch thread, which drives the shutdown itself (Close, then ConnectionClosed, :1753-1759), and a Close from
    /// another thread meanwhile returns at once (its _isAlreadyClosing flag, :585-590, is not atomic), so such a client
    /// is only sent DISCONNECT (when still connected) and waited for, and closed from here only when the wait runs out.
    /// A client that never got an accepted CONNACK has no dispatch thread (:526-560) and is closed here directly.
    /// Every failure is logged; nothing is thrown. Blocks for at most the wait plus one Close.
    /// </summary>
    public static class ClientRelease
    {
        /// <summary>Releases <paramref name="client"/>; <paramref name="what"/> names it in log lines (e.g. the endpoint).</summary>
        public static void Run(IReleasableClient client, bool accepted, int closeTimeoutMilliseconds, ILog log, string what)
        {
            if (!accepted)
            {
                Close(client, log, "closing the unaccepted connection to " + what);
                return;
            }

            if (client.IsConnected)
            {
                try
                {
                    client.Disconnect();
                }
                catch (Exception ex)
                {
                    // The link is already broken: M2Mqtt's receive thread starts the same shutdown.
                    log.Write(LogLevel.Debug, "mqtt: DISCONNECT to " + what + " not sent (" + ExceptionText.Describe(ex) + ")");
                }
            }

            if (!client.WaitClosed(closeTimeoutMilliseconds))
            {
                log.Write(LogLevel.Warning, "mqtt: the previous connection to " + what + " did not close within " + (closeTimeoutMilliseconds / 1000).ToString() + " s; closing it before connecting again");
                Close(client, log, "closing the previous connection to " + what);
            }
        }

        private static void Close(IReleasableClient client, ILog log, string action)
        {
            try
            {
                client.Close();
            }
            catch (Exception ex)
            {
                log.Write(LogLevel.Warning, "mqtt: " + action + " failed (" + ExceptionText.Describe(ex) + ")");
            }
        }
    }
}
