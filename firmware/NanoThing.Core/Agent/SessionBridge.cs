using System.Threading;
using NanoThing.Core.Seams;
using NanoThing.Core.Shadow;

namespace NanoThing.Core.Agent
{
    /// <summary>
    /// The bridge between the threads that call in (the MQTT session's, the button pin driver's) and the agent's step.
    /// <list type="bullet">
    /// <item>On those threads (<see cref="IMqttListener"/>, <see cref="IDigitalInputListener"/>): a message is copied
    /// into the bounded <see cref="MessageInbox"/> (dropped and counted when it does not fit, never blocking the
    /// session's thread), a lost connection is signalled to the <see cref="ConnectionSupervisor"/>, and the agent's
    /// <see cref="IWakeSignal"/> is woken.</item>
    /// <item>On the agent's thread (<see cref="Process"/>): the inbox is drained into the <see cref="ShadowClient"/>.
    /// After messages were dropped because the inbox was full the shadow is read again (GET), at most every
    /// <see cref="DropRegetSpacingMs"/>, so a lost delta is never lost for good; a message larger than the whole inbox
    /// is logged as an error instead (reading the shadow again would bring the same document).</item>
    /// </list>
    /// </summary>
    public sealed class SessionBridge : IMqttListener, IDigitalInputListener
    {
        /// <summary>Least time between two GETs sent because the inbox dropped messages (a lost delta is recovered; a flood is not fed).</summary>
        public const int DropRegetSpacingMs = 10000;

        private readonly ShadowClient _shadow;
        private readonly ConnectionSupervisor _connection;
        private readonly ILog _log;
        private readonly string _thingName;
        private readonly MessageInbox _inbox;
        private IWakeSignal _wake;
        private int _droppedSignal;
        private int _oversizeSignal;
        private int _dropped;
        private bool _regetPending;
        private bool _everRegot;
        private long _lastRegetMs;

        /// <summary>
        /// A bridge feeding <paramref name="shadow"/> from an inbox of <paramref name="inboxCapacityBytes"/> bytes and
        /// <paramref name="inboxMaxMessages"/> messages, signalling losses to <paramref name="connection"/>;
        /// <paramref name="log"/> may be null. Make it the session's listener (and the button's edge listener).
        /// </summary>
        public SessionBridge(ShadowClient shadow, ConnectionSupervisor connection, ILog log, string thingName, int inboxCapacityBytes, int inboxMaxMessages)
        {
            _shadow = shadow;
            _connection = connection;
            _log = log;
            _thingName = thingName;
            _inbox = new MessageInbox(inboxCapacityBytes, inboxMaxMessages);
        }

        /// <summary>The inbox between the session's thread and the agent's step (its size is the agent's whole buffer for incoming messages).</summary>
        public MessageInbox Inbox { get { return _inbox; } }

        /// <summary>Incoming messages dropped because the inbox was full or because one was larger than the inbox (counted by <see cref="Process"/>).</summary>
        public int DroppedMessages { get { return _dropped; } }

        /// <summary>Who to wake when a message, a lost connection or a button edge arrives (null for nobody).</summary>
        public void SetWakeSignal(IWakeSignal wake)
        {
            _wake = wake;
        }

        /// <summary>Session's thread: keeps a copy of the message (or counts it dropped) and wakes the agent. Never blocks.</summary>
        public void OnMessage(string topic, byte[] payload, int offset, int length)
        {
            bool kept = _inbox.TryAdd(topic, payload, offset, length);
            if (!kept && length > _inbox.CapacityBytes)
            {
                Interlocked.Increment(ref _oversizeSignal);
            }
            else if (!kept)
            {
                Interlocked.Increment(ref _droppedSignal);
            }

            Wake();
        }

        /// <summary>Session's thread: the connection dropped.</summary>
        public void OnConnectionLost()
        {
            _connection.SignalLost();
            Wake();
        }

        /// <summary>Pin driver's thread (through the button, which counted the edge): wakes the agent to debounce.</summary>
        public void OnEdge(bool high)
        {
            Wake();
        }

        /// <summary>
        /// Agent's thread: hands every waiting message (at most the inbox's message count, so a flood cannot hold the
        /// step) to the shadow client, counts the drops signalled since the last call, and GETs the shadow when drops
        /// asked for it and the link is up.
        /// </summary>
        public void Process(long now)
        {
            int budget = _inbox.MaxMessages;
            string topic;
            int offset;
            int length;
            while (budget-- > 0 && _inbox.TryPeek(out topic, out offset, out length))
            {
                if (!_shadow.OnMessage(topic, _inbox.Buffer, offset, length) && LogGate.IsOn(_log, LogLevel.Debug))
                {
                    LogForeignTopic(topic);
                }

                _inbox.RemoveFirst();
            }

            int oversize = Interlocked.Exchange(ref _oversizeSignal, 0);
            if (oversize > 0)
            {
                DropOversize(oversize);
            }

            int dropped = Interlocked.Exchange(ref _droppedSignal, 0);
            if (dropped > 0)
            {
                DropOverflow(dropped);
            }

            if (_regetPending && _connection.IsConnected && (!_everRegot || now - _lastRegetMs >= DropRegetSpacingMs))
            {
                _regetPending = false;
                _everRegot = true;
                _lastRegetMs = now;
                _shadow.Get();
            }
        }

        private void Wake()
        {
            IWakeSignal wake = _wake;
            if (wake != null)
            {
                wake.Wake();
            }
        }

        // Off the steady-state path (CoreSteadyState lists them): a foreign topic, a drop. Lines are built past the level check.
        private void LogForeignTopic(string topic)
        {
            _log.Write(LogLevel.Debug, "ignored a message on " + topic + ": not a shadow reply topic of thing '" + _thingName + "'");
        }

        private void DropOversize(int oversize)
        {
            _dropped += oversize;
            if (LogGate.IsOn(_log, LogLevel.Error))
            {
                _log.Write(LogLevel.Error, "dropped " + oversize.ToString() + " incoming message(s) larger than the inbox (" + _inbox.CapacityBytes.ToString() + " bytes); keep the shadow document smaller or raise ThingAgentOptions.InboxCapacityBytes");
            }
        }

        private void DropOverflow(int dropped)
        {
            _dropped += dropped;
            _regetPending = true;
            if (LogGate.IsOn(_log, LogLevel.Warning))
            {
                _log.Write(LogLevel.Warning, "dropped " + dropped.ToString() + " incoming message(s): the inbox (" + _inbox.MaxMessages.ToString() + " messages, " + _inbox.CapacityBytes.ToString() + " bytes) was full; reading the shadow again");
            }
        }
    }
}
