using System.Collections;
using NanoThing.Core.Seams;

namespace NanoThing.DeviceTests.Telemetry
{
    /// <summary>
    /// The broker side of <see cref="IMqttDelivery"/> for telemetry tests: a message published while connected is
    /// received (its text kept, its seqs noted in order); its PUBACK comes back unless <see cref="HoldAcks"/> (then
    /// it is lost with the link, as with a clean session). Packet identifiers count 1..65535 like M2Mqtt's.
    /// </summary>
    public sealed class TestBroker : IMqttDelivery
    {
        private readonly ArrayList _acked = new ArrayList();
        private int _nextId;

        /// <summary>The link is up.</summary>
        public bool Connected = true;

        /// <summary>When true, PUBACKs are not returned.</summary>
        public bool HoldAcks;

        /// <summary>When true, a PUBLISH closes the link and is not delivered: what AWS IoT Core does with a topic the policy does not allow (MQTT 3.1.1).</summary>
        public bool ClosesOnPublish;

        /// <summary>Topic of the last message received.</summary>
        public string LastTopic;

        /// <summary>Payload text of the last message received.</summary>
        public string LastPayload;

        /// <summary>Messages received.</summary>
        public int Received;

        /// <summary>Every seq received, in arrival order (duplicates included).</summary>
        public readonly ArrayList Seqs = new ArrayList();

        /// <inheritdoc />
        public int PublishQos1(string topic, byte[] payload, int offset, int length)
        {
            if (!Connected)
            {
                return 0;
            }

            _nextId = _nextId == 65535 ? 1 : _nextId + 1;
            if (ClosesOnPublish)
            {
                Drop();
                return _nextId;
            }

            string text = Support.Text.Of(payload, offset, length);
            LastTopic = topic;
            LastPayload = text;
            Received++;
            Support.TelemetrySeqs.Add(text, Seqs);
            if (!HoldAcks)
            {
                _acked.Add(_nextId);
            }

            return _nextId;
        }

        /// <inheritdoc />
        public bool IsAcknowledged(int messageId)
        {
            return Connected && _acked.Contains(messageId);
        }

        /// <summary>The PUBACKs held back so far arrive (every message published on this link is acknowledged).</summary>
        public void AckAll()
        {
            for (int id = 1; id <= _nextId; id++)
            {
                if (!_acked.Contains(id))
                {
                    _acked.Add(id);
                }
            }
        }

        /// <summary>The link drops: PUBACKs not yet returned are lost.</summary>
        public void Drop()
        {
            Connected = false;
            _acked.Clear();
        }
    }
}
