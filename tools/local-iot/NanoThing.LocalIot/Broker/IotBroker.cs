using System.Collections.Concurrent;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Packets;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace NanoThing.LocalIot.Broker;

/// <summary>
/// The stand-in's MQTT broker: MQTTnet's server on TLS 1.2+ with a required client certificate, behaving as AWS IoT
/// Core's message broker does (reference aws-iot.md §2, local-aws-iot.md §3-5):
/// <list type="bullet">
/// <item>TLS: the certificate must chain to a trusted CA or be registered itself (<see cref="IBrokerAuthority.TrustsCertificate"/>);
/// otherwise the handshake is aborted (no CONNACK).</item>
/// <item>CONNECT: refused (CONNACK NotAuthorized: 3.1.1 return code 5, MQTT 5 0x87) unless the authority accepts the
/// certificate and client id; client ids starting with <c>$</c> (reserved by AWS) or over 128 bytes are refused.</item>
/// <item>PUBLISH/SUBSCRIBE outside the policy: MQTT 3.1.1 connection closed; MQTT 5 PUBACK/SUBACK 0x87.
/// <c>iot:Receive</c> is checked per delivery and silently filters.</item>
/// <item>QoS 2 PUBLISH/SUBSCRIBE get no answer and are dropped; payloads over 128 KB close the connection and are neither
/// routed, retained nor handed to a service.</item>
/// <item>A second connection with a client id takes over (MQTTnet's own behaviour); persistent sessions
/// (cleanSession=0) keep subscriptions and queued QoS 1 messages for <see cref="IotBrokerOptions.SessionExpiry"/>;
/// retained messages are delivered only to subscriptions whose filter has no wildcard. With
/// <see cref="IotBrokerOptions.SessionFolder"/> both survive a restart (<see cref="Sessions.SessionPersistence"/>,
/// <see cref="Sessions.RetainedPersistence"/>).</item>
/// <item>Lifecycle events on <c>$aws/events/presence/connected|disconnected/&lt;clientId&gt;</c>; keep-alive within
/// AWS's 30-1200 s (the connection is closed after 1.5 x that without a packet).</item>
/// </list>
/// Every refusal is logged through <see cref="BrokerLog"/>. Services (<see cref="IBrokerService"/>) answer requests
/// in-process: the request is handed over before its PUBACK and the replies are injected as the broker's own messages.
/// </summary>
public sealed class IotBroker : IAsyncDisposable
{
    /// <summary>Sender id of messages the broker itself publishes (service replies, lifecycle events). Starts with
    /// <c>$</c>, which no client may use as its id, so it cannot be forged.</summary>
    public const string InternalSenderId = "$nanothing-broker";

    private static readonly TimeSpan ExpiryCheckInterval = TimeSpan.FromMinutes(1);

    private readonly IotBrokerOptions options;
    private readonly BrokerLog log;
    private readonly MqttServer server;
    private readonly ConcurrentDictionary<string, ConnectionState> connections = new(StringComparer.Ordinal);
    private readonly LifecycleEvents lifecycle = new();
    private readonly SubscriberIndex subscribers = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly Sessions.SessionPersistence? persistence;
    private readonly Sessions.RetainedPersistence? retained;
    private Task? expiryLoop;
    private int disposed;

    private IotBroker(IotBrokerOptions options)
    {
        this.options = options;
        log = new BrokerLog(options.Log ?? (_ => { }), options.Time);
        var serverOptions = new MqttServerOptionsBuilder()
            .WithoutDefaultEndpoint()
            .WithEncryptedEndpoint()
            .WithEncryptedEndpointBoundIPAddress(options.Address)
            .WithEncryptedEndpointPort(options.Port)
            .WithEncryptionCertificate(options.ServerCertificate)
            .WithEncryptionSslProtocol(SslProtocols.Tls12 | SslProtocols.Tls13)
            .WithClientCertificate(ValidateClientCertificate)
            .WithPersistentSessions()
            .WithDefaultCommunicationTimeout(TimeSpan.FromSeconds(30))
            .Build();
        server = new MqttServerFactory().CreateMqttServer(serverOptions);
        server.ValidatingConnectionAsync += OnValidatingConnectionAsync;
        server.ClientConnectedAsync += OnClientConnectedAsync;
        server.ClientDisconnectedAsync += OnClientDisconnectedAsync;
        server.InterceptingInboundPacketAsync += OnInboundPacketAsync;
        server.InterceptingPublishAsync += OnInterceptingPublishAsync;
        server.InterceptingSubscriptionAsync += OnInterceptingSubscriptionAsync;
        server.InterceptingClientEnqueueAsync += OnInterceptingEnqueueAsync;
        server.ClientUnsubscribedTopicAsync += args => Unsubscribed(args.SessionItems, args.TopicFilter);
        server.SessionDeletedAsync += args => SessionDeleted(args.Id, args.SessionItems);
        if (options.SessionFolder is { } folder)
        {
            persistence = new Sessions.SessionPersistence(server, folder, options.Time, options.SessionExpiry, log.Info, MayReceive);
            persistence.Attach(); // after the handlers above: it reads their decisions
            retained = new Sessions.RetainedPersistence(server, folder, options.Time, log.Info);
            retained.Attach();
        }
    }

    /// <summary>TLS port on loopback.</summary>
    public int Port => options.Port;

    /// <summary>"127.0.0.1:port": what clients connect to (the server certificate is valid for 127.0.0.1 and localhost).</summary>
    public string Endpoint => options.Address + ":" + options.Port;

    /// <summary>
    /// Starts listening. Null when listening, else a sentence naming the endpoint and what to do (e.g. the port is taken).
    /// </summary>
    public static async Task<(IotBroker? Broker, string? Error)> StartAsync(IotBrokerOptions options)
    {
        var broker = new IotBroker(options);
        try
        {
            await broker.server.StartAsync();
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or IOException or InvalidOperationException)
        {
            broker.server.Dispose();
            return (null, "The broker cannot listen on " + broker.Endpoint + ": " + e.Message + " If the port is in use, choose another (--port).");
        }

        broker.expiryLoop = Task.Run(broker.ExpireSessionsLoopAsync);
        broker.log.Info("broker: listening on " + broker.Endpoint + " (MQTT 3.1.1 and 5 over TLS 1.2+, client certificate required)");
        return (broker, null);
    }

    /// <summary>Publishes a message as the broker itself (QoS 1, or as given): routed to subscribers whose policy allows Receive.</summary>
    public Task PublishAsync(string topic, byte[] payload, bool retain = false, MqttQualityOfServiceLevel qos = MqttQualityOfServiceLevel.AtLeastOnce)
    {
        if (NobodyCanReceive(topic, retain))
        {
            return Task.CompletedTask; // MQTTnet would scan every session to deliver it to nobody
        }

        var message = new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithQualityOfServiceLevel(qos).WithRetainFlag(retain).Build();
        return server.InjectApplicationMessage(new InjectedMqttApplicationMessage(message) { SenderClientId = InternalSenderId }, stopping.Token);
    }

    /// <summary>Client ids connected right now.</summary>
    public async Task<IReadOnlyList<string>> ConnectedClientIdsAsync() => (await server.GetClientsAsync()).Select(c => c.Id).ToList();

    /// <summary>
    /// Deletes persistent sessions whose connection ended more than <see cref="IotBrokerOptions.SessionExpiry"/> ago (by
    /// <see cref="IotBrokerOptions.Time"/>); runs every minute by itself (MQTTnet never expires 3.1.1 sessions). Returns how many.
    /// </summary>
    public async Task<int> ExpireSessionsAsync()
    {
        var now = options.Time.GetUtcNow();
        var connected = new HashSet<string>(await ConnectedClientIdsAsync(), StringComparer.Ordinal);
        int expired = persistence?.ExpireWaiting() ?? 0;
        foreach (var session in await server.GetSessionsAsync())
        {
            if (!connected.Contains(session.Id) && connections.TryGetValue(session.Id, out var state)
                && state.DisconnectedAt is { } at && now - at >= options.SessionExpiry)
            {
                await session.DeleteAsync();
                connections.TryRemove(new KeyValuePair<string, ConnectionState>(session.Id, state));
                log.Info("broker: persistent session of '" + session.Id + "' expired (disconnected since " + at.ToString("O") + ")");
                expired++;
            }
        }

        return expired;
    }

    /// <summary>Stops listening and closes every connection; with <see cref="IotBrokerOptions.SessionFolder"/> the persistent
    /// sessions and retained messages are written there, else they are lost with the process. Never throws.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        stopping.Cancel();
        if (expiryLoop is not null)
        {
            await expiryLoop.ContinueWith(_ => { }, TaskScheduler.Default);
        }

        try
        {
            await server.StopAsync(new MqttServerStopOptionsBuilder().Build());
        }
        catch (Exception e) when (e is ObjectDisposedException or InvalidOperationException)
        {
            // already stopped
        }

        server.Dispose();
        if (persistence is not null && retained is not null)
        {
            await persistence.DisposeAsync();
            await retained.DisposeAsync();
        }

        log.Info("broker: stopped");
    }

    private async Task ExpireSessionsLoopAsync()
    {
        using var timer = new PeriodicTimer(ExpiryCheckInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping.Token))
            {
                await ExpireSessionsAsync();
            }
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
    }

    private bool ValidateClientCertificate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null)
        {
            log.Refusal(BrokerLog.Connect, "", null, null, null, "AUTHORIZATION_FAILURE", "TLS: no client certificate was presented; AWS IoT requires one");
            return false;
        }

        using var presented = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        if (options.Authority.TrustsCertificate(presented, out string explanation))
        {
            return true;
        }

        log.Refusal(BrokerLog.Connect, "", Policies.CertificateVariables.Id(presented), null, null, "AUTHORIZATION_FAILURE", "TLS: " + explanation);
        return false;
    }

    private Task OnValidatingConnectionAsync(ValidatingConnectionEventArgs args)
    {
        string clientId = args.ClientId ?? "";
        string endpoint = args.RemoteEndPoint?.ToString() ?? "";
        if (args.ClientCertificate is null)
        {
            return Refuse(args, MqttConnectReasonCode.NotAuthorized, null, "no client certificate");
        }

        if (clientId.StartsWith('$') || Encoding.UTF8.GetByteCount(clientId) > AwsLimits.MaxClientIdBytes)
        {
            return Refuse(args, MqttConnectReasonCode.ClientIdentifierNotValid, null,
                "client id '" + clientId + "' is not allowed: AWS reserves ids starting with '$' and limits them to " + AwsLimits.MaxClientIdBytes + " bytes");
        }

        var decision = options.Authority.AuthorizeConnect(args.ClientCertificate, clientId);
        if (!decision.Accepted)
        {
            return Refuse(args, MqttConnectReasonCode.NotAuthorized, Policies.CertificateVariables.Id(args.ClientCertificate), decision.Explanation);
        }

        ushort keepAlive = ApplyAwsKeepAlive(args);
        var state = new ConnectionState(decision.Identity!, args.ProtocolVersion, endpoint, Guid.NewGuid().ToString(), lifecycle.NextVersion(clientId)) { KeepAliveSeconds = keepAlive };
        if (connections.TryGetValue(clientId, out var previous) && previous.DisconnectedAt is null && !previous.TakenOver)
        {
            // AWS: the new connection is accepted and the old one disconnected (DUPLICATE_CLIENTID); MQTTnet takes over.
            previous.TakenOver = true;
            log.Info("broker: '" + clientId + "' connected again from " + endpoint + "; the previous connection (" + previous.Endpoint + ") is taken over");
            PublishDisconnected(clientId, previous, clientInitiated: false, "DUPLICATE_CLIENTID");
        }

        connections[clientId] = state; // a reused persistent session keeps its old items: the state is looked up by client id
        return Task.CompletedTask;

        Task Refuse(ValidatingConnectionEventArgs refused, MqttConnectReasonCode code, string? principal, string details)
        {
            refused.ReasonCode = code;
            log.Refusal(BrokerLog.Connect, clientId, principal, endpoint, null, "AUTHORIZATION_FAILURE", details);
            return Task.CompletedTask;
        }
    }

    /// <summary>
    /// Applies AWS's keep-alive bounds (<see cref="AwsLimits.EffectiveKeepAlive"/>) to the CONNECT that MQTTnet's
    /// keep-alive monitor reads (MqttServerKeepAliveMonitor: 1.5 x <c>ConnectPacket.KeepAlivePeriod</c>). MQTTnet 5.2
    /// exposes the value read-only on <see cref="ValidatingConnectionEventArgs"/>, so the packet is reached through the
    /// event's private <c>_connectPacket</c> field (MQ:Source/MQTTnet.Server/Events/ValidatingConnectionEventArgs.cs);
    /// if a later MQTTnet renames it, the client's own value stays in force (logged once).
    /// </summary>
    private ushort ApplyAwsKeepAlive(ValidatingConnectionEventArgs args)
    {
        ushort requested = args.KeepAlivePeriod ?? 0, effective = AwsLimits.EffectiveKeepAlive(requested);
        if (effective != requested)
        {
            if (ConnectPacketField?.GetValue(args) is MqttConnectPacket packet)
            {
                packet.KeepAlivePeriod = effective;
            }
            else if (Interlocked.Exchange(ref keepAliveWarned, 1) == 0)
            {
                log.Info("broker: cannot apply AWS's keep-alive bounds with this MQTTnet version; clients' own keep-alive values are used");
                return requested;
            }
        }

        return effective;
    }

    private static readonly System.Reflection.FieldInfo? ConnectPacketField =
        typeof(ValidatingConnectionEventArgs).GetField("_connectPacket", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance);

    private int keepAliveWarned;

    private Task OnClientConnectedAsync(ClientConnectedEventArgs args)
    {
        if (connections.TryGetValue(args.ClientId, out var state))
        {
            log.Info("broker: '" + args.ClientId + "' connected from " + state.Endpoint + " (certificate " + state.Identity.CertificateId[..12]
                + "…, thing " + (state.Identity.ThingName ?? "none") + ", MQTT " + (state.Protocol == MqttProtocolVersion.V500 ? "5" : "3.1.1")
                + ", keep-alive " + state.KeepAliveSeconds + " s)");
            if (LifecycleEvents.HasEvents(args.ClientId))
            {
                string ip = state.Endpoint.LastIndexOf(':') is int colon and > 0 ? state.Endpoint[..colon] : state.Endpoint;
                _ = PublishAsync(LifecycleEvents.ConnectedPrefix + args.ClientId, Encoding.UTF8.GetBytes(LifecycleEvents.Connected(
                    args.ClientId, Now(), state.SessionIdentifier, state.Identity.CertificateId, ip, state.Version)));
            }
        }

        return Task.CompletedTask;
    }

    private Task OnClientDisconnectedAsync(ClientDisconnectedEventArgs args)
    {
        if (args.DisconnectType == MqttClientDisconnectType.Takeover || !connections.TryGetValue(args.ClientId, out var state))
        {
            return Task.CompletedTask; // a taken-over connection's event was sent when the newcomer was accepted
        }

        state.DisconnectedAt = options.Time.GetUtcNow();
        bool clean = args.DisconnectType == MqttClientDisconnectType.Clean;
        string reason = state.CloseReason ?? (clean ? "CLIENT_INITIATED_DISCONNECT" : "CONNECTION_LOST");
        log.Info("broker: '" + args.ClientId + "' disconnected (" + reason + ")");
        PublishDisconnected(args.ClientId, state, clean && state.CloseReason is null, reason);
        return Task.CompletedTask;
    }

    private void PublishDisconnected(string clientId, ConnectionState state, bool clientInitiated, string reason)
    {
        if (LifecycleEvents.HasEvents(clientId) && disposed == 0)
        {
            _ = PublishAsync(LifecycleEvents.DisconnectedPrefix + clientId, Encoding.UTF8.GetBytes(LifecycleEvents.Disconnected(
                clientId, Now(), state.SessionIdentifier, state.Identity.CertificateId, clientInitiated, reason, state.Version)));
        }
    }

    private Task OnInboundPacketAsync(InterceptingPacketEventArgs args)
    {
        // AWS IoT Core answers no QoS 2 request (ARCH:mqtt.md "differences"): no PUBREC, no SUBACK; the packet is dropped.
        bool qos2 = args.Packet switch
        {
            MqttPublishPacket publish => publish.QualityOfServiceLevel == MqttQualityOfServiceLevel.ExactlyOnce,
            MqttSubscribePacket subscribe => subscribe.TopicFilters.Any(f => f.QualityOfServiceLevel == MqttQualityOfServiceLevel.ExactlyOnce),
            _ => false,
        };
        if (qos2)
        {
            args.ProcessPacket = false;
            string what = args.Packet is MqttPublishPacket p ? "PUBLISH to '" + p.Topic + "'" : "SUBSCRIBE";
            log.Refusal(args.Packet is MqttPublishPacket ? BrokerLog.PublishIn : BrokerLog.Subscribe, args.ClientId, Principal(args.ClientId), args.RemoteEndPoint?.ToString(),
                (args.Packet as MqttPublishPacket)?.Topic, "CLIENT_ERROR", what + " with QoS 2 is not supported by AWS IoT Core: dropped without an answer (use QoS 0 or 1)");
        }

        return Task.CompletedTask;
    }

    private async Task OnInterceptingPublishAsync(InterceptingPublishEventArgs args)
    {
        if (args.ClientId == InternalSenderId)
        {
            return;
        }

        var message = args.ApplicationMessage;
        if (!connections.TryGetValue(args.ClientId, out var state))
        {
            return; // injected by another part of the process (data plane): already authorized there
        }

        if (message.Payload.Length > AwsLimits.MaxPayloadBytes)
        {
            args.ProcessPublish = false;
            args.CloseConnection = true;
            args.Response.ReasonCode = MqttPubAckReasonCode.PayloadFormatInvalid;
            state.CloseReason = "CLIENT_ERROR";
            log.Refusal(BrokerLog.PublishIn, args.ClientId, state.Identity.CertificateId, state.Endpoint, message.Topic, "PAYLOAD_LIMIT_EXCEEDED",
                "payload of " + message.Payload.Length + " bytes is over AWS IoT's limit of " + AwsLimits.MaxPayloadBytes + " bytes (128 KB): not delivered, retained or stored; connection closed");
            return;
        }

        var decision = options.Authority.Authorize(state.Identity, BrokerAction.Publish, message.Topic);
        if (decision.Allowed && message.Retain)
        {
            decision = options.Authority.Authorize(state.Identity, BrokerAction.RetainPublish, message.Topic);
        }

        if (!decision.Allowed)
        {
            Deny(state, args.ClientId, message.Topic, decision.Explanation, closeV311: () => args.CloseConnection = true);
            args.ProcessPublish = false;
            args.Response.ReasonCode = MqttPubAckReasonCode.NotAuthorized;
            return;
        }

        foreach (var service in options.Services)
        {
            if (!service.Handles(message.Topic))
            {
                continue;
            }

            var replies = await service.HandleAsync(message.Topic, System.Buffers.BuffersExtensions.ToArray(message.Payload), args.CancellationToken);
            foreach (var reply in replies)
            {
                await PublishAsync(reply.Topic, reply.Payload);
            }

            break;
        }

        if (NobodyCanReceive(message.Topic, message.Retain))
        {
            // no session can receive it: answer as MQTTnet does for no matching subscriber (MQTT 5 PUBACK 0x10) without its scan of every session
            args.ProcessPublish = false;
            if (args.Response.ReasonCode == MqttPubAckReasonCode.Success)
            {
                args.Response.ReasonCode = MqttPubAckReasonCode.NoMatchingSubscribers;
            }
        }
    }

    /// <summary>True when no session holds a filter matching <paramref name="topic"/>, none restored after a restart waits
    /// for it, and it is not retained: dispatching it would reach nobody.</summary>
    private bool NobodyCanReceive(string topic, bool retain) =>
        !retain && !subscribers.MayMatch(topic) && persistence?.IsWaitingFor(topic) != true;

    private Task OnInterceptingSubscriptionAsync(InterceptingSubscriptionEventArgs args)
    {
        if (!connections.TryGetValue(args.ClientId, out var state))
        {
            subscribers.Subscribing(args.ClientId, args.SessionItems, args.TopicFilter.Topic);
            return Task.CompletedTask;
        }

        string filter = args.TopicFilter.Topic;
        var decision = options.Authority.Authorize(state.Identity, BrokerAction.Subscribe, filter);
        if (!decision.Allowed)
        {
            Deny(state, args.ClientId, filter, decision.Explanation, closeV311: () => args.CloseConnection = true, BrokerLog.Subscribe);
            args.ProcessSubscription = false;
            args.Response.ReasonCode = MqttSubscribeReasonCode.NotAuthorized;
            return Task.CompletedTask;
        }

        if (filter.Contains('+') || filter.Contains('#'))
        {
            args.TopicFilter.RetainHandling = MqttRetainHandling.DoNotSendOnSubscribe; // AWS: wildcard subscriptions get no retained messages
        }

        subscribers.Subscribing(args.ClientId, args.SessionItems, filter);
        return Task.CompletedTask;
    }

    private Task Unsubscribed(System.Collections.IDictionary sessionItems, string filter)
    {
        subscribers.Unsubscribed(sessionItems, filter);
        return Task.CompletedTask;
    }

    private Task SessionDeleted(string clientId, System.Collections.IDictionary sessionItems)
    {
        subscribers.SessionDeleted(clientId, sessionItems);
        return Task.CompletedTask;
    }

    private Task OnInterceptingEnqueueAsync(InterceptingClientApplicationMessageEnqueueEventArgs args)
    {
        if (!MayReceive(args.ReceiverClientId, args.ApplicationMessage.Topic))
        {
            args.AcceptEnqueue = false;
        }

        return Task.CompletedTask;
    }

    /// <summary>iot:Receive for the current connection of <paramref name="clientId"/>; a denial is logged.</summary>
    private bool MayReceive(string clientId, string topic)
    {
        if (!connections.TryGetValue(clientId, out var receiver))
        {
            return false;
        }

        var decision = options.Authority.Authorize(receiver.Identity, BrokerAction.Receive, topic);
        if (!decision.Allowed)
        {
            log.Refusal(BrokerLog.PublishOut, clientId, receiver.Identity.CertificateId, receiver.Endpoint, topic, "AUTHORIZATION_FAILURE",
                "iot:Receive denied, message not delivered: " + decision.Explanation);
        }

        return decision.Allowed;
    }

    /// <summary>Publish or subscribe denied: MQTT 3.1.1 closes the connection (AWS), MQTT 5 answers 0x87 and keeps it.</summary>
    private void Deny(ConnectionState state, string clientId, string resource, string explanation, Action closeV311, string eventType = BrokerLog.PublishIn)
    {
        bool close = state.Protocol != MqttProtocolVersion.V500;
        if (close)
        {
            closeV311();
            state.CloseReason = "FORBIDDEN_ACCESS";
        }

        string action = eventType == BrokerLog.Subscribe ? "iot:Subscribe" : "iot:Publish";
        log.Refusal(eventType, clientId, state.Identity.CertificateId, state.Endpoint, resource, "AUTHORIZATION_FAILURE",
            action + " denied" + (close ? ", connection closed (MQTT 3.1.1)" : ", answered 0x87 Not authorized (MQTT 5)") + ": " + explanation);
    }

    private string? Principal(string clientId) => connections.TryGetValue(clientId, out var state) ? state.Identity.CertificateId : null;

    private long Now() => options.Time.GetUtcNow().ToUnixTimeMilliseconds();
}
