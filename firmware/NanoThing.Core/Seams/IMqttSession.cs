namespace NanoThing.Core.Seams
{
    /// <summary>
    /// One MQTT 3.1.1 connection to the broker (AWS IoT Core or the local stand-in), as Core needs it.
    /// Device: nanoFramework.M2Mqtt. PC: the tools' MQTT client over TLS.
    /// The session never reconnects by itself: Core's connection supervisor decides when to call
    /// <see cref="Connect"/> again. Every call is bounded in time by the implementation.
    /// </summary>
    public interface IMqttSession
    {
        /// <summary>
        /// Opens the network connection (DNS, TCP, TLS) and performs CONNECT/CONNACK as one step, with a clean
        /// session. Blocks until CONNACK or the implementation's connect timeout. Returns
        /// <see cref="MqttConnectResult.Accepted"/> only when the broker accepted; every other value means
        /// the session is not connected. Never throws for network or broker failures.
        /// </summary>
        MqttConnectResult Connect(string clientId, int keepAliveSeconds);

        /// <summary>
        /// Subscribes to every topic at <paramref name="qos"/> (0 or 1). Blocks until SUBACK or the
        /// implementation's timeout. True only when the broker granted every topic; false when not connected,
        /// on timeout, or when any topic was refused (SUBACK 0x80).
        /// </summary>
        bool Subscribe(string[] topics, int qos);

        /// <summary>
        /// Sends <paramref name="length"/> bytes of <paramref name="payload"/> from <paramref name="offset"/> to
        /// <paramref name="topic"/> at <paramref name="qos"/> (0 or 1), not retained. Does not block on PUBACK:
        /// true means the message was handed to the connection, not that anyone processed it. False when not
        /// connected or the write failed. The caller keeps ownership of <paramref name="payload"/>; the session
        /// copies what it needs before returning.
        /// </summary>
        bool Publish(string topic, byte[] payload, int offset, int length, int qos);

        /// <summary>Sends DISCONNECT if connected and closes the connection. Does not raise ConnectionLost. Never throws.</summary>
        void Disconnect();

        /// <summary>True between an accepted <see cref="Connect"/> and the loss or close of the connection.</summary>
        bool IsConnected { get; }

        /// <summary>
        /// Sets the receiver of incoming messages and of connection loss (null to detach). Callbacks come on the
        /// session's own thread.
        /// </summary>
        void SetListener(IMqttListener listener);
    }

    /// <summary>Receives what an <see cref="IMqttSession"/> reports. Implementations must return quickly and never throw.</summary>
    public interface IMqttListener
    {
        /// <summary>
        /// A PUBLISH arrived on a subscribed topic. <paramref name="payload"/> belongs to the session and is valid
        /// only during this call: copy what must be kept.
        /// </summary>
        void OnMessage(string topic, byte[] payload, int offset, int length);

        /// <summary>The connection dropped without <see cref="IMqttSession.Disconnect"/> being called (broker gone, keep-alive timeout, network loss).</summary>
        void OnConnectionLost();
    }

    /// <summary>The outcome of <see cref="IMqttSession.Connect"/>.</summary>
    public enum MqttConnectResult
    {
        /// <summary>CONNACK 0: connected.</summary>
        Accepted = 0,
        /// <summary>CONNACK 1: the broker does not speak MQTT 3.1.1.</summary>
        RefusedProtocolVersion = 1,
        /// <summary>CONNACK 2: client id rejected.</summary>
        RefusedIdentifier = 2,
        /// <summary>CONNACK 3: broker up but the MQTT service is unavailable.</summary>
        RefusedServerUnavailable = 3,
        /// <summary>CONNACK 4: bad user name or password.</summary>
        RefusedBadCredentials = 4,
        /// <summary>CONNACK 5: not authorised (AWS: policy does not allow iot:Connect for this client id).</summary>
        RefusedNotAuthorized = 5,
        /// <summary>The host name could not be resolved or TCP could not connect.</summary>
        NetworkError = 100,
        /// <summary>The TLS handshake failed or the server closed the connection right after it (certificate refused, wrong CA).</summary>
        TlsError = 101,
        /// <summary>No CONNACK within the connect timeout.</summary>
        Timeout = 102,
        /// <summary>Anything else; the implementation logs the detail.</summary>
        OtherError = 103,
    }
}
