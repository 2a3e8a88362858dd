using System.Threading.Channels;
using NanoThing.Mqtt;
using NanoThing.Mqtt.Packets;

namespace NanoThing.LocalIot.Shadows;

/// <summary>
/// The Device Shadow service over MQTT: connects to the broker as the privileged identity, subscribes to every
/// thing's get/update/delete topics (classic and named), hands each request to a <see cref="ShadowCommitter"/> over a
/// <see cref="ShadowStore"/> and
/// publishes the replies at QoS 1 on the same shadow's reply topics, in order. Reconnects by itself when the
/// broker goes away, with a persistent session (clean session off), so QoS 1 requests published while the
/// service is disconnected from a running broker are delivered when it is back.
/// </summary>
/// <remarks>
/// A request is stored (on disk) before its PUBACK goes back to the broker, so a crash can lose replies but
/// not an accepted update; a request redelivered after a crash is applied again (at-least-once, as MQTT).
/// 429 (more than 10 requests in flight on one connection) is not generated: the service sees the broker's
/// connection, not the devices', and answers every request in arrival order, one at a time (its MQTT client delivers
/// one message at a time and the PUBACK waits for the store, so its batches hold one request each).
/// Replies that could not be published because the connection dropped are published after the reconnect.
/// </remarks>
public sealed class ShadowService : IAsyncDisposable
{
    private readonly ShadowServiceOptions options;
    private readonly MqttClient client;
    private readonly Action<string> log;
    private readonly IDisposable? ownedResources;
    private readonly ShadowCommitter committer;
    private readonly Lock handling = new();
    private bool closed;
    private readonly Channel<(string Topic, byte[] Payload)> replies = Channel.CreateUnbounded<(string, byte[])>(new() { SingleReader = true });
    private readonly CancellationTokenSource stopping = new();
    private volatile Link link = new();
    private Task? supervisor;
    private Task? publisher;
    private long requestsHandled;
    private int disposed;

    /// <summary>
    /// Creates the service over <paramref name="store"/>; nothing happens until <see cref="StartAsync"/>.
    /// <paramref name="ownedResources"/> (e.g. the data folder's <see cref="ShadowFolderLock"/>) is disposed
    /// last by <see cref="DisposeAsync"/>.
    /// </summary>
    public ShadowService(ShadowServiceOptions options, TlsSettings tls, ShadowStore store, IDisposable? ownedResources = null)
    {
        this.ownedResources = ownedResources;
        this.options = options;
        Store = store;
        log = options.Log ?? (_ => { });
        committer = new ShadowCommitter(store, log: log);
        client = new MqttClient(new MqttConnectOptions(options.BrokerHost, options.BrokerPort, options.ClientId, tls)
        {
            CleanSession = false,
            ServerName = options.ServerName,
            ConnectTimeout = options.Timeout,
            OperationTimeout = options.Timeout,
            KeepAliveSeconds = 30,
        });
        client.MessageReceived += OnMessage;
        client.ConnectionLost += OnConnectionLost;
    }

    /// <summary>The shadows this service serves.</summary>
    public ShadowStore Store { get; }

    /// <summary>True while connected and subscribed.</summary>
    public bool IsServing => link.Up.Task.IsCompleted && client.IsConnected;

    /// <summary>Requests handled since start (any outcome), for diagnostics and tests.</summary>
    public long RequestsHandled => Interlocked.Read(ref requestsHandled);

    /// <summary>
    /// Connects and subscribes once; on success keeps serving in the background (reconnecting when the broker
    /// goes away) until <see cref="DisposeAsync"/>. Returns null when serving, otherwise a sentence saying
    /// what failed (broker unreachable, certificate refused, subscription refused) and what to check.
    /// </summary>
    public async Task<string?> StartAsync(CancellationToken cancellationToken = default)
    {
        if (supervisor is not null)
        {
            throw new InvalidOperationException("The shadow service is already started.");
        }

        var error = await ConnectOnceAsync(cancellationToken);
        if (error is not null)
        {
            await client.DisconnectAsync();
            return error;
        }

        publisher = Task.Run(PublishRepliesAsync);
        supervisor = Task.Run(SuperviseAsync);
        return null;
    }

    /// <summary>
    /// Stops serving: publishes the replies already queued (bounded by <see cref="ShadowServiceOptions.Timeout"/>),
    /// disconnects, then waits for a request being handled to finish, so that nothing touches the shadows
    /// afterwards (another service may then open the same folder). Requests that arrive meanwhile are still
    /// stored, but their replies are dropped (logged); requests not acknowledged yet stay in the broker's
    /// session for the next start. Never throws.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        replies.Writer.TryComplete();
        if (publisher is not null)
        {
            await publisher.WaitAsync(options.Timeout).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        stopping.Cancel();
        foreach (var task in new[] { supervisor, publisher })
        {
            if (task is not null)
            {
                await task.ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }

        await client.DisconnectAsync();
        lock (handling)
        {
            closed = true; // a handler that starts now finds the connection closed: its PUBACK cannot go out
        }

        await committer.DisposeAsync();
        ownedResources?.Dispose();
    }

    private async Task<string?> ConnectOnceAsync(CancellationToken cancellationToken)
    {
        var result = await client.ConnectAsync(cancellationToken);
        if (!result.IsConnected)
        {
            return "The shadow service could not connect: " + result.Message;
        }

        var subscriptions = ShadowTopics.RequestFilters.Select(f => new MqttSubscription(f, MqttQos.AtLeastOnce)).ToList();
        var subscribed = await client.SubscribeAsync(subscriptions, cancellationToken);
        if (!subscribed.AllGranted)
        {
            return "The shadow service could not subscribe to the shadow request topics: " + subscribed.Message;
        }

        link.Up.TrySetResult();
        log("shadow service: serving shadows from " + options.BrokerHost + ":" + options.BrokerPort);
        return null;
    }

    private async Task SuperviseAsync()
    {
        var token = stopping.Token;
        try
        {
            while (!token.IsCancellationRequested)
            {
                await link.Down.Task.WaitAsync(token); // OnConnectionLost has already installed the next link
                var delay = TimeSpan.FromMilliseconds(50);
                while (!token.IsCancellationRequested)
                {
                    await Task.Delay(delay, token);
                    await client.DisconnectAsync();
                    var error = await ConnectOnceAsync(token);
                    if (error is null)
                    {
                        break;
                    }

                    if (delay >= options.MaxReconnectDelay)
                    {
                        log("shadow service: still reconnecting: " + error);
                    }

                    delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.MaxReconnectDelay.Ticks));
                }
            }
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
    }

    private async Task PublishRepliesAsync()
    {
        var token = stopping.Token;
        try
        {
            await foreach (var (topic, payload) in replies.Reader.ReadAllAsync(token))
            {
                while (true)
                {
                    var current = link;
                    await current.Up.Task.WaitAsync(token);
                    var result = await client.PublishAsync(topic, payload, MqttQos.AtLeastOnce, cancellationToken: token);
                    if (result.Succeeded)
                    {
                        break;
                    }

                    if (result.Status is not (MqttPublishStatus.NotConnected or MqttPublishStatus.ConnectionLost))
                    {
                        log("shadow service: dropping a reply: " + result.Message);
                        break;
                    }

                    log("shadow service: " + result.Message + " (publishing it again after the reconnect)");
                    await current.Down.Task.WaitAsync(token);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
    }

    private void OnMessage(MqttMessage message)
    {
        lock (handling)
        {
            if (!closed)
            {
                Handle(message);
            }
        }
    }

    private void Handle(MqttMessage message)
    {
        if (!ShadowTopics.TryParseRequest(message.Topic, out var id, out var operation))
        {
            log("shadow service: ignoring a message on '" + message.Topic + "': not a shadow request topic with a valid thing/shadow name");
            return;
        }

        IReadOnlyList<ShadowResponse> responses;
        try
        {
            // Blocking here keeps "stored before PUBACK": the handler returns (and the PUBACK goes) once it is on disk.
            responses = committer.HandleAsync(id, operation, message.Payload).GetAwaiter().GetResult();
        }
        catch (Exception e)
        {
            // A bug in the engine: answer 500 instead of letting the client drop the connection, which would
            // make the broker redeliver the same request forever.
            log("shadow service: internal error on '" + message.Topic + "' (a bug, please report it): " + e);
            var kind = operation switch
            {
                ShadowOperation.Get => ShadowResponseKind.GetRejected,
                ShadowOperation.Update => ShadowResponseKind.UpdateRejected,
                _ => ShadowResponseKind.DeleteRejected,
            };
            responses = [new(kind, ShadowMessages.Rejected(ShadowError.InternalFailure, options.Time.GetUtcNow().ToUnixTimeSeconds(), null))];
        }

        foreach (var reply in responses)
        {
            var topic = ShadowTopics.Response(id, reply.Kind);
            if (!replies.Writer.TryWrite((topic, System.Text.Encoding.UTF8.GetBytes(reply.Json))))
            {
                log("shadow service: stopping; the reply on '" + topic + "' is not published (the request itself was stored)");
            }
        }

        Interlocked.Increment(ref requestsHandled);
    }

    private void OnConnectionLost(MqttConnectionLost connectionLost)
    {
        log("shadow service: connection to " + options.BrokerHost + ":" + options.BrokerPort + " lost (" + connectionLost.Message + "); reconnecting");
        var old = link;
        link = new Link();
        old.Down.TrySetResult();
    }

    /// <summary>One period of connectivity: <see cref="Up"/> once subscribed, <see cref="Down"/> once lost.</summary>
    private sealed class Link
    {
        public TaskCompletionSource Up { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Down { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
