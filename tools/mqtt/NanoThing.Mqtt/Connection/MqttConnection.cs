using System.Collections.Concurrent;
using System.Threading.Channels;
using System.Net.Security;
using System.Net.Sockets;
using NanoThing.Mqtt.Packets;

namespace NanoThing.Mqtt.Connection;

/// <summary>
/// One accepted MQTT connection: serialised writes with a bound, a reader loop that dispatches packets, the
/// keep-alive loop, the table of packets waiting for an acknowledgement, and a delivery task that hands incoming
/// messages to the handler in order (apart from the reader, so a handler that blocks on a publish or subscribe
/// does not stop the acknowledgements it waits for). It ends exactly once, either by
/// <see cref="CloseAsync"/> (no loss callback) or by a failure (loss callback with the reason).
/// </summary>
internal sealed class MqttConnection
{
    private readonly TcpClient _tcp;
    private readonly SslStream _stream;
    private readonly PacketReader _reader;
    private readonly MqttConnectOptions _options;
    private readonly Action<MqttMessage> _onMessage;
    private readonly Action<MqttConnectionLost> _onLost;
    private readonly Action _onPingResponse;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ConcurrentDictionary<ushort, (MqttPacketType Type, TaskCompletionSource<MqttPacket?> Ack)> _pending = new();
    private readonly CancellationTokenSource _closing = new();
    private readonly Channel<PublishPacket> _deliveries = Channel.CreateUnbounded<PublishPacket>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private int _nextPacketId;
    private long _lastSentMs;
    private long _lastReceivedMs;
    private int _pingOutstanding;
    private int _closed;
    private int _closingByCaller;
    private long _pingResponses;

    public MqttConnection(TcpClient tcp, SslStream stream, PacketReader reader, MqttConnectOptions options,
        Action<MqttMessage> onMessage, Action<MqttConnectionLost> onLost, Action onPingResponse)
    {
        (_tcp, _stream, _reader, _options, _onMessage, _onLost, _onPingResponse) = (tcp, stream, reader, options, onMessage, onLost, onPingResponse);
        _lastSentMs = _lastReceivedMs = Environment.TickCount64;
    }

    public bool IsOpen => Volatile.Read(ref _closed) == 0;

    public long PingResponses => Interlocked.Read(ref _pingResponses);

    public void Start()
    {
        _ = Task.Run(ReadLoopAsync);
        _ = Task.Run(DeliverLoopAsync);
        if (_options.KeepAliveSeconds > 0) _ = Task.Run(KeepAliveLoopAsync);
    }

    /// <summary>Writes one packet within the operation timeout. False (and the connection lost) when the write fails.</summary>
    public async Task<bool> SendAsync(byte[] packet, CancellationToken cancellationToken)
    {
        if (!IsOpen) return false;
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closing.Token);
        bound.CancelAfter(_options.OperationTimeout);
        try
        {
            await _writeLock.WaitAsync(bound.Token);
            try
            {
                await _stream.WriteAsync(packet, bound.Token);
                await _stream.FlushAsync(bound.Token);
                Volatile.Write(ref _lastSentMs, Environment.TickCount64);
                return true;
            }
            finally
            {
                _writeLock.Release();
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Lose(MqttConnectionLostReason.TransportClosed, "Writing to " + _options.Endpoint + " did not complete within " + _options.OperationTimeout.TotalSeconds + " s.");
            return false;
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            Lose(MqttConnectionLostReason.TransportClosed, "Writing to " + _options.Endpoint + " failed: " + e.Message);
            return false;
        }
    }

    /// <summary>A packet id not in use by any packet waiting for an acknowledgement (never 0).</summary>
    public ushort NextPacketId()
    {
        while (true)
        {
            ushort id = (ushort)(Interlocked.Increment(ref _nextPacketId) & 0xFFFF);
            if (id != 0 && !_pending.ContainsKey(id)) return id;
        }
    }

    /// <summary>Registers interest in the acknowledgement of <paramref name="type"/> for <paramref name="packetId"/>;
    /// the task yields the packet, or null when the connection ends first.</summary>
    public Task<MqttPacket?> ExpectAck(MqttPacketType type, ushort packetId)
    {
        var ack = new TaskCompletionSource<MqttPacket?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[packetId] = (type, ack);
        if (!IsOpen) ack.TrySetResult(null);
        return ack.Task;
    }

    /// <summary>Stops waiting for an acknowledgement (after a timeout).</summary>
    public void ForgetAck(ushort packetId) => _pending.TryRemove(packetId, out _);

    /// <summary>Sends DISCONNECT (bounded) and closes; no loss callback.</summary>
    public async Task CloseAsync()
    {
        if (!IsOpen) return;
        // set first: the broker closes the socket on DISCONNECT, and the reader must not report that as a loss
        Volatile.Write(ref _closingByCaller, 1);
        await SendAsync(DisconnectPacket.Instance.Encode(), CancellationToken.None);
        Shutdown();
    }

    private async Task ReadLoopAsync()
    {
        try
        {
            while (IsOpen)
            {
                var read = await _reader.ReadAsync(_closing.Token);
                if (read.EndOfStream)
                {
                    Lose(MqttConnectionLostReason.TransportClosed, "The broker at " + _options.Endpoint + " closed the connection.");
                    return;
                }
                if (read.ProtocolError is not null)
                {
                    Lose(MqttConnectionLostReason.ProtocolError, "The broker at " + _options.Endpoint + " sent an invalid packet: " + read.ProtocolError);
                    return;
                }
                Volatile.Write(ref _lastReceivedMs, Environment.TickCount64);
                Volatile.Write(ref _pingOutstanding, 0);
                Dispatch(read.Packet!);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException)
        {
            Lose(MqttConnectionLostReason.TransportClosed, "Reading from " + _options.Endpoint + " failed: " + e.Message);
        }
    }

    private void Dispatch(MqttPacket packet)
    {
        switch (packet)
        {
            case PublishPacket publish:
                _deliveries.Writer.TryWrite(publish);
                break;
            case PubAckPacket ack: CompleteAck(MqttPacketType.PubAck, ack.PacketId, ack); break;
            case SubAckPacket ack: CompleteAck(MqttPacketType.SubAck, ack.PacketId, ack); break;
            case UnsubAckPacket ack: CompleteAck(MqttPacketType.UnsubAck, ack.PacketId, ack); break;
            case PingRespPacket:
                Interlocked.Increment(ref _pingResponses);
                _onPingResponse();
                break;
            default:
                Lose(MqttConnectionLostReason.ProtocolError, "The broker at " + _options.Endpoint + " sent an unexpected " + packet.Type + " packet.");
                break;
        }
    }

    /// <summary>Hands each incoming message to the handler, then acknowledges it when it came with QoS 1.</summary>
    private async Task DeliverLoopAsync()
    {
        try
        {
            await foreach (var publish in _deliveries.Reader.ReadAllAsync(_closing.Token))
            {
                try
                {
                    _onMessage(new MqttMessage(publish.Topic, publish.Payload, publish.Qos, publish.Retain));
                }
                catch (Exception e)
                {
                    Lose(MqttConnectionLostReason.HandlerFailed, "The message handler failed on topic '" + publish.Topic + "' and the connection was closed: " + e.GetType().Name + ": " + e.Message);
                    return;
                }
                if (publish.Qos == MqttQos.AtLeastOnce) await SendAsync(new PubAckPacket(publish.PacketId).Encode(), CancellationToken.None);
            }
        }
        catch (OperationCanceledException)
        {
            // closed
        }
    }

    private void CompleteAck(MqttPacketType type, ushort packetId, MqttPacket ack)
    {
        // An acknowledgement nobody waits for (late after a timeout) is ignored, as the spec allows.
        if (_pending.TryGetValue(packetId, out var entry) && entry.Type == type && _pending.TryRemove(packetId, out _))
            entry.Ack.TrySetResult(ack);
    }

    private async Task KeepAliveLoopAsync()
    {
        long keepAliveMs = _options.KeepAliveSeconds * 1000L;
        using var timer = new PeriodicTimer(KeepAlivePolicy.CheckInterval(keepAliveMs));
        try
        {
            while (await timer.WaitForNextTickAsync(_closing.Token))
            {
                var action = KeepAlivePolicy.Decide(Environment.TickCount64, Volatile.Read(ref _lastSentMs),
                    Volatile.Read(ref _lastReceivedMs), Volatile.Read(ref _pingOutstanding) != 0, keepAliveMs);
                if (action == KeepAliveAction.Dead)
                {
                    Lose(MqttConnectionLostReason.KeepAliveTimeout, "Nothing arrived from " + _options.Endpoint + " for "
                        + (_options.KeepAliveSeconds * 1.5) + " s (1.5 x keep-alive): the link is considered dead.");
                    return;
                }
                if (action == KeepAliveAction.SendPing)
                {
                    Volatile.Write(ref _pingOutstanding, 1);
                    if (!await SendAsync(PingReqPacket.Instance.Encode(), CancellationToken.None)) return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // closed
        }
    }

    private void Lose(MqttConnectionLostReason reason, string message)
    {
        if (!Shutdown() || Volatile.Read(ref _closingByCaller) != 0) return;
        // on a pool thread: the failure may be noticed inside a caller's PublishAsync, which must not run the handler
        var lost = new MqttConnectionLost(reason, message);
        ThreadPool.QueueUserWorkItem(_ => _onLost(lost));
    }

    /// <summary>Ends the connection once: cancels the loops, closes the socket, releases every waiter. True for the call that did it.</summary>
    private bool Shutdown()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0) return false;
        _closing.Cancel();
        _deliveries.Writer.TryComplete();
        _stream.Dispose();
        _tcp.Dispose();
        foreach (var entry in _pending.Values) entry.Ack.TrySetResult(null);
        _pending.Clear();
        return true;
    }
}
