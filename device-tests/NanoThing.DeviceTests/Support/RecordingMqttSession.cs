using NanoThing.Core.Seams;

namespace NanoThing.DeviceTests.Support
{
    /// <summary>
    /// A fake <see cref="IMqttSession"/> standing in for the broker: records every SUBSCRIBE ("SUB q1 t1 t2 ...") and
    /// PUBLISH ("PUB q1 topic payload") into a <see cref="TrafficLog"/>, in order, with the payload as UTF-8 text.
    /// Subscribe and Publish succeed while connected unless the test makes them fail.
    /// </summary>
    public sealed class RecordingMqttSession : IMqttSession
    {
        private readonly TrafficLog _traffic;
        private IMqttListener _listener;

        /// <summary>A connected session recording into <paramref name="traffic"/>.</summary>
        public RecordingMqttSession(TrafficLog traffic)
        {
            _traffic = traffic;
            Connected = true;
        }

        /// <summary>Whether the session is connected (set by the test).</summary>
        public bool Connected;

        /// <summary>When true, Subscribe answers false (a refused SUBACK).</summary>
        public bool RefuseSubscribe;

        /// <summary>When true, Publish answers false (the write failed).</summary>
        public bool FailPublish;

        /// <inheritdoc />
        public bool IsConnected => Connected;

        /// <summary>The listener set by the code under test (null when none).</summary>
        public IMqttListener Listener => _listener;

        /// <inheritdoc />
        public MqttConnectResult Connect(string clientId, int keepAliveSeconds)
        {
            _traffic.Add("CONNECT " + clientId);
            Connected = true;
            return MqttConnectResult.Accepted;
        }

        /// <inheritdoc />
        public bool Subscribe(string[] topics, int qos)
        {
            string line = "SUB q" + qos.ToString();
            for (int i = 0; i < topics.Length; i++)
            {
                line = line + " " + topics[i];
            }

            _traffic.Add(line);
            return Connected && !RefuseSubscribe;
        }

        /// <inheritdoc />
        public bool Publish(string topic, byte[] payload, int offset, int length, int qos)
        {
            _traffic.Add("PUB q" + qos.ToString() + " " + topic + " " + Text.Of(payload, offset, length));
            return Connected && !FailPublish;
        }

        /// <inheritdoc />
        public void Disconnect()
        {
            _traffic.Add("DISCONNECT");
            Connected = false;
        }

        /// <inheritdoc />
        public void SetListener(IMqttListener listener)
        {
            _listener = listener;
        }
    }
}
