using System.Runtime.CompilerServices;
using MQTTnet;
using MQTTnet.Packets;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace NanoThing.LocalIot.Broker.Sessions;

/// <summary>
/// Keeps the broker's persistent sessions across a restart of the stand-in, as AWS IoT Core keeps them across its own
/// maintenance (reference aws-iot.md §2.5, local-aws-iot.md §4.1): a client that connected with
/// cleanSession=0 finds, after the restart, its subscriptions and the QoS 1 messages it had not acknowledged, plus those
/// published to its filters while it was away; CONNACK says sessionPresent=1; the 1-hour expiry counts across restarts.
/// <para>What MQTTnet 5.2's server offers and what is written here (MQ:Source/MQTTnet.Server at v5.2.0). For retained
/// messages its own hooks do the job (<see cref="RetainedPersistence"/>). For sessions they do not:</para>
/// <list type="bullet">
/// <item>MQTTnet keeps sessions in memory only and has no way to create one for a client that is not connected
/// (<c>PreparingSessionAsync</c> carries no client id and is marked "not yet final ... restoring sessions from storage
/// will be added later" in Internal/MqttClientSessionsManager.cs), and <c>MqttSessionStatus</c> exposes neither
/// subscriptions nor queued messages. So the session state is mirrored here from MQTTnet's events (subscribed,
/// unsubscribed, enqueue, PUBACK, queue overflow, disconnect, session deleted) into <see cref="PersistentSession"/>s
/// written to <c>sessions.json</c>.</item>
/// <item>After a restart a session waits here for its client (messages for its filters are stored here meanwhile),
/// and when the client connects with cleanSession=0 its MQTTnet session — new and empty — gets the stored messages
/// (<c>MqttSessionStatus.TryEnqueueApplicationMessage</c>, each checked against iot:Receive for the new connection) and
/// then the subscriptions (<c>MqttServer.SubscribeAsync</c>, without retained messages, as a resumed session is not a
/// new SUBSCRIBE), all before the CONNACK leaves (<c>InterceptingOutboundPacketAsync</c>), whose session-present flag
/// is set.</item>
/// </list>
/// Thread-safe: MQTTnet raises the events on its connection tasks; all state is under one lock, and the hand-over of a
/// waiting session to its client is serialized with the storing of new messages for waiting sessions, so a message is
/// delivered once, in publish order after the stored ones.
/// </summary>
public sealed class SessionPersistence : IAsyncDisposable
{
    /// <summary>
    /// Most QoS 1 messages one session stores; beyond it the oldest is dropped (and logged). AWS's documented bounds
    /// (reference aws-iot.md §2.3) are 100 unacknowledged outbound QoS 1 publishes per client, which bounds what is in
    /// flight rather than what is stored, and QoS 1 redelivery for up to 1 hour (<see cref="MessageLifetime"/>); the
    /// stand-in adds a count so a stopped reader cannot grow the file without end, equal to MQTTnet's own queue bound
    /// (<c>MqttServerOptions.MaxPendingMessagesPerClient</c>, 1,000, DropOldestQueuedMessage) so the two agree.
    /// </summary>
    public const int MaxStoredMessages = 1000;

    /// <summary>AWS redelivers a QoS 1 message for up to 1 hour (reference aws-iot.md §2.3); older stored messages are dropped.</summary>
    public static readonly TimeSpan MessageLifetime = TimeSpan.FromHours(1);

    private readonly MqttServer server;
    private readonly TimeProvider time;
    private readonly TimeSpan expiry;
    private readonly Action<string> log;
    private readonly Func<string, string, bool> mayReceive;
    private readonly Lock gate = new();
    private readonly Dictionary<string, PersistentSession> sessions = new(StringComparer.Ordinal);
    private readonly HashSet<string> resuming = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim handover = new(1, 1);
    private readonly ConditionalWeakTable<MqttApplicationMessage, HashSet<string>> storedForWaiting = new();
    private readonly CoalescingWriter sessionsWriter;
    private int waiting;

    /// <summary>
    /// Reads <paramref name="folder"/>'s <see cref="SessionFile"/> (an unreadable file is moved aside and logged) and
    /// drops sessions expired meanwhile. Call <see cref="Attach"/> before the server starts.
    /// </summary>
    /// <param name="server">The broker's MQTTnet server, not started yet.</param>
    /// <param name="folder">Where <c>sessions.json</c> is kept (created on the first write).</param>
    /// <param name="time">Clock for expiry and message age.</param>
    /// <param name="expiry">How long a session outlives its connection (AWS: 1 h).</param>
    /// <param name="log">Receives a line per restore, resume, expiry, drop or write failure.</param>
    /// <param name="mayReceive">iot:Receive for (client id, topic) on the client's current connection; logs a denial.</param>
    public SessionPersistence(MqttServer server, string folder, TimeProvider time, TimeSpan expiry, Action<string> log, Func<string, string, bool> mayReceive)
    {
        this.server = server;
        this.time = time;
        this.expiry = expiry;
        this.log = log;
        this.mayReceive = mayReceive;
        string path = Path.Combine(folder, SessionFile.FileName);
        LoadSessions(path);
        sessionsWriter = new CoalescingWriter(path, SessionsSnapshot, log);
    }

    /// <summary>
    /// Registers on the server's events. Call after the broker's own handlers: MQTTnet runs the handlers of
    /// an event in registration order on the same arguments, and these read the broker's decisions (ProcessPublish,
    /// AcceptEnqueue, the connect reason code).
    /// </summary>
    public void Attach()
    {
        server.ValidatingConnectionAsync += OnValidatingConnectionAsync;
        server.InterceptingOutboundPacketAsync += OnOutboundPacketAsync;
        server.InterceptingPublishAsync += OnPublishAsync;
        server.InterceptingClientEnqueueAsync += OnEnqueueAsync;
        server.ClientAcknowledgedPublishPacketAsync += args => Forget(args.ClientId, args.PublishPacket);
        server.QueuedApplicationMessageOverwrittenAsync += args => Forget(args.ReceiverClientId, args.Packet as MqttPublishPacket);
        server.ClientSubscribedTopicAsync += args => Change(args.ClientId, s => s.Subscriptions[args.TopicFilter.Topic] = args.TopicFilter.QualityOfServiceLevel);
        server.ClientUnsubscribedTopicAsync += args => Change(args.ClientId, s => s.Subscriptions.Remove(args.TopicFilter));
        server.ClientDisconnectedAsync += args => args.DisconnectType == MqttClientDisconnectType.Takeover
            ? Task.CompletedTask
            : Change(args.ClientId, s => s.DisconnectedAt = time.GetUtcNow());
        server.SessionDeletedAsync += args => Change(args.Id, s => sessions.Remove(s.ClientId));
    }

    /// <summary>
    /// Deletes the sessions restored from disk whose client has not come back within the expiry, counted from the end of
    /// its last connection (before the restart, by the clock of <see cref="IotBrokerOptions.Time"/>). Sessions MQTTnet holds
    /// are expired by <see cref="IotBroker.ExpireSessionsAsync"/>. Returns how many.
    /// </summary>
    public int ExpireWaiting()
    {
        var now = time.GetUtcNow();
        List<PersistentSession> expired;
        lock (gate)
        {
            expired = [.. sessions.Values.Where(s => s.AwaitingClient && now - (s.DisconnectedAt ?? now) >= expiry)];
            foreach (var session in expired)
            {
                Remove(session);
            }
        }

        foreach (var session in expired)
        {
            log("broker: persistent session of '" + session.ClientId + "' expired (disconnected since " + session.DisconnectedAt?.ToString("O") + ", before the last restart)");
        }

        if (expired.Count > 0)
        {
            sessionsWriter.Request();
        }

        return expired.Count;
    }

    /// <summary>
    /// True when a session restored after a restart, still waiting for its client, holds a filter that takes
    /// <paramref name="topic"/> at QoS 1: a message to it must be dispatched even when no session MQTTnet holds
    /// subscribes (it is stored here for the waiting one), so the broker's skip of messages nobody can receive must not
    /// skip it.
    /// </summary>
    public bool IsWaitingFor(string topic)
    {
        if (Volatile.Read(ref waiting) == 0)
        {
            return false;
        }

        lock (gate)
        {
            foreach (var session in sessions.Values)
            {
                if (session.AwaitingClient && session.DeliveryQos(topic, MqttQualityOfServiceLevel.AtLeastOnce) == MqttQualityOfServiceLevel.AtLeastOnce)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Writes the final state: every session as disconnected now (the broker has closed every connection). Never throws.</summary>
    public async ValueTask DisposeAsync()
    {
        var now = time.GetUtcNow();
        lock (gate)
        {
            foreach (var session in sessions.Values)
            {
                session.DisconnectedAt ??= now;
            }
        }

        await sessionsWriter.DisposeAsync();
        handover.Dispose();
    }

    private void LoadSessions(string path)
    {
        if (!File.Exists(path))
        {
            return;
        }

        var now = time.GetUtcNow();
        if (!SessionFile.TryRead(File.ReadAllBytes(path), out var restored, out string error))
        {
            log("broker: " + DurableFile.SetAside(path, error, now));
            return;
        }

        // A session still connected when the process ended without stopping (killed) has no end time: the file's is the latest it can be.
        var lastWrite = new DateTimeOffset(File.GetLastWriteTimeUtc(path));
        int kept = 0, stored = 0, dropped = 0;
        foreach (var session in restored)
        {
            session.DisconnectedAt ??= lastWrite;
            if (now - session.DisconnectedAt >= expiry)
            {
                log("broker: persistent session of '" + session.ClientId + "' expired while the stand-in was stopped (disconnected since " + session.DisconnectedAt?.ToString("O") + ")");
                continue;
            }

            dropped += session.DropStoredBefore(now - MessageLifetime);
            sessions[session.ClientId] = session;
            kept++;
            stored += session.Messages.Count;
        }

        waiting = kept;
        if (kept > 0)
        {
            log("broker: " + kept + " persistent session(s) restored from " + path + " with " + stored + " stored QoS 1 message(s)"
                + (dropped > 0 ? " (" + dropped + " older than 1 h dropped)" : "") + "; each resumes when its client connects with cleanSession=0");
        }
    }

    private Task OnValidatingConnectionAsync(ValidatingConnectionEventArgs args)
    {
        if (args.ReasonCode != MqttConnectReasonCode.Success)
        {
            return Task.CompletedTask;
        }

        string clientId = args.ClientId;
        // MQTTnet keeps a session after the connection when 3.1.1 cleanSession=0 or MQTT 5 session expiry > 0 (MqttClientSessionsManager.ShouldPersistSession).
        bool clean = args.CleanSession != false;
        bool persistent = args.ProtocolVersion == MQTTnet.Formatter.MqttProtocolVersion.V500 ? args.SessionExpiryInterval > 0 : !clean;
        bool changed = false;
        lock (gate)
        {
            sessions.TryGetValue(clientId, out var existing);
            if (clean && existing is not null)
            {
                Remove(existing); // AWS: cleanSession=1 ends the session (aws-iot.md §2.5)
                existing = null;
                changed = true;
            }

            if (existing is { AwaitingClient: true })
            {
                resuming.Add(clientId);
            }
            else if (existing is null && persistent)
            {
                sessions[clientId] = new PersistentSession(clientId);
                changed = true;
            }
        }

        if (changed)
        {
            sessionsWriter.Request();
        }

        return Task.CompletedTask;
    }

    private async Task OnOutboundPacketAsync(InterceptingPacketEventArgs args)
    {
        // Only an accepted CONNECT's CONNACK passes the interceptor (a refusal is sent on the channel directly).
        if (args.Packet is not MqttConnAckPacket connAck)
        {
            return;
        }

        bool resume;
        lock (gate) resume = resuming.Remove(args.ClientId);
        if (resume && await ResumeAsync(args.ClientId))
        {
            connAck.IsSessionPresent = true;
        }
    }

    /// <summary>Gives a waiting session's stored messages, then its subscriptions, to the client's new MQTTnet session.</summary>
    private async Task<bool> ResumeAsync(string clientId)
    {
        await handover.WaitAsync();
        try
        {
            PersistentSession? session;
            List<StoredMessage> messages;
            List<MqttTopicFilter> filters;
            int expired;
            lock (gate)
            {
                if (!sessions.TryGetValue(clientId, out session) || !session.AwaitingClient)
                {
                    return false;
                }

                expired = session.DropStoredBefore(time.GetUtcNow() - MessageLifetime);
                messages = [.. session.Messages];
                filters = [.. session.Subscriptions.Select(s => new MqttTopicFilterBuilder().WithTopic(s.Key).WithQualityOfServiceLevel(s.Value)
                    .WithRetainHandling(MqttRetainHandling.DoNotSendOnSubscribe).Build())];
            }

            var status = await server.GetSessionAsync(clientId);
            if (status is null)
            {
                log("broker: the persistent session of '" + clientId + "' could not be resumed: its connection ended during CONNECT; it waits for the next one");
                return false;
            }

            int denied = 0;
            foreach (var message in messages)
            {
                if (!mayReceive(clientId, message.Topic))
                {
                    lock (gate) session.Forget(message.Topic, message.Payload);
                    denied++;
                    continue;
                }

                status.TryEnqueueApplicationMessage(new MqttApplicationMessageBuilder().WithTopic(message.Topic).WithPayload(message.Payload)
                    .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(), out _);
            }

            if (filters.Count > 0)
            {
                await server.SubscribeAsync(clientId, filters);
            }

            lock (gate)
            {
                session.AwaitingClient = false;
                session.DisconnectedAt = null;
                waiting--;
            }

            sessionsWriter.Request();
            log("broker: persistent session of '" + clientId + "' resumed after a restart: " + filters.Count + " subscription(s), "
                + (messages.Count - denied) + " stored message(s) delivered" + (denied > 0 ? ", " + denied + " not (iot:Receive denied)" : "")
                + (expired > 0 ? ", " + expired + " older than 1 h dropped" : ""));
            return true;
        }
        catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException)
        {
            log("broker: the persistent session of '" + clientId + "' could not be resumed (" + e.Message + "); it waits for the next connection");
            return false;
        }
        finally
        {
            handover.Release();
        }
    }

    private async Task OnPublishAsync(InterceptingPublishEventArgs args)
    {
        var message = args.ApplicationMessage;
        // Refused by the broker (policy, 128 KB) is a closed connection or a reason code; ProcessPublish=false alone may
        // only mean that no session MQTTnet holds can receive it, which a waiting session does not change.
        bool refused = args.CloseConnection || args.Response.ReasonCode is not (MqttPubAckReasonCode.Success or MqttPubAckReasonCode.NoMatchingSubscribers);
        if (refused || message is null || message.QualityOfServiceLevel == MqttQualityOfServiceLevel.AtMostOnce || !IsWaitingFor(message.Topic))
        {
            return; // a session starts waiting only when restored at start, so one that none waits for now never will
        }

        bool stored = false;
        await handover.WaitAsync(args.CancellationToken);
        try
        {
            lock (gate)
            {
                foreach (var session in sessions.Values)
                {
                    if (session.AwaitingClient && session.DeliveryQos(message.Topic, message.QualityOfServiceLevel) == MqttQualityOfServiceLevel.AtLeastOnce)
                    {
                        Store(session, message);
                        // The message is dispatched after this handler: if the client resumes first, it must not get it twice.
                        storedForWaiting.GetOrCreateValue(message).Add(session.ClientId);
                        stored = true;
                    }
                }
            }
        }
        finally
        {
            handover.Release();
        }

        if (stored)
        {
            sessionsWriter.Request();
        }
    }

    private Task OnEnqueueAsync(InterceptingClientApplicationMessageEnqueueEventArgs args)
    {
        if (!args.AcceptEnqueue)
        {
            return Task.CompletedTask;
        }

        var message = args.ApplicationMessage;
        lock (gate)
        {
            if (storedForWaiting.TryGetValue(message, out var receivers) && receivers.Contains(args.ReceiverClientId))
            {
                args.AcceptEnqueue = false; // stored while the session waited and handed over with it
                return Task.CompletedTask;
            }

            if (!sessions.TryGetValue(args.ReceiverClientId, out var session) || session.AwaitingClient
                || (session.DeliveryQos(message.Topic, message.QualityOfServiceLevel) ?? message.QualityOfServiceLevel) == MqttQualityOfServiceLevel.AtMostOnce)
            {
                return Task.CompletedTask;
            }

            Store(session, message);
        }

        sessionsWriter.Request();
        return Task.CompletedTask;
    }

    private void Store(PersistentSession session, MqttApplicationMessage message)
    {
        var dropped = session.Store(new StoredMessage(message.Topic, System.Buffers.BuffersExtensions.ToArray(message.Payload), time.GetUtcNow()), MaxStoredMessages);
        if (dropped is not null)
        {
            log("broker: the persistent session of '" + session.ClientId + "' holds " + MaxStoredMessages + " unacknowledged QoS 1 messages; the oldest (topic '"
                + dropped.Topic + "', stored " + dropped.StoredAt.ToString("O") + ") is dropped");
        }
    }

    private Task Forget(string clientId, MqttPublishPacket? packet)
    {
        if (packet is null || packet.QualityOfServiceLevel == MqttQualityOfServiceLevel.AtMostOnce)
        {
            return Task.CompletedTask;
        }

        bool changed;
        lock (gate)
        {
            changed = sessions.TryGetValue(clientId, out var session) && !session.AwaitingClient
                && session.Forget(packet.Topic, System.Buffers.BuffersExtensions.ToArray(packet.Payload));
        }

        if (changed)
        {
            sessionsWriter.Request();
        }

        return Task.CompletedTask;
    }

    /// <summary>Applies <paramref name="change"/> to the session MQTTnet holds for <paramref name="clientId"/>, if it is persistent.</summary>
    private Task Change(string clientId, Action<PersistentSession> change)
    {
        bool changed = false;
        lock (gate)
        {
            if (sessions.TryGetValue(clientId, out var session) && !session.AwaitingClient)
            {
                change(session);
                changed = true;
            }
        }

        if (changed)
        {
            sessionsWriter.Request();
        }

        return Task.CompletedTask;
    }

    private void Remove(PersistentSession session)
    {
        sessions.Remove(session.ClientId);
        resuming.Remove(session.ClientId);
        if (session.AwaitingClient)
        {
            waiting--;
        }
    }

    private byte[] SessionsSnapshot()
    {
        lock (gate) return SessionFile.Write(sessions.Values);
    }
}
