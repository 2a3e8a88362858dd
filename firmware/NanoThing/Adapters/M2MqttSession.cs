using System;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Exceptions;
using nanoFramework.M2Mqtt.Messages;
using NanoThing.Core.Seams;

namespace NanoThing.Adapters
{
    /// <summary>
    /// <see cref="IMqttSession"/> over nanoFramework.M2Mqtt 5.1 (MQTT 3.1.1 over TLS 1.2).
    /// <para>
    /// Identity comes from flash: every connect builds <c>new MqttClient(endpoint, port, true, ca, client,
    /// MqttSslProtocols.TLSv1_2)</c> with the certificates <see cref="TlsIdentity"/> reads from I:\ for that client
    /// (null for either falls back to the configuration block). The MqttClient constructor resolves the endpoint
    /// (DNS), so <see cref="Connect"/> must only be called once the network is up, and a fresh client per connect also
    /// re-resolves after a network change.
    /// </para>
    /// <para>
    /// Never two TLS sessions at once: before the next client is built, the previous one is closed for real
    /// (<see cref="ClientRelease"/>: DISCONNECT and a bounded wait for M2Mqtt's own shutdown of an accepted client,
    /// a direct Close of one that never was). Each mbedTLS session needs 35-40 KB of native memory.
    /// </para>
    /// <para>
    /// Contract as the seam states it, in M2Mqtt terms: <see cref="Connect"/> returns the CONNACK code mapped to
    /// <see cref="MqttConnectResult"/>; DNS and TCP failures are <see cref="MqttConnectResult.NetworkError"/>,
    /// a failed handshake or a server that closes the connection before CONNACK is
    /// <see cref="MqttConnectResult.TlsError"/>, no CONNACK within M2Mqtt's 30 s is
    /// <see cref="MqttConnectResult.Timeout"/>. Nothing is thrown for network or broker failures. The connect is
    /// bounded by DNS + TCP + TLS (native timeouts) + 30 s. There is no automatic reconnect: when the broker or
    /// the network drops the link, <see cref="IMqttListener.OnConnectionLost"/> is raised once and Core decides
    /// when to connect again. <see cref="Disconnect"/> never raises it.
    /// </para>
    /// <para>
    /// Callbacks arrive on M2Mqtt's event-dispatch thread. Connect, Subscribe, Publish and Disconnect are meant
    /// for one caller thread (Core's supervisor) and are serialised by a lock.
    /// </para>
    /// </summary>
    public sealed class M2MqttSession : IMqttSession, IMqttDelivery
    {
        /// <summary>How long <see cref="Subscribe"/> waits for SUBACK.</summary>
        public const int SubscribeTimeoutMilliseconds = 10000;

        /// <summary>
        /// Upper bound on messages waiting in M2Mqtt's inflight queue (its default is int.MaxValue, which on a
        /// ~90 KB heap turns a stalled link into an out-of-memory). A full queue makes <see cref="Publish"/> return false.
        /// </summary>
        public const int InflightQueueLimit = 8;

        /// <summary>
        /// How long a release waits for M2Mqtt's dispatch thread to finish closing the previous client (its Close sleeps
        /// 200 ms and joins two worker threads for up to 1 s each before closing the socket).
        /// </summary>
        public const int CloseTimeoutMilliseconds = 10000;

        private readonly string _endpoint;
        private readonly int _port;
        private readonly TlsIdentity _identity;
        private readonly ILog _log;
        private readonly object _sync = new object();
        private readonly AutoResetEvent _subscribeAnswered = new AutoResetEvent(false);

        private MqttClient _client;
        private ClientShutdown _shutdown;
        private IMqttListener _listener;

        // The last PUBACKs of this connection (M2Mqtt's MqttMsgPublished with IsPublished, on its dispatch thread), for
        // IsAcknowledged: a ring a few times the inflight queue, so an acknowledgement outlives the next few publishes.
        private readonly int[] _acked = new int[4 * InflightQueueLimit];
        private int _ackedNext;

        // The SUBACK last seen; written on the dispatch thread, read by Subscribe after _subscribeAnswered.
        private int _subackMessageId = -1;
        private MqttQoSLevel[] _subackGranted;

        /// <summary>
        /// A session to <paramref name="endpoint"/>:<paramref name="port"/> (AWS IoT: the account's ATS data
        /// endpoint, port 8883) with the certificates of <paramref name="identity"/>. Creates no connection and does no DNS lookup.
        /// </summary>
        public M2MqttSession(string endpoint, int port, TlsIdentity identity, ILog log)
        {
            _endpoint = endpoint;
            _port = port;
            _identity = identity;
            _log = log;
        }

        /// <inheritdoc />
        public bool IsConnected
        {
            get
            {
                MqttClient client = _client;
                return client != null && client.IsConnected;
            }
        }

        /// <inheritdoc />
        public void SetListener(IMqttListener listener)
        {
            _listener = listener;
        }

        /// <inheritdoc />
        public MqttConnectResult Connect(string clientId, int keepAliveSeconds)
        {
            lock (_sync)
            {
                ReleaseClient();
                MqttSettings.Instance.InflightQueueSize = InflightQueueLimit;

                MqttClient client;
                X509Certificate ca;
                X509Certificate2 certificate;
                _identity.Create(out ca, out certificate);
                try
                {
                    client = new MqttClient(_endpoint, _port, true, ca, certificate, MqttSslProtocols.TLSv1_2);
                }
                catch (Exception ex)
                {
                    _log.Write(LogLevel.Warning, "mqtt: cannot resolve " + _endpoint + " (" + Describe(ex) + "); check the endpoint in the config and the Wi-Fi/DNS");
                    return MqttConnectResult.NetworkError;
                }
                finally
                {
                    // From here the client holds the certificates (and the key): keep no reference of our own.
                    ca = null;
                    certificate = null;
                }

                client.ProtocolVersion = MqttProtocolVersion.Version_3_1_1;
                ClientShutdown shutdown = new ClientShutdown(client);
                client.ConnectionClosed += shutdown.OnConnectionClosed;
                client.MqttMsgPublishReceived += OnPublishReceived;
                client.MqttMsgSubscribed += OnSubscribed;
                client.MqttMsgPublished += OnPublished;
                client.ConnectionClosed += OnConnectionClosed;
                ForgetAcks();
                _client = client;
                _shutdown = shutdown;

                long started = Environment.TickCount64;
                MqttConnectResult result;
                try
                {
                    MqttReasonCode code = client.Connect(clientId, null, null, false, MqttQoSLevel.AtMostOnce, false, null, null, true, ToKeepAlive(keepAliveSeconds));
                    result = ConnectOutcome.FromConnack((int)code);
                    shutdown.Accepted = result == MqttConnectResult.Accepted;
                    if (result != MqttConnectResult.Accepted)
                    {
                        _log.Write(LogLevel.Warning, "mqtt: " + _endpoint + " refused CONNECT with code " + ((int)code).ToString());
                    }
                }
                catch (MqttConnectionException ex)
                {
                    result = ConnectOutcome.FromConnectionFailure(ex.InnerException);
                    _log.Write(LogLevel.Warning, "mqtt: connecting to " + _endpoint + ":" + _port.ToString() + " failed (" + Describe(ex.InnerException != null ? ex.InnerException : ex) + ")");
                }
                catch (MqttCommunicationException ex)
                {
                    // No CONNACK: either the 30 s wait ran out, or the server closed the link after the handshake
                    // (AWS IoT does this for an inactive or unknown certificate and for a policy refusing iot:Connect).
                    long elapsed = Environment.TickCount64 - started;
                    result = ConnectOutcome.FromMissingConnack(elapsed);
                    _log.Write(LogLevel.Warning, "mqtt: no CONNACK from " + _endpoint + " after " + elapsed.ToString() + " ms (" + Describe(ex) + "); if it closed the connection: is the certificate registered and active, and does the policy allow client id '" + clientId + "'? (nanothing check)");
                }
                catch (Exception ex)
                {
                    result = MqttConnectResult.OtherError;
                    _log.Write(LogLevel.Error, "mqtt: connect to " + _endpoint + " failed unexpectedly (" + Describe(ex) + ")");
                }

                if (result != MqttConnectResult.Accepted)
                {
                    ReleaseClient();
                }

                return result;
            }
        }

        /// <inheritdoc />
        public bool Subscribe(string[] topics, int qos)
        {
            if (topics == null || topics.Length == 0 || (qos != 0 && qos != 1))
            {
                return false;
            }

            lock (_sync)
            {
                MqttClient client = _client;
                if (client == null || !client.IsConnected)
                {
                    return false;
                }

                MqttQoSLevel[] levels = new MqttQoSLevel[topics.Length];
                for (int i = 0; i < levels.Length; i++)
                {
                    levels[i] = ToQos(qos);
                }

                int messageId;
                try
                {
                    _subackMessageId = -1;
                    _subscribeAnswered.Reset();
                    messageId = client.Subscribe(topics, levels);
                }
                catch (Exception ex)
                {
                    _log.Write(LogLevel.Warning, "mqtt: subscribe failed (" + Describe(ex) + ")");
                    return false;
                }

                long deadline = Environment.TickCount64 + SubscribeTimeoutMilliseconds;
                while (_subackMessageId != messageId)
                {
                    long remaining = deadline - Environment.TickCount64;
                    if (remaining <= 0 || !client.IsConnected)
                    {
                        _log.Write(LogLevel.Warning, "mqtt: no SUBACK for message " + messageId.ToString() + " within " + SubscribeTimeoutMilliseconds.ToString() + " ms");
                        return false;
                    }

                    _subscribeAnswered.WaitOne((int)remaining, false);
                }

                return AllGranted(_subackGranted, topics.Length);
            }
        }

        /// <inheritdoc />
        public bool Publish(string topic, byte[] payload, int offset, int length, int qos)
        {
            return Send(topic, payload, offset, length, qos) > 0;
        }

        /// <inheritdoc />
        public int PublishQos1(string topic, byte[] payload, int offset, int length)
        {
            return Send(topic, payload, offset, length, 1);
        }

        /// <inheritdoc />
        public bool IsAcknowledged(int messageId)
        {
            lock (_acked)
            {
                for (int i = 0; i < _acked.Length; i++)
                {
                    if (_acked[i] == messageId)
                    {
                        return messageId > 0;
                    }
                }
            }

            return false;
        }

        /// <summary>Hands the message to M2Mqtt; its message id (1..65535), or 0 when it could not.</summary>
        private int Send(string topic, byte[] payload, int offset, int length, int qos)
        {
            if (topic == null || payload == null || offset < 0 || length < 0 || offset > payload.Length - length || (qos != 0 && qos != 1))
            {
                return 0;
            }

            lock (_sync)
            {
                MqttClient client = _client;
                if (client == null || !client.IsConnected)
                {
                    return 0;
                }

                // Always a copy: M2Mqtt queues the array and serialises it later on its own thread, while the
                // caller may reuse its buffer as soon as this returns.
                byte[] message = new byte[length];
                Array.Copy(payload, offset, message, 0, length);
                try
                {
                    int id = client.Publish(topic, message, null, null, ToQos(qos), false);
                    return id < 1 ? 1 : id;
                }
                catch (Exception ex)
                {
                    _log.Write(LogLevel.Warning, "mqtt: publish of " + length.ToString() + " bytes failed (" + Describe(ex) + ")");
                    return 0;
                }
            }
        }

        private void OnPublished(object sender, MqttMsgPublishedEventArgs e)
        {
            if (!e.IsPublished)
            {
                return;
            }

            lock (_acked)
            {
                _acked[_ackedNext] = e.MessageId;
                _ackedNext = (_ackedNext + 1) % _acked.Length;
            }
        }

        private void ForgetAcks()
        {
            lock (_acked)
            {
                for (int i = 0; i < _acked.Length; i++)
                {
                    _acked[i] = 0;
                }
            }
        }

        /// <inheritdoc />
        public void Disconnect()
        {
            lock (_sync)
            {
                ReleaseClient();
            }
        }

        private static bool AllGranted(MqttQoSLevel[] granted, int expected)
        {
            if (granted == null || granted.Length != expected)
            {
                return false;
            }

            for (int i = 0; i < granted.Length; i++)
            {
                if (granted[i] == MqttQoSLevel.GrantedFailure)
                {
                    return false;
                }
            }

            return true;
        }

        private static MqttQoSLevel ToQos(int qos)
        {
            return qos == 1 ? MqttQoSLevel.AtLeastOnce : MqttQoSLevel.AtMostOnce;
        }

        private static ushort ToKeepAlive(int seconds)
        {
            if (seconds < 0)
            {
                return 0;
            }

            return seconds > ushort.MaxValue ? ushort.MaxValue : (ushort)seconds;
        }

        private static string Describe(Exception ex)
        {
            return ExceptionText.Describe(ex);
        }

        // Detaches the current client and closes it for real before returning (ClientRelease): its ConnectionClosed
        // then only signals the shutdown and never reaches the listener. A DISCONNECT is sent to an accepted client
        // on a reconnect too: it is the one safe way to start M2Mqtt's own shutdown. Caller holds _sync.
        private void ReleaseClient()
        {
            MqttClient client = _client;
            ClientShutdown shutdown = _shutdown;
            if (client == null)
            {
                return;
            }

            _client = null;
            _shutdown = null;
            client.MqttMsgPublishReceived -= OnPublishReceived;
            client.MqttMsgSubscribed -= OnSubscribed;
            client.MqttMsgPublished -= OnPublished;
            client.ConnectionClosed -= OnConnectionClosed;
            ForgetAcks();
            _subscribeAnswered.Set();
            ClientRelease.Run(shutdown, shutdown.Accepted, CloseTimeoutMilliseconds, _log, _endpoint);
        }

        // One client as ClientRelease sees it: whether its CONNECT was accepted (then M2Mqtt's dispatch thread owns the
        // shutdown) and the event M2Mqtt's ConnectionClosed sets once that thread has closed it.
        private sealed class ClientShutdown : IReleasableClient
        {
            private readonly MqttClient _client;
            private readonly ManualResetEvent _closed = new ManualResetEvent(false);

            public ClientShutdown(MqttClient client)
            {
                _client = client;
            }

            public bool Accepted { get; set; }

            public bool IsConnected
            {
                get { return _client.IsConnected; }
            }

            public void OnConnectionClosed(object sender, EventArgs e)
            {
                _closed.Set();
            }

            public void Disconnect()
            {
                _client.Disconnect();
            }

            public bool WaitClosed(int milliseconds)
            {
                return _closed.WaitOne(milliseconds, false);
            }

            public void Close()
            {
                _client.Close();
            }
        }

        private void OnPublishReceived(object sender, MqttMsgPublishEventArgs e)
        {
            IMqttListener listener = _listener;
            if (sender != _client || listener == null || e.Message == null)
            {
                return;
            }

            try
            {
                listener.OnMessage(e.Topic, e.Message, 0, e.Message.Length);
            }
            catch (Exception ex)
            {
                // An exception here would make M2Mqtt close the connection; the listener contract forbids it.
                _log.Write(LogLevel.Error, "mqtt: message listener threw (" + Describe(ex) + ")");
            }
        }

        private void OnSubscribed(object sender, MqttMsgSubscribedEventArgs e)
        {
            if (sender != _client)
            {
                return;
            }

            _subackGranted = e.GrantedQoSLevels;
            _subackMessageId = e.MessageId;
            _subscribeAnswered.Set();
        }

        private void OnConnectionClosed(object sender, EventArgs e)
        {
            IMqttListener listener = _listener;
            if (sender != _client)
            {
                return;
            }

            _log.Write(LogLevel.Warning, "mqtt: connection to " + _endpoint + " lost");
            _subscribeAnswered.Set();
            if (listener == null)
            {
                return;
            }

            try
            {
                listener.OnConnectionLost();
            }
            catch (Exception ex)
            {
                _log.Write(LogLevel.Error, "mqtt: connection-lost listener threw (" + Describe(ex) + ")");
            }
        }
    }
}
