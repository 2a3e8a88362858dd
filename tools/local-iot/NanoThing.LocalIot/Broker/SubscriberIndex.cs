using System.Collections;
using MQTTnet;

namespace NanoThing.LocalIot.Broker;

/// <summary>
/// The topic filters that MQTTnet's sessions hold, kept beside them so that the broker can tell, in one look-up, that
/// no session can receive a message and skip dispatching it. MQTTnet 5.2 dispatches every message by copying the set of
/// all subscribing sessions and checking each one's subscriptions in turn (MQ:Source/MQTTnet.Server/Internal/
/// MqttClientSessionsManager.cs, <c>DispatchApplicationMessage</c>: <c>_subscriberSessions.ToList()</c>, then
/// <c>TryCheckSubscriptions</c> per session): at 1,000 connected things that scan was 41 % of the stand-in's CPU, and
/// most messages it scanned for (every update request, every <c>/update/documents</c> reply) reach nobody.
/// </summary>
/// <remarks>
/// <para>The index is a superset of what MQTTnet holds, never a subset, so a skipped message is one MQTTnet would have
/// delivered to nobody: a filter is added when the broker's <c>InterceptingSubscription</c> handler allows it, which
/// is before MQTTnet stores it (every subscription MQTTnet stores passes that event: SUBSCRIBE packets and
/// <c>MqttServer.SubscribeAsync</c> alike, MqttClientSubscriptionsManager.Subscribe; <c>$share/</c> filters, which it
/// refuses without the event, are never stored); it is removed only after MQTTnet removed it (ClientUnsubscribedTopic,
/// SessionDeleted), or when the client id's session was replaced by a new one (MQTTnet keeps one session per client
/// id and replaces it, without an event, before the new connection's first packet). A message matches as MQTTnet
/// matches it: <see cref="MqttTopicFilterComparer.Compare"/>, which for a filter without <c>+</c> or <c>#</c> is exact
/// equality.</para>
/// <para>Each session's filters live in its MQTTnet session items, so a persistent session keeps them across
/// reconnects and a replaced session's are told apart from its successor's. Thread-safe.</para>
/// </remarks>
internal sealed class SubscriberIndex
{
    private static readonly object SessionKey = new();

    private readonly Lock gate = new();
    private readonly Dictionary<string, int> exact = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> wildcard = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SessionFilters> sessions = new(StringComparer.Ordinal);

    /// <summary>Filters held now, over all sessions (a filter held by two sessions counts twice); for tests.</summary>
    public int Count
    {
        get
        {
            lock (gate)
            {
                return exact.Values.Sum() + wildcard.Values.Sum();
            }
        }
    }

    /// <summary>Client <paramref name="clientId"/>'s session (<paramref name="sessionItems"/>) is about to hold <paramref name="filter"/>.</summary>
    public void Subscribing(string clientId, IDictionary sessionItems, string filter)
    {
        lock (gate)
        {
            if (sessionItems[SessionKey] is not SessionFilters session)
            {
                session = new SessionFilters();
                sessionItems[SessionKey] = session;
                if (sessions.TryGetValue(clientId, out var replaced))
                {
                    Drop(replaced); // MQTTnet replaced that client id's session before this one took a packet
                }

                sessions[clientId] = session;
            }

            if (session.Filters.Add(filter))
            {
                Change(filter, +1);
            }
        }
    }

    /// <summary>The session (<paramref name="sessionItems"/>) no longer holds <paramref name="filter"/> (MQTTnet removed it).</summary>
    public void Unsubscribed(IDictionary sessionItems, string filter)
    {
        lock (gate)
        {
            if (sessionItems[SessionKey] is SessionFilters session && session.Filters.Remove(filter))
            {
                Change(filter, -1);
            }
        }
    }

    /// <summary>MQTTnet deleted client <paramref name="clientId"/>'s session (<paramref name="sessionItems"/>): none of its filters is held any more.</summary>
    public void SessionDeleted(string clientId, IDictionary sessionItems)
    {
        lock (gate)
        {
            if (sessionItems[SessionKey] is not SessionFilters session)
            {
                return;
            }

            Drop(session);
            if (sessions.TryGetValue(clientId, out var current) && ReferenceEquals(current, session))
            {
                sessions.Remove(clientId);
            }
        }
    }

    /// <summary>
    /// False when no session holds a filter that matches <paramref name="topic"/>: MQTTnet would deliver a message on it
    /// to nobody. True when one may (its <c>iot:Receive</c> and the session's own checks still apply).
    /// </summary>
    public bool MayMatch(string topic)
    {
        lock (gate)
        {
            if (exact.ContainsKey(topic))
            {
                return true;
            }

            foreach (string filter in wildcard.Keys)
            {
                if (MqttTopicFilterComparer.Compare(topic, filter) == MqttTopicFilterCompareResult.IsMatch)
                {
                    return true;
                }
            }

            return false;
        }
    }

    private void Drop(SessionFilters session)
    {
        foreach (string filter in session.Filters)
        {
            Change(filter, -1);
        }

        session.Filters.Clear();
    }

    private void Change(string filter, int by)
    {
        var counts = filter.Contains('+') || filter.Contains('#') ? wildcard : exact;
        int count = counts.GetValueOrDefault(filter) + by;
        if (count > 0)
        {
            counts[filter] = count;
        }
        else
        {
            counts.Remove(filter);
        }
    }

    private sealed class SessionFilters
    {
        public HashSet<string> Filters { get; } = new(StringComparer.Ordinal);
    }
}
