using NanoThing.Core.Seams;

namespace NanoThing.DeviceTests.Support
{
    /// <summary>
    /// A fake <see cref="IMqttSession"/> standing in for the broker: records every SUBSCRIBE ("SUB q1 t1 t2 ...") and
    /// PUBLISH ("PUB q1 topic payload") into a <see cref="TrafficLog"/>, in order, with the payload as UTF-8 text.
    /// Subscribe and Publish succeed while connected unless the test makes them fail. Connect answers
    /// <see cref="ConnectResult"/>; <see cref="DropLink"/> and <see cref="Deliver"/> act as the broker would.
    /// </summary>
    public sealed class RecordingMqttSession : IMqttSession, IMqttDelivery
    {
        private readonly TrafficLog _traffic;
        private readonly System.Collections.ArrayList _acked = new System.Collections.ArrayList();
        private IMqttListener _listener;
        private int _lastId;

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

        /// <summary>What Connect answers (Accepted unless the test refuses connects); only Accepted connects.</summary>
        public MqttConnectResult ConnectResult = MqttConnectResult.Accepted;

        /// <inheritdoc />
        public bool IsConnected => Connected;

        /// <summary>The listener set by the code under test (null when none).</summary>
        public IMqttListener Listener => _listener;

        /// <inheritdoc />
        public MqttConnectResult Connect(string clientId, int keepAliveSeconds)
        {
            _traffic.Add("CONNECT " + clientId);
            Connected = ConnectResult == MqttConnectResult.Accepted;
            return ConnectResult;
        }

        /// <summary>The broker goes away: not connected any more, and the listener hears of it (as from the session's thread).</summary>
        public void DropLink()
        {
            _traffic.Add("LINK LOST");
            Connected = false;
            _acked.Clear();
            if (_listener != null)
            {
                _listener.OnConnectionLost();
            }
        }

        /// <summary>
        /// The broker delivers <paramref name="json"/> on <paramref name="topic"/> to the listener (as from the session's
        /// thread); the payload buffer is overwritten after the call, as a session reuses its receive buffer.
        /// </summary>
        public void Deliver(string topic, string json)
        {
            byte[] bytes = Text.Bytes(json);
            _listener.OnMessage(topic, bytes, 0, bytes.Length);
            for (int i = 0; i < bytes.Length; i++)
            {
                bytes[i] = (byte)'#';
            }
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

        /// <summary>When true, PUBACKs of <see cref="PublishQos1"/> messages are withheld (a dropped link then loses them).</summary>
        public bool HoldAcks;

        /// <inheritdoc />
        public int PublishQos1(string topic, byte[] payload, int offset, int length)
        {
            if (!Publish(topic, payload, offset, length, 1))
            {
                return 0;
            }

            _lastId = _lastId == 65535 ? 1 : _lastId + 1;
            if (!HoldAcks)
            {
                _acked.Add(_lastId);
            }

            return _lastId;
        }

        /// <inheritdoc />
        public bool IsAcknowledged(int messageId)
        {
            return Connected && _acked.Contains(messageId);
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
