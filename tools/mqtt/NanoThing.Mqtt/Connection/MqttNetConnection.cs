using System.Buffers;
using System.Text;
using MQTTnet;
using MQTTnet.Diagnostics.PacketInspection;
using MQTTnet.Exceptions;
using MQTTnet.Packets;
using MQTTnet.Protocol;
using NanoThing.Mqtt.Packets;

namespace NanoThing.Mqtt.Connection;

/// <summary>
/// One accepted connection of one MQTTnet client (a new MQTTnet client per connection, so nothing of an old
/// connection reaches the next). MQTTnet reads, writes, matches acknowledgements and keeps the link alive; this class
/// turns its exceptions and events into the result values and the single <see cref="MqttConnectionLost"/> of
/// <see cref="MqttClient"/>. It ends exactly once: by <see cref="CloseAsync"/> (no loss callback) or by a failure (loss
/// callback with the reason, on a background task).
/// </summary>
internal sealed class MqttNetConnection
{
    private const byte PingRespHeader = 0xD0;

    private readonly IMqttClient client;
    private readonly MqttConnectOptions options;
    private readonly Action<MqttMessage> onMessage;
    private readonly Action<MqttConnectionLost> onLost;
    private readonly Action onPingResponse;
    private MqttConnectionLost? failure;
    private int closingByCaller;
    private int lostReported;
    private long pingResponses;

    private MqttNetConnection(IMqttClient client, MqttConnectOptions options, Action<MqttMessage> onMessage, Action<MqttConnectionLost> onLost, Action onPingResponse)
    {
        (this.client, this.options, this.onMessage, this.onLost, this.onPingResponse) = (client, options, onMessage, onLost, onPingResponse);
        client.ApplicationMessageReceivedAsync += OnReceivedAsync;
        client.DisconnectedAsync += OnDisconnectedAsync;
    }

    public bool IsOpen => client.IsConnected && Volatile.Read(ref failure) is null;

    public long PingResponses => Interlocked.Read(ref pingResponses);

    /// <summary>TCP, TLS, CONNECT and CONNACK as one step bounded by the connect timeout; see <see cref="ConnectOutcome"/>.</summary>
    public static async Task<(MqttConnectResult Result, MqttNetConnection? Connection)> ConnectAsync(MqttConnectOptions options,
        Action<MqttMessage> onMessage, Action<MqttConnectionLost> onLost, Action onPingResponse, bool observePings, CancellationToken cancellationToken)
    {
        if (options.ClientId.Length == 0 && !options.CleanSession)
        {
            // MQTTnet refuses to send this CONNECT; a broker would answer CONNACK 2 (MQTT 3.1.1 [MQTT-3.1.3-8])
            return (new(MqttConnectStatus.RefusedIdentifier, "An empty client id needs a clean session (MQTT 3.1.1 [MQTT-3.1.3-7]; a broker answers CONNACK 2); "
                + "nothing was sent to " + options.Endpoint + ". Use a non-empty id of at most 128 characters, normally the thing name."), null);
        }

        var attempt = new ConnectAttempt(options);
        var client = new MqttClientFactory().CreateMqttClient();
        var connection = new MqttNetConnection(client, options, onMessage, onLost, onPingResponse);
        // MQTTnet shows PINGRESP only to a packet inspector (which copies every packet); attached before connecting
        // because MQTTnet 5.2's inspector fails on a packet whose receive began before the first handler was attached
        if (observePings) client.InspectPacketAsync += connection.OnInspectAsync;
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(options.ConnectTimeout);
        try
        {
            var connAck = await client.ConnectAsync(attempt.ClientOptions(), bound.Token);
            var result = ConnectOutcome.Of(connAck, options);
            if (result.IsConnected) return (result, connection);
            client.Dispose();
            return (result, null);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested
            && ConnectOutcome.Of(e, attempt, options, bound.IsCancellationRequested) is { } result)
        {
            client.Dispose();
            return (result, null);
        }
        catch (Exception e)
        {
            client.Dispose();
            if (cancellationToken.IsCancellationRequested) throw new OperationCanceledException("Connecting to " + options.Endpoint + " was cancelled.", e, cancellationToken);
            throw;
        }
    }

    public async Task<MqttPublishResult> PublishAsync(string topic, ReadOnlyMemory<byte> payload, MqttQos qos, bool retain, CancellationToken cancellationToken)
    {
        var message = new MqttApplicationMessage
        {
            Topic = topic,
            Payload = new ReadOnlySequence<byte>(payload.ToArray()), // MQTTnet may encode after the caller reused its buffer
            QualityOfServiceLevel = (MqttQualityOfServiceLevel)qos,
            Retain = retain,
        };
        using var bound = Bound(cancellationToken);
        try
        {
            // called before any await, so that publishes are written in call order (MQTTnet's send lock is FIFO)
            await client.PublishAsync(message, bound.Token);
            return qos == MqttQos.AtMostOnce
                ? new(MqttPublishStatus.Sent, "Published to '" + topic + "' (QoS 0).")
                : new(MqttPublishStatus.Acknowledged, "The broker acknowledged the publish to '" + topic + "'.");
        }
        catch (Exception e) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("The caller cancelled the operation on " + options.Endpoint + ".", e, cancellationToken);
        }
        catch (Exception e) when (Failed(e, bound) is { } outcome)
        {
            return outcome switch
            {
                Outcome.NotConnected => new(MqttPublishStatus.NotConnected, NotConnected("publish to '" + topic + "'")),
                Outcome.TimedOut => new(MqttPublishStatus.Timeout, TimedOut(qos == MqttQos.AtMostOnce ? "write" : "PUBACK", "the publish to '" + topic + "'")),
                _ => new(MqttPublishStatus.ConnectionLost, "The connection to " + options.Endpoint + " was lost before the publish to '" + topic + "' completed"
                    + (qos == MqttQos.AtMostOnce ? "." : " (no PUBACK)."))
            };
        }
    }

    public async Task<MqttSubscribeResult> SubscribeAsync(IReadOnlyList<MqttSubscription> subscriptions, string filters, CancellationToken cancellationToken)
    {
        var request = new MqttClientSubscribeOptions
        {
            TopicFilters = subscriptions.Select(s => new MqttTopicFilter { Topic = s.TopicFilter, QualityOfServiceLevel = (MqttQualityOfServiceLevel)s.Qos }).ToList(),
        };
        using var bound = Bound(cancellationToken);
        try
        {
            var subAck = await client.SubscribeAsync(request, bound.Token);
            var outcomes = subAck.Items.Select(item => new MqttSubscriptionOutcome(item.TopicFilter.Topic,
                item.ResultCode <= MqttClientSubscribeResultCode.GrantedQoS2 ? (MqttQos)Math.Min((int)item.ResultCode, 1) : null)).ToList();
            var refused = outcomes.Where(o => o.Refused).Select(o => "'" + o.TopicFilter + "'").ToList();
            return new(MqttSubscribeStatus.Completed, refused.Count == 0
                ? "Subscribed to " + filters + "."
                : "The broker at " + options.Endpoint + " refused the subscription to " + string.Join(", ", refused)
                  + " (SUBACK 0x80); check that the client's policy allows subscribing to it.", outcomes);
        }
        catch (MqttProtocolViolationException e)
        {
            return new(MqttSubscribeStatus.Completed, "The broker at " + options.Endpoint + " answered the subscription to " + filters + " with an invalid SUBACK ("
                + e.Message + "); treating every filter as refused.", subscriptions.Select(s => new MqttSubscriptionOutcome(s.TopicFilter, null)).ToList());
        }
        catch (Exception e) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("The caller cancelled the operation on " + options.Endpoint + ".", e, cancellationToken);
        }
        catch (Exception e) when (Failed(e, bound) is { } outcome)
        {
            return outcome switch
            {
                Outcome.NotConnected => new(MqttSubscribeStatus.NotConnected, NotConnected("subscribe to " + filters), []),
                Outcome.TimedOut => new(MqttSubscribeStatus.Timeout, TimedOut("SUBACK", "the subscription to " + filters), []),
                _ => new(MqttSubscribeStatus.ConnectionLost, "The connection to " + options.Endpoint + " was lost before the SUBACK for " + filters + ".", []),
            };
        }
    }

    public async Task<MqttSubscribeResult> UnsubscribeAsync(IReadOnlyList<string> topicFilters, string filters, CancellationToken cancellationToken)
    {
        using var bound = Bound(cancellationToken);
        try
        {
            await client.UnsubscribeAsync(new MqttClientUnsubscribeOptions { TopicFilters = topicFilters.ToList() }, bound.Token);
            return new(MqttSubscribeStatus.Completed, "Unsubscribed from " + filters + ".", []);
        }
        catch (Exception e) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("The caller cancelled the operation on " + options.Endpoint + ".", e, cancellationToken);
        }
        catch (Exception e) when (Failed(e, bound) is { } outcome)
        {
            return outcome switch
            {
                Outcome.NotConnected => new(MqttSubscribeStatus.NotConnected, NotConnected("unsubscribe from " + filters), []),
                Outcome.TimedOut => new(MqttSubscribeStatus.Timeout, TimedOut("UNSUBACK", "unsubscribing from " + filters), []),
                _ => new(MqttSubscribeStatus.ConnectionLost, "The connection to " + options.Endpoint + " was lost before the UNSUBACK.", []),
            };
        }
    }

    /// <summary>Sends DISCONNECT (bounded by the operation timeout) and closes, without a loss callback. Never throws.</summary>
    public async Task CloseAsync()
    {
        Volatile.Write(ref closingByCaller, 1);
        using var bound = new CancellationTokenSource(options.OperationTimeout);
        try
        {
            if (client.IsConnected) await client.DisconnectAsync(new MqttClientDisconnectOptions(), bound.Token);
        }
        catch (Exception e) when (e is MqttCommunicationException or OperationCanceledException or ObjectDisposedException)
        {
            // the link was already gone: closing is all that is left
        }
        finally
        {
            client.Dispose();
        }
    }

    private enum Outcome { NotConnected, TimedOut, Lost }

    /// <summary>Which expected failure <paramref name="e"/> is; null for a bug (rethrown).</summary>
    private Outcome? Failed(Exception e, CancellationTokenSource bound)
    {
        if (e is MqttClientNotConnectedException) return Volatile.Read(ref lostReported) != 0 || Volatile.Read(ref failure) is not null ? Outcome.Lost : Outcome.NotConnected;
        if (bound.IsCancellationRequested && e is OperationCanceledException or MqttCommunicationTimedOutException) return Outcome.TimedOut;
        return e is MqttCommunicationException or ObjectDisposedException or OperationCanceledException ? Outcome.Lost : null;
    }

    private CancellationTokenSource Bound(CancellationToken cancellationToken)
    {
        var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(options.OperationTimeout);
        return bound;
    }

    private Task OnReceivedAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        var received = e.ApplicationMessage;
        if (Volatile.Read(ref failure) is not null)
        {
            e.ProcessingFailed = true; // closing: no PUBACK, the broker redelivers to the next session
            return Task.CompletedTask;
        }

        if (MqttTopic.ValidateName(received.Topic ?? "") is { } invalid)
        {
            e.ProcessingFailed = true;
            Fail(MqttConnectionLostReason.ProtocolError, "The broker at " + options.Endpoint + " sent an invalid PUBLISH: " + invalid);
            return Task.CompletedTask;
        }

        long size = Encoding.UTF8.GetByteCount(received.Topic!) + received.Payload.Length;
        if (size > options.MaxIncomingPacketBytes)
        {
            e.ProcessingFailed = true;
            Fail(MqttConnectionLostReason.ProtocolError, "The broker at " + options.Endpoint + " sent a message of " + size + " bytes on '" + received.Topic
                + "'; the limit is " + options.MaxIncomingPacketBytes + " (MqttConnectOptions.MaxIncomingPacketBytes).");
            return Task.CompletedTask;
        }

        try
        {
            onMessage(new MqttMessage(received.Topic!, received.Payload.ToArray(), (MqttQos)received.QualityOfServiceLevel, received.Retain));
        }
        catch (Exception exception)
        {
            e.ProcessingFailed = true;
            Fail(MqttConnectionLostReason.HandlerFailed, "The message handler failed on topic '" + received.Topic + "' and the connection was closed: "
                + exception.GetType().Name + ": " + exception.Message);
        }

        return Task.CompletedTask;
    }

    /// <summary>Closes the connection because of <paramref name="reason"/>; the loss callback carries it.</summary>
    private void Fail(MqttConnectionLostReason reason, string message)
    {
        if (Interlocked.CompareExchange(ref failure, new MqttConnectionLost(reason, message), null) is not null) return;
        // not from MQTTnet's delivery task: its disconnect waits for that task to end
        _ = Task.Run(async () =>
        {
            using var bound = new CancellationTokenSource(options.OperationTimeout);
            try
            {
                await client.DisconnectAsync(new MqttClientDisconnectOptions(), bound.Token);
            }
            catch (Exception e) when (e is MqttCommunicationException or OperationCanceledException or ObjectDisposedException)
            {
                // already gone: the disconnected event reports the failure all the same
            }
        });
    }

    private Task OnDisconnectedAsync(MqttClientDisconnectedEventArgs e)
    {
        if (!e.ClientWasConnected || Volatile.Read(ref closingByCaller) != 0 || Interlocked.Exchange(ref lostReported, 1) != 0) return Task.CompletedTask;
        onLost(Volatile.Read(ref failure) ?? Describe(e.Exception));
        return Task.CompletedTask;
    }

    private MqttConnectionLost Describe(Exception? e)
    {
        if (e is null) return new(MqttConnectionLostReason.TransportClosed, "The broker at " + options.Endpoint + " closed the connection.");
        // MQTTnet wraps what its reader threw (a MqttCommunicationException around an AggregateException, ...)
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is MqttProtocolViolationException violation)
                return new(MqttConnectionLostReason.ProtocolError, "The broker at " + options.Endpoint + " sent an invalid packet: " + violation.Message);
        }

        // MQTTnet pings after one keep-alive without sending and waits half of one for PINGRESP
        return e is MqttCommunicationTimedOutException or OperationCanceledException
            ? new(MqttConnectionLostReason.KeepAliveTimeout, "No PINGRESP from " + options.Endpoint + " within 1.5 x keep-alive ("
                + options.KeepAliveSeconds * 1.5 + " s) of the last packet sent: the link is considered dead.")
            : new(MqttConnectionLostReason.TransportClosed, "The connection to " + options.Endpoint + " failed: " + (e.InnerException ?? e).Message);
    }

    public Task OnInspectAsync(InspectMqttPacketEventArgs e)
    {
        if (e.Direction == MqttPacketFlowDirection.Inbound && e.Buffer.Length > 0 && e.Buffer[0] == PingRespHeader)
        {
            Interlocked.Increment(ref pingResponses);
            onPingResponse();
        }

        return Task.CompletedTask;
    }

    private string NotConnected(string what) => "Cannot " + what + ": the client '" + options.ClientId + "' is not connected to " + options.Endpoint + "; connect first.";

    private string TimedOut(string ack, string what) => "No " + ack + " from " + options.Endpoint + " within " + options.OperationTimeout.TotalSeconds + " s for " + what + ".";
}
