using System.Threading;
using NanoThing.Core.Runtime;

namespace NanoThing.Core.Agent
{
    /// <summary>
    /// A bounded first-in first-out queue of MQTT messages between the session's thread (one producer,
    /// <see cref="TryAdd"/>) and the agent's thread (one consumer, <see cref="TryPeek"/> then <see cref="RemoveFirst"/>).
    /// Payloads are copied into one byte array allocated at construction and stored contiguously, so the consumer
    /// parses the oldest message in place while the producer keeps adding behind it. <see cref="TryAdd"/> never
    /// blocks beyond a few index updates under a lock and never allocates: when the message does not fit (too many
    /// messages, not enough contiguous free bytes, or larger than the whole buffer) it is refused, and the caller
    /// counts the drop. Topic strings are kept by reference (strings are immutable).
    /// </summary>
    public sealed class MessageInbox
    {
        private readonly object _sync = new object();
        private readonly byte[] _buffer;
        private readonly string[] _topic;
        private readonly int[] _start;
        private readonly int[] _length;
        private int _first;
        private int _count;

        /// <summary>An inbox holding at most <paramref name="maxMessages"/> messages (at least 1) whose payloads total at most <paramref name="capacityBytes"/> bytes.</summary>
        public MessageInbox(int capacityBytes, int maxMessages)
        {
            _buffer = new byte[capacityBytes < 0 ? 0 : capacityBytes];
            int slots = maxMessages < 1 ? 1 : maxMessages;
            _topic = StringArray.Create(slots);
            _start = new int[slots];
            _length = new int[slots];
        }

        /// <summary>The payload bytes the inbox can hold: its fixed memory, whatever arrives.</summary>
        public int CapacityBytes { get { return _buffer.Length; } }

        /// <summary>The number of messages the inbox can hold.</summary>
        public int MaxMessages { get { return _topic.Length; } }

        /// <summary>The number of messages waiting.</summary>
        public int Count
        {
            get
            {
                Monitor.Enter(_sync);
                try
                {
                    return _count;
                }
                finally
                {
                    Monitor.Exit(_sync);
                }
            }
        }

        /// <summary>
        /// Producer: copies <paramref name="length"/> bytes of <paramref name="payload"/> from <paramref name="offset"/>
        /// with <paramref name="topic"/> to the end of the queue. False (nothing kept) when it does not fit or the
        /// arguments do not describe a slice of <paramref name="payload"/>. Never throws, never waits for the consumer.
        /// </summary>
        public bool TryAdd(string topic, byte[] payload, int offset, int length)
        {
            if (length < 0 || offset < 0 || (length > 0 && (payload == null || offset > payload.Length - length)))
            {
                return false;
            }

            Monitor.Enter(_sync);
            try
            {
                int at = FreeStart(length);
                if (at < 0)
                {
                    return false;
                }

                int slot = (_first + _count) % _topic.Length;
                if (length > 0)
                {
                    System.Array.Copy(payload, offset, _buffer, at, length);
                }

                _topic[slot] = topic;
                _start[slot] = at;
                _length[slot] = length;
                _count++;
                return true;
            }
            finally
            {
                Monitor.Exit(_sync);
            }
        }

        /// <summary>
        /// Consumer: the oldest message, left in place: its payload is <paramref name="length"/> bytes of
        /// <see cref="Buffer"/> from <paramref name="offset"/>, unchanged until <see cref="RemoveFirst"/>. False when empty.
        /// </summary>
        public bool TryPeek(out string topic, out int offset, out int length)
        {
            Monitor.Enter(_sync);
            try
            {
                if (_count == 0)
                {
                    topic = null;
                    offset = 0;
                    length = 0;
                    return false;
                }

                topic = _topic[_first];
                offset = _start[_first];
                length = _length[_first];
                return true;
            }
            finally
            {
                Monitor.Exit(_sync);
            }
        }

        /// <summary>The bytes that <see cref="TryPeek"/> points into. Read only the peeked slice.</summary>
        public byte[] Buffer { get { return _buffer; } }

        /// <summary>Consumer: drops the oldest message (after processing what <see cref="TryPeek"/> returned).</summary>
        public void RemoveFirst()
        {
            Monitor.Enter(_sync);
            try
            {
                if (_count == 0)
                {
                    return;
                }

                _topic[_first] = null;
                _first = (_first + 1) % _topic.Length;
                _count--;
                if (_count == 0)
                {
                    _first = 0;
                }
            }
            finally
            {
                Monitor.Exit(_sync);
            }
        }

        // Where a payload of n bytes can go without touching a held message, or -1. Held bytes run from the first
        // message's start to the last one's end, possibly wrapped to the buffer's start (then the last starts before
        // the first). Empty payloads are placed at the end of the held region so that this rule stays true.
        private int FreeStart(int n)
        {
            if (_count == _topic.Length)
            {
                return -1;
            }

            if (_count == 0)
            {
                return n <= _buffer.Length ? 0 : -1;
            }

            int last = (_first + _count - 1) % _topic.Length;
            int head = _start[_first];
            int tail = _start[last] + _length[last];
            if (n == 0)
            {
                return tail;
            }

            if (_start[last] < head)
            {
                return head - tail >= n ? tail : -1;
            }

            if (_buffer.Length - tail >= n)
            {
                return tail;
            }

            return head >= n ? 0 : -1;
        }
    }
}
