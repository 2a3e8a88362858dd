using NanoThing.Mqtt.Connection;
using NanoThing.Mqtt.Packets;

namespace NanoThing.Mqtt;

/// <summary>
/// An MQTT 3.1.1 client over TLS with client certificates, for the host tools (AWS IoT Core or the local
/// stand-in), on MQTTnet's client. Expected failures (refused, unreachable, timed out, connection lost) are result
/// values with a sentence for the user; exceptions mean misuse (connecting twice) or caller cancellation.
/// The client never reconnects by itself: after <see cref="ConnectionLost"/> call <see cref="ConnectAsync"/> again.
/// Thread-safe: publish, subscribe and disconnect may be called concurrently; publishes are written in call order.
/// </summary>
public sealed class MqttClient : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private MqttNetConnection? _connection;
    private bool _connecting;
    private Action? _pingResponseReceived;

    /// <summary>Creates a client; nothing happens on the network until <see cref="ConnectAsync"/>.</summary>
    public MqttClient(MqttConnectOptions options) => Options = options;

    /// <summary>Where and how this client connects.</summary>
    public MqttConnectOptions Options { get; }

    /// <summary>True between an accepted <see cref="ConnectAsync"/> and the loss or close of the connection.</summary>
    public bool IsConnected => _connection?.IsOpen == true;

    /// <summary>PINGRESP packets received on the current connection when it was opened with a
    /// <see cref="PingResponseReceived"/> handler attached (diagnostics and tests).</summary>
    public long PingResponsesReceived => _connection?.PingResponses ?? 0;

    /// <summary>
    /// A PUBLISH arrived on a subscribed topic. Raised on the client's delivery task, one message at a time in
    /// arrival order; a QoS 1 message is acknowledged after the handler returns. The handler may publish or
    /// subscribe, even blocking on the result (acknowledgements are read on another task). A handler that throws
    /// closes the connection (<see cref="MqttConnectionLostReason.HandlerFailed"/>), so handlers should not throw.
    /// </summary>
    public event Action<MqttMessage>? MessageReceived;

    /// <summary>A PINGRESP arrived (keep-alive answered). Raised on the reader task; diagnostics and tests. Attach it
    /// before <see cref="ConnectAsync"/>: it is watched on connections opened while it has a handler, by a MQTTnet packet
    /// inspector that copies every packet, so leave it off in production.</summary>
    public event Action? PingResponseReceived
    {
        add { lock (_gate) _pingResponseReceived += value; }
        remove { lock (_gate) _pingResponseReceived -= value; }
    }

    /// <summary>The connection ended without <see cref="DisconnectAsync"/>: broker gone, keep-alive expired, invalid
    /// data. Raised once per connection on a background task.</summary>
    public event Action<MqttConnectionLost>? ConnectionLost;

    /// <summary>
    /// TCP connect, TLS handshake (server checked against <see cref="TlsSettings.TrustedCas"/> only), CONNECT and
    /// CONNACK as one step bounded by <see cref="MqttConnectOptions.ConnectTimeout"/>. Every CONNACK return code and
    /// every failure before it is a <see cref="MqttConnectResult"/>. Throws <see cref="InvalidOperationException"/>
    /// when already connected or connecting, <see cref="OperationCanceledException"/> when the caller cancels.
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
            var (result, connection) = await MqttNetConnection.ConnectAsync(Options, OnMessage, OnLost, OnPingResponse, _pingResponseReceived is not null, cancellationToken);
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
    /// the PUBACK up to <see cref="MqttConnectOptions.OperationTimeout"/>. The payload is copied before this returns.
    /// </summary>
    public Task<MqttPublishResult> PublishAsync(string topic, ReadOnlyMemory<byte> payload, MqttQos qos = MqttQos.AtLeastOnce,
        bool retain = false, CancellationToken cancellationToken = default)
    {
        if (MqttTopic.ValidateName(topic) is { } invalid) return Task.FromResult(new MqttPublishResult(MqttPublishStatus.InvalidTopic, invalid));
        var connection = _connection;
        if (connection is not { IsOpen: true }) return Task.FromResult(new MqttPublishResult(MqttPublishStatus.NotConnected, NotConnected("publish to '" + topic + "'")));
        return connection.PublishAsync(topic, payload, qos, retain, cancellationToken);
    }

    /// <summary>Subscribes to one topic filter; see <see cref="SubscribeAsync(IReadOnlyList{MqttSubscription}, CancellationToken)"/>.</summary>
    public Task<MqttSubscribeResult> SubscribeAsync(string topicFilter, MqttQos qos = MqttQos.AtLeastOnce, CancellationToken cancellationToken = default) =>
        SubscribeAsync([new MqttSubscription(topicFilter, qos)], cancellationToken);

    /// <summary>
    /// Sends one SUBSCRIBE and waits for its SUBACK up to <see cref="MqttConnectOptions.OperationTimeout"/>. The
    /// result lists, per filter, the granted QoS or a refusal (0x80); <see cref="MqttSubscribeResult.AllGranted"/>
    /// is true only when nothing was refused. Subscribe before publishing requests whose replies you need.
    /// </summary>
    public Task<MqttSubscribeResult> SubscribeAsync(IReadOnlyList<MqttSubscription> subscriptions, CancellationToken cancellationToken = default)
    {
        if (subscriptions.Count == 0) return Task.FromResult(new MqttSubscribeResult(MqttSubscribeStatus.InvalidTopicFilter, "No topic filter was given to subscribe to.", []));
        foreach (var subscription in subscriptions)
        {
            if (MqttTopic.ValidateFilter(subscription.TopicFilter) is { } invalid) return Task.FromResult(new MqttSubscribeResult(MqttSubscribeStatus.InvalidTopicFilter, invalid, []));
        }
        string filters = string.Join(", ", subscriptions.Select(s => "'" + s.TopicFilter + "'"));
        var connection = _connection;
        if (connection is not { IsOpen: true }) return Task.FromResult(new MqttSubscribeResult(MqttSubscribeStatus.NotConnected, NotConnected("subscribe to " + filters), []));
        return connection.SubscribeAsync(subscriptions, filters, cancellationToken);
    }

    /// <summary>Sends one UNSUBSCRIBE and waits for its UNSUBACK up to <see cref="MqttConnectOptions.OperationTimeout"/>.</summary>
    public Task<MqttSubscribeResult> UnsubscribeAsync(IReadOnlyList<string> topicFilters, CancellationToken cancellationToken = default)
    {
        if (topicFilters.Count == 0) return Task.FromResult(new MqttSubscribeResult(MqttSubscribeStatus.InvalidTopicFilter, "No topic filter was given to unsubscribe from.", []));
        foreach (var filter in topicFilters)
        {
            if (MqttTopic.ValidateFilter(filter) is { } invalid) return Task.FromResult(new MqttSubscribeResult(MqttSubscribeStatus.InvalidTopicFilter, invalid, []));
        }
        string filters = string.Join(", ", topicFilters.Select(f => "'" + f + "'"));
        var connection = _connection;
        if (connection is not { IsOpen: true }) return Task.FromResult(new MqttSubscribeResult(MqttSubscribeStatus.NotConnected, NotConnected("unsubscribe from " + filters), []));
        return connection.UnsubscribeAsync(topicFilters, filters, cancellationToken);
    }

    /// <summary>Sends DISCONNECT (bounded by the operation timeout) and closes. Does not raise <see cref="ConnectionLost"/>. Never throws.</summary>
    public async Task DisconnectAsync()
    {
        MqttNetConnection? connection;
        lock (_gate) (connection, _connection) = (_connection, null);
        if (connection is not null) await connection.CloseAsync();
    }

    /// <summary>Same as <see cref="DisconnectAsync"/>.</summary>
    public async ValueTask DisposeAsync() => await DisconnectAsync();

    private string NotConnected(string what) => "Cannot " + what + ": the client '" + Options.ClientId + "' is not connected to " + Options.Endpoint + "; connect first.";

    private void OnMessage(MqttMessage message) => MessageReceived?.Invoke(message);

    private void OnLost(MqttConnectionLost lost) => ConnectionLost?.Invoke(lost);

    private void OnPingResponse() => _pingResponseReceived?.Invoke();
}
