using NanoThing.Mqtt.Connection;
using NanoThing.Mqtt.Packets;

namespace NanoThing.Mqtt;

/// <summary>
/// An MQTT 3.1.1 client over TLS with client certificates, for the host tools (AWS IoT Core or the local
/// stand-in). Expected failures (refused, unreachable, timed out, connection lost) are result values with a
/// sentence for the user; exceptions mean misuse (connecting twice) or caller cancellation.
/// The client never reconnects by itself: after <see cref="ConnectionLost"/> call <see cref="ConnectAsync"/> again.
/// Thread-safe: publish, subscribe and disconnect may be called concurrently.
/// </summary>
public sealed class MqttClient : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private MqttConnection? _connection;
    private bool _connecting;

    /// <summary>Creates a client; nothing happens on the network until <see cref="ConnectAsync"/>.</summary>
    public MqttClient(MqttConnectOptions options) => Options = options;

    /// <summary>Where and how this client connects.</summary>
    public MqttConnectOptions Options { get; }

    /// <summary>True between an accepted <see cref="ConnectAsync"/> and the loss or close of the connection.</summary>
    public bool IsConnected => _connection?.IsOpen == true;

    /// <summary>PINGRESP packets received on the current connection (diagnostics and tests).</summary>
    public long PingResponsesReceived => _connection?.PingResponses ?? 0;

    /// <summary>
    /// A PUBLISH arrived on a subscribed topic. Raised on the client's delivery task, one message at a time in
    /// arrival order; a QoS 1 message is acknowledged after the handler returns. The handler may publish or
    /// subscribe, even blocking on the result (acknowledgements are read on another task). A handler that throws
    /// closes the connection (<see cref="MqttConnectionLostReason.HandlerFailed"/>), so handlers should not throw.
    /// </summary>
    public event Action<MqttMessage>? MessageReceived;

    /// <summary>A PINGRESP arrived (keep-alive answered). Raised on the reader task; diagnostics and tests.</summary>
    public event Action? PingResponseReceived;

    /// <summary>The connection ended without <see cref="DisconnectAsync"/>: broker gone, keep-alive expired, invalid
    /// data. Raised once per connection on a background task.</summary>
    public event Action<MqttConnectionLost>? ConnectionLost;

    /// <summary>
    /// TCP connect, TLS handshake (server checked against <see cref="TlsSettings.TrustedCas"/> only), CONNECT and
    /// CONNACK as one step bounded by <see cref="MqttConnectOptions.ConnectTimeout"/>. Every CONNACK return code and
    /// every failure before it is a <see cref="MqttConnectResult"/>. Throws <see cref="InvalidOperationException"/>
    /// when already connected or connecting.
    /// </summary>
    public async Task<MqttConnectResult> ConnectAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_connecting || _connection?.IsOpen == true) throw new InvalidOperationException("The MQTT client for '" + Options.ClientId + "' is already connected or connecting.");
            _connecting = true;
        }
        try
        {
            var (result, connection) = await MqttConnector.ConnectAsync(Options, OnMessage, OnLost, OnPingResponse, cancellationToken);
            lock (_gate) _connection = connection;
            return result;
        }
        finally
        {
            lock (_gate) _connecting = false;
        }
    }

    /// <summary>
    /// Publishes <paramref name="payload"/> to <paramref name="topic"/>. QoS 0 returns once written; QoS 1 waits for
    /// the PUBACK up to <see cref="MqttConnectOptions.OperationTimeout"/>.
    /// </summary>
    public async Task<MqttPublishResult> PublishAsync(string topic, ReadOnlyMemory<byte> payload, MqttQos qos = MqttQos.AtLeastOnce,
        bool retain = false, CancellationToken cancellationToken = default)
    {
        if (MqttTopic.ValidateName(topic) is { } invalid) return new(MqttPublishStatus.InvalidTopic, invalid);
        var connection = _connection;
        if (connection is not { IsOpen: true }) return new(MqttPublishStatus.NotConnected, NotConnected("publish to '" + topic + "'"));
        ushort packetId = qos == MqttQos.AtMostOnce ? (ushort)0 : connection.NextPacketId();
        var ack = qos == MqttQos.AtMostOnce ? null : connection.ExpectAck(MqttPacketType.PubAck, packetId);
        if (!await connection.SendAsync(new PublishPacket(topic, payload, qos, packetId, retain).Encode(), cancellationToken))
            return new(MqttPublishStatus.ConnectionLost, "The connection to " + Options.Endpoint + " was lost while publishing to '" + topic + "'.");
        if (ack is null) return new(MqttPublishStatus.Sent, "Published to '" + topic + "' (QoS 0).");
        return await AwaitAckAsync(connection, packetId, ack, cancellationToken) switch
        {
            (AckOutcome.Received, _) => new(MqttPublishStatus.Acknowledged, "The broker acknowledged the publish to '" + topic + "'."),
            (AckOutcome.TimedOut, _) => new(MqttPublishStatus.Timeout, TimedOut("PUBACK", "the publish to '" + topic + "'")),
            _ => new(MqttPublishStatus.ConnectionLost, "The connection to " + Options.Endpoint + " was lost before the PUBACK for '" + topic + "'."),
        };
    }

    /// <summary>Subscribes to one topic filter; see <see cref="SubscribeAsync(IReadOnlyList{MqttSubscription}, CancellationToken)"/>.</summary>
    public Task<MqttSubscribeResult> SubscribeAsync(string topicFilter, MqttQos qos = MqttQos.AtLeastOnce, CancellationToken cancellationToken = default) =>
        SubscribeAsync([new MqttSubscription(topicFilter, qos)], cancellationToken);

    /// <summary>
    /// Sends one SUBSCRIBE and waits for its SUBACK up to <see cref="MqttConnectOptions.OperationTimeout"/>. The
    /// result lists, per filter, the granted QoS or a refusal (0x80); <see cref="MqttSubscribeResult.AllGranted"/>
    /// is true only when nothing was refused. Subscribe before publishing requests whose replies you need.
    /// </summary>
    public async Task<MqttSubscribeResult> SubscribeAsync(IReadOnlyList<MqttSubscription> subscriptions, CancellationToken cancellationToken = default)
    {
        if (subscriptions.Count == 0) return new(MqttSubscribeStatus.InvalidTopicFilter, "No topic filter was given to subscribe to.", []);
        foreach (var subscription in subscriptions)
        {
            if (MqttTopic.ValidateFilter(subscription.TopicFilter) is { } invalid) return new(MqttSubscribeStatus.InvalidTopicFilter, invalid, []);
        }
        string filters = string.Join(", ", subscriptions.Select(s => "'" + s.TopicFilter + "'"));
        var connection = _connection;
        if (connection is not { IsOpen: true }) return new(MqttSubscribeStatus.NotConnected, NotConnected("subscribe to " + filters), []);
        ushort packetId = connection.NextPacketId();
        var ack = connection.ExpectAck(MqttPacketType.SubAck, packetId);
        if (!await connection.SendAsync(new SubscribePacket(packetId, subscriptions).Encode(), cancellationToken))
            return new(MqttSubscribeStatus.ConnectionLost, "The connection to " + Options.Endpoint + " was lost while subscribing to " + filters + ".", []);
        var (outcome, packet) = await AwaitAckAsync(connection, packetId, ack, cancellationToken);
        if (outcome == AckOutcome.TimedOut) return new(MqttSubscribeStatus.Timeout, TimedOut("SUBACK", "the subscription to " + filters), []);
        if (outcome == AckOutcome.Lost) return new(MqttSubscribeStatus.ConnectionLost, "The connection to " + Options.Endpoint + " was lost before the SUBACK for " + filters + ".", []);
        return SubAckResult(subscriptions, (SubAckPacket)packet!);
    }

    /// <summary>Sends one UNSUBSCRIBE and waits for its UNSUBACK up to <see cref="MqttConnectOptions.OperationTimeout"/>.</summary>
    public async Task<MqttSubscribeResult> UnsubscribeAsync(IReadOnlyList<string> topicFilters, CancellationToken cancellationToken = default)
    {
        if (topicFilters.Count == 0) return new(MqttSubscribeStatus.InvalidTopicFilter, "No topic filter was given to unsubscribe from.", []);
        foreach (var filter in topicFilters)
        {
            if (MqttTopic.ValidateFilter(filter) is { } invalid) return new(MqttSubscribeStatus.InvalidTopicFilter, invalid, []);
        }
        string filters = string.Join(", ", topicFilters.Select(f => "'" + f + "'"));
        var connection = _connection;
        if (connection is not { IsOpen: true }) return new(MqttSubscribeStatus.NotConnected, NotConnected("unsubscribe from " + filters), []);
        ushort packetId = connection.NextPacketId();
        var ack = connection.ExpectAck(MqttPacketType.UnsubAck, packetId);
        if (!await connection.SendAsync(new UnsubscribePacket(packetId, topicFilters).Encode(), cancellationToken))
            return new(MqttSubscribeStatus.ConnectionLost, "The connection to " + Options.Endpoint + " was lost while unsubscribing.", []);
        return (await AwaitAckAsync(connection, packetId, ack, cancellationToken)).Outcome switch
        {
            AckOutcome.Received => new(MqttSubscribeStatus.Completed, "Unsubscribed from " + filters + ".", []),
            AckOutcome.TimedOut => new(MqttSubscribeStatus.Timeout, TimedOut("UNSUBACK", "unsubscribing from " + filters), []),
            _ => new(MqttSubscribeStatus.ConnectionLost, "The connection to " + Options.Endpoint + " was lost before the UNSUBACK.", []),
        };
    }

    /// <summary>Sends DISCONNECT (bounded by the operation timeout) and closes. Does not raise <see cref="ConnectionLost"/>. Never throws.</summary>
    public async Task DisconnectAsync()
    {
        MqttConnection? connection;
        lock (_gate) (connection, _connection) = (_connection, null);
        if (connection is not null) await connection.CloseAsync();
    }

    /// <summary>Same as <see cref="DisconnectAsync"/>.</summary>
    public async ValueTask DisposeAsync() => await DisconnectAsync();

    private enum AckOutcome { Received, TimedOut, Lost }

    private async Task<(AckOutcome Outcome, MqttPacket? Packet)> AwaitAckAsync(MqttConnection connection, ushort packetId, Task<MqttPacket?> ack, CancellationToken cancellationToken)
    {
        try
        {
            var packet = await ack.WaitAsync(Options.OperationTimeout, cancellationToken);
            return (packet is null ? AckOutcome.Lost : AckOutcome.Received, packet);
        }
        catch (TimeoutException)
        {
            connection.ForgetAck(packetId);
            return (AckOutcome.TimedOut, null);
        }
        catch (OperationCanceledException)
        {
            connection.ForgetAck(packetId);
            throw;
        }
    }

    private MqttSubscribeResult SubAckResult(IReadOnlyList<MqttSubscription> subscriptions, SubAckPacket subAck)
    {
        if (subAck.ReturnCodes.Count != subscriptions.Count)
            return new(MqttSubscribeStatus.Completed, "The broker at " + Options.Endpoint + " answered " + subscriptions.Count + " filters with "
                + subAck.ReturnCodes.Count + " SUBACK codes; treating every filter as refused.", subscriptions.Select(s => new MqttSubscriptionOutcome(s.TopicFilter, null)).ToList());
        var outcomes = subscriptions.Select((s, i) => new MqttSubscriptionOutcome(s.TopicFilter,
            subAck.ReturnCodes[i] == SubAckPacket.Failure ? null : (MqttQos)Math.Min(subAck.ReturnCodes[i], (byte)1))).ToList();
        var refused = outcomes.Where(o => o.Refused).Select(o => "'" + o.TopicFilter + "'").ToList();
        return new(MqttSubscribeStatus.Completed, refused.Count == 0
            ? "Subscribed to " + string.Join(", ", outcomes.Select(o => "'" + o.TopicFilter + "'")) + "."
            : "The broker at " + Options.Endpoint + " refused the subscription to " + string.Join(", ", refused)
              + " (SUBACK 0x80); check that the client's policy allows subscribing to it.", outcomes);
    }

    private string NotConnected(string what) => "Cannot " + what + ": the client '" + Options.ClientId + "' is not connected to " + Options.Endpoint + "; connect first.";

    private string TimedOut(string ack, string what) => "No " + ack + " from " + Options.Endpoint + " within " + Options.OperationTimeout.TotalSeconds + " s for " + what + ".";

    private void OnMessage(MqttMessage message) => MessageReceived?.Invoke(message);

    private void OnLost(MqttConnectionLost lost) => ConnectionLost?.Invoke(lost);

    private void OnPingResponse() => PingResponseReceived?.Invoke();
}
