using System.Text;
using NanoThing.Core.Seams;

namespace NanoThing.Bench.Cycle;

/// <summary>
/// An <see cref="IMqttSession"/> that plays broker and Device Shadow service in memory, without allocating after
/// construction: a GET is answered with get/accepted (an empty shadow), an update with update/accepted echoing the
/// request's state with the next version, a timestamp and the request's clientToken, as AWS documents. The reply is
/// held until <see cref="DeliverPending"/> (the owner delivers it between agent steps, as the session's thread
/// would). Counts what was sent: messages, payload bytes and MQTT PUBLISH frame bytes, by kind.
/// </summary>
public sealed class ShadowLoopback : IMqttSession
{
    private static readonly byte[] TokenKey = Encoding.UTF8.GetBytes(",\"clientToken\":\"");
    private static readonly byte[] GetReplyStart = Encoding.UTF8.GetBytes("{\"state\":{}");
    private static readonly byte[] Tail = Encoding.UTF8.GetBytes(",\"timestamp\":1700000000,\"clientToken\":\"");
    private static readonly byte[] VersionKey = Encoding.UTF8.GetBytes(",\"version\":");

    private readonly string _getAccepted;
    private readonly string _updateAccepted;
    private readonly byte[] _reply = new byte[16384];
    private IMqttListener? _listener;
    private string? _pendingTopic;
    private int _pendingLength;
    private long _version;

    /// <summary>A connected loopback for the classic shadow of <paramref name="thingName"/>.</summary>
    public ShadowLoopback(string thingName)
    {
        string root = "$aws/things/" + thingName + "/shadow/";
        _getAccepted = root + "get/accepted";
        _updateAccepted = root + "update/accepted";
    }

    public bool IsConnected { get; private set; }

    /// <summary>Update requests published (reports).</summary>
    public int Updates { get; private set; }

    /// <summary>Payload bytes of the update requests.</summary>
    public long UpdatePayloadBytes { get; private set; }

    /// <summary>Every PUBLISH sent (updates and gets).</summary>
    public int Publishes { get; private set; }

    /// <summary>Bytes of every PUBLISH packet sent (fixed header, topic, packet id, payload).</summary>
    public long PublishFrameBytes { get; private set; }

    /// <summary>Payload bytes of the replies delivered (what the device received and parsed).</summary>
    public long ReplyPayloadBytes { get; private set; }

    public MqttConnectResult Connect(string clientId, int keepAliveSeconds)
    {
        IsConnected = true;
        return MqttConnectResult.Accepted;
    }

    public bool Subscribe(string[] topics, int qos) => IsConnected;

    public bool Publish(string topic, byte[] payload, int offset, int length, int qos)
    {
        if (!IsConnected) return false;
        Publishes++;
        PublishFrameBytes += FrameBytes(topic, length, qos);
        if (topic.EndsWith("/update", StringComparison.Ordinal))
        {
            Updates++;
            UpdatePayloadBytes += length;
            ReplyToUpdate(payload, offset, length);
        }
        else if (topic.EndsWith("/get", StringComparison.Ordinal))
        {
            int at = Append(0, GetReplyStart);
            at = AppendVersionAndToken(at, payload, offset, length);
            _pendingTopic = _getAccepted;
            _pendingLength = at;
        }

        return true;
    }

    /// <summary>Hands the held reply to the listener; false when there was none.</summary>
    public bool DeliverPending()
    {
        string? topic = _pendingTopic;
        if (topic is null || _listener is null) return false;
        _pendingTopic = null;
        ReplyPayloadBytes += _pendingLength;
        _listener.OnMessage(topic, _reply, 0, _pendingLength);
        return true;
    }

    /// <summary>Delivers <paramref name="payload"/> on <paramref name="topic"/> now, as the session's thread would (e.g. an update/delta).</summary>
    public void Deliver(string topic, byte[] payload) => _listener?.OnMessage(topic, payload, 0, payload.Length);

    public void Disconnect() => IsConnected = false;

    public void SetListener(IMqttListener? listener) => _listener = listener;

    /// <summary>Size of an MQTT 3.1.1 PUBLISH: 1 + remaining-length bytes + 2 + topic + (2 packet id at QoS &gt; 0) + payload.</summary>
    public static int FrameBytes(string topic, int payloadLength, int qos)
    {
        int remaining = 2 + Encoding.UTF8.GetByteCount(topic) + (qos > 0 ? 2 : 0) + payloadLength;
        int lengthBytes = remaining < 128 ? 1 : remaining < 16384 ? 2 : remaining < 2097152 ? 3 : 4;
        return 1 + lengthBytes + remaining;
    }

    // {"state":{"reported":{...}},"clientToken":"t"} -> {"state":{"reported":{...}},"version":n,"timestamp":..,"clientToken":"t"}
    private void ReplyToUpdate(byte[] payload, int offset, int length)
    {
        int token = IndexOf(payload, offset, length, TokenKey);
        if (token < 0) return;
        Array.Copy(payload, offset, _reply, 0, token - offset);
        int at = AppendVersionAndToken(token - offset, payload, offset, length);
        _pendingTopic = _updateAccepted;
        _pendingLength = at;
    }

    private int AppendVersionAndToken(int at, byte[] payload, int offset, int length)
    {
        at = Append(at, VersionKey);
        at = AppendNumber(at, ++_version);
        at = Append(at, Tail);
        int token = IndexOf(payload, offset, length, TokenKey) + TokenKey.Length;
        while (token < offset + length && payload[token] != (byte)'"')
        {
            _reply[at++] = payload[token++];
        }

        _reply[at++] = (byte)'"';
        _reply[at++] = (byte)'}';
        return at;
    }

    private int Append(int at, byte[] bytes)
    {
        Array.Copy(bytes, 0, _reply, at, bytes.Length);
        return at + bytes.Length;
    }

    private int AppendNumber(int at, long value)
    {
        int start = at;
        do
        {
            _reply[at++] = (byte)('0' + (int)(value % 10));
            value /= 10;
        }
        while (value > 0);

        Array.Reverse(_reply, start, at - start);
        return at;
    }

    private static int IndexOf(byte[] data, int offset, int length, byte[] pattern)
    {
        int found = data.AsSpan(offset, length).IndexOf(pattern);
        return found < 0 ? -1 : offset + found;
    }
}
