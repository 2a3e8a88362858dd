using System.Runtime.InteropServices;
using NanoThing.Core.Seams;
using NanoThing.Mqtt;
using NanoThing.Mqtt.Packets;
using CoreConnectResult = NanoThing.Core.Seams.MqttConnectResult;

namespace NanoThing.VirtualBoard.Adapters;

/// <summary>
/// Core's MQTT session seam over the tools' MQTT 3.1.1 client (real TLS with the thing's certificate, server
/// checked against the given CA only). Each <see cref="Connect"/> opens a new connection; nothing reconnects by
/// itself. Blocking calls wait on the client's own bounded operations (connect and operation timeouts).
/// </summary>
public sealed class MqttClientSession(string host, int port, TlsSettings tls, ILog log) : IMqttSession, IMqttDelivery
{
    // PUBACKs of PublishQos1 messages on the current connection (the client's PublishAsync completes Acknowledged on PUBACK).
    private readonly HashSet<int> _acked = [];
    private int _lastId;
    private readonly object _gate = new();
    private MqttClient? _client;
    private IMqttListener? _listener;

    /// <summary>Name the broker's certificate must carry, when it differs from the host (null = host).</summary>
    public string? ServerName { get; init; }

    /// <summary>Bound of one connect step (TCP + TLS + CONNECT/CONNACK).</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public bool IsConnected => _client?.IsConnected == true;

    public void SetListener(IMqttListener? listener) => _listener = listener;

    public CoreConnectResult Connect(string clientId, int keepAliveSeconds)
    {
        Disconnect();
        var client = new MqttClient(new MqttConnectOptions(host, port, clientId, tls)
        {
            KeepAliveSeconds = (ushort)Math.Clamp(keepAliveSeconds, 0, ushort.MaxValue),
            ServerName = ServerName,
            ConnectTimeout = ConnectTimeout,
        });
        client.MessageReceived += OnMessage;
        client.ConnectionLost += lost =>
        {
            log.Write(LogLevel.Warning, lost.Message);
            lock (_gate) if (_client == client) _client = null;
            _listener?.OnConnectionLost();
        };
        NanoThing.Mqtt.MqttConnectResult result = client.ConnectAsync().GetAwaiter().GetResult();
        if (!result.IsConnected)
        {
            log.Write(LogLevel.Warning, result.Message);
            return ToCore(result.Status);
        }

        lock (_gate)
        {
            _client = client;
            _acked.Clear();
        }

        return CoreConnectResult.Accepted;
    }

    public bool Subscribe(string[] topics, int qos)
    {
        MqttClient? client = _client;
        if (client == null) return false;
        var subscriptions = Array.ConvertAll(topics, t => new MqttSubscription(t, (MqttQos)qos));
        MqttSubscribeResult result = client.SubscribeAsync(subscriptions).GetAwaiter().GetResult();
        if (!result.AllGranted) log.Write(LogLevel.Warning, result.Message);
        return result.AllGranted;
    }

    public bool Publish(string topic, byte[] payload, int offset, int length, int qos)
    {
        MqttClient? client = _client;
        if (client is not { IsConnected: true }) return false;
        byte[] copy = payload.AsSpan(offset, length).ToArray(); // the caller reuses its buffer
        // Not awaited: the seam does not wait for PUBACK. The client writes packets in call order.
        _ = PublishAndReportAsync(client, topic, copy, (MqttQos)qos);
        return true;
    }

    public int PublishQos1(string topic, byte[] payload, int offset, int length)
    {
        MqttClient? client = _client;
        if (client is not { IsConnected: true }) return 0;
        byte[] copy = payload.AsSpan(offset, length).ToArray();
        int id;
        lock (_gate)
        {
            _lastId = _lastId == 65535 ? 1 : _lastId + 1;
            id = _lastId;
            _acked.Remove(id);
        }

        _ = PublishAndNoteAckAsync(client, topic, copy, id);
        return id;
    }

    public bool IsAcknowledged(int messageId)
    {
        lock (_gate) return _acked.Contains(messageId);
    }

    private async Task PublishAndNoteAckAsync(MqttClient client, string topic, byte[] payload, int id)
    {
        MqttPublishResult result = await client.PublishAsync(topic, payload, MqttQos.AtLeastOnce);
        if (result.Status == MqttPublishStatus.Acknowledged)
        {
            lock (_gate) if (_client == client) _acked.Add(id);
        }
        else
        {
            log.Write(LogLevel.Warning, result.Message);
        }
    }

    private async Task PublishAndReportAsync(MqttClient client, string topic, byte[] payload, MqttQos qos)
    {
        MqttPublishResult result = await client.PublishAsync(topic, payload, qos);
        if (!result.Succeeded) log.Write(LogLevel.Warning, result.Message);
    }

    public void Disconnect()
    {
        MqttClient? client;
        lock (_gate) (client, _client) = (_client, null);
        client?.DisconnectAsync().GetAwaiter().GetResult();
    }

    /// <summary>The client's statuses carry the seam's numbers (CONNACK codes, 100+ for failures before CONNACK).</summary>
    private static CoreConnectResult ToCore(MqttConnectStatus status) =>
        Enum.IsDefined((CoreConnectResult)(int)status) ? (CoreConnectResult)(int)status : CoreConnectResult.OtherError;

    private void OnMessage(MqttMessage message)
    {
        IMqttListener? listener = _listener;
        if (listener == null) return;
        if (MemoryMarshal.TryGetArray(message.Payload, out ArraySegment<byte> segment))
        {
            listener.OnMessage(message.Topic, segment.Array!, segment.Offset, segment.Count);
        }
        else
        {
            byte[] bytes = message.Payload.ToArray();
            listener.OnMessage(message.Topic, bytes, 0, bytes.Length);
        }
    }
}
