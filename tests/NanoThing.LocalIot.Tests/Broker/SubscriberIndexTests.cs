using System.Collections;
using System.Collections.Concurrent;
using NanoThing.LocalIot.Broker;

namespace NanoThing.LocalIot.Tests.Broker;

/// <summary>
/// The broker's index of subscribed filters says "nobody can receive this" only when no session holds a matching
/// filter, matching as MQTTnet does; it forgets a filter only once MQTTnet has (unsubscribed, session deleted, session
/// replaced). A wrong "nobody" would lose a message silently, so each way of forgetting is tested against keeping.
/// </summary>
[TestClass]
public sealed class SubscriberIndexTests
{
    private static IDictionary NewSession() => new ConcurrentDictionary<object, object>(); // what MQTTnet 5.2 gives a session

    [TestMethod]
    [DataRow("$aws/things/t1/shadow/update/accepted", "$aws/things/t1/shadow/update/accepted", true)]
    [DataRow("$aws/things/t1/shadow/update/accepted", "$aws/things/t1/shadow/update/documents", false)]
    [DataRow("$aws/things/+/shadow/update/accepted", "$aws/things/t2/shadow/update/accepted", true)]
    [DataRow("$aws/things/+/shadow/update/accepted", "$aws/things/t2/shadow/update/delta", false)]
    [DataRow("$aws/things/t1/shadow/#", "$aws/things/t1/shadow/name/n/update/documents", true)]
    [DataRow("$aws/things/t1/shadow/#", "$aws/things/t1/shadow", true)]
    [DataRow("#", "sensors/kitchen", true)]
    [DataRow("#", "$aws/things/t1/shadow/update", false)] // MQTT: '#' does not match topics starting with '$' (nor does MQTTnet)
    [DataRow("+/events", "$aws/events", false)]
    [DataRow("sensors/+", "sensors/a/b", false)]
    [DataRow("Sensors/a", "sensors/a", false)]
    public void MayMatch_AsMqttnetMatchesAFilter(string filter, string topic, bool expected)
    {
        var index = new SubscriberIndex();
        index.Subscribing("c1", NewSession(), filter);

        Assert.AreEqual(expected, index.MayMatch(topic));
    }

    [TestMethod]
    public void NoSubscription_MatchesNothing() => Assert.IsFalse(new SubscriberIndex().MayMatch("a/b"));

    [TestMethod]
    public void Unsubscribe_ForgetsOnlyThatSessionsFilter_AnotherSessionsSameFilterStillMatches()
    {
        var index = new SubscriberIndex();
        IDictionary first = NewSession(), second = NewSession();
        index.Subscribing("c1", first, "a/b");
        index.Subscribing("c2", second, "a/b");
        index.Subscribing("c1", first, "a/b"); // the same filter again (a SUBSCRIBE that replaces its options) counts once

        index.Unsubscribed(first, "a/b");
        Assert.IsTrue(index.MayMatch("a/b"), "c2 still holds a/b");

        index.Unsubscribed(second, "a/b");
        Assert.IsFalse(index.MayMatch("a/b"));
        Assert.AreEqual(0, index.Count);
    }

    [TestMethod]
    public void UnsubscribingAFilterNeverHeld_ChangesNothing()
    {
        var index = new SubscriberIndex();
        var session = NewSession();
        index.Subscribing("c1", session, "a/+");

        index.Unsubscribed(session, "a/b");
        index.Unsubscribed(NewSession(), "a/+");

        Assert.IsTrue(index.MayMatch("a/x"));
    }

    [TestMethod]
    public void SessionDeleted_ForgetsItsFilters_ButNotTheNewSessionOfTheSameClientId()
    {
        var index = new SubscriberIndex();
        IDictionary old = NewSession(), renewed = NewSession();
        index.Subscribing("c1", old, "a/b");
        index.Subscribing("c1", old, "x/#");

        index.SessionDeleted("c1", old);
        Assert.IsFalse(index.MayMatch("a/b"));
        Assert.IsFalse(index.MayMatch("x/y"));

        index.Subscribing("c1", renewed, "a/b");
        index.SessionDeleted("c1", old); // a late event of the old session
        Assert.IsTrue(index.MayMatch("a/b"), "the client's new session holds a/b");
    }

    [TestMethod]
    public void ReplacedSession_CleanStart_ForgetsTheOldSessionsFilters_OnceTheNewOneSubscribes()
    {
        var index = new SubscriberIndex();
        IDictionary old = NewSession(), clean = NewSession();
        index.Subscribing("c1", old, "a/b");
        index.Subscribing("c2", NewSession(), "c/d");

        index.Subscribing("c1", clean, "e/f"); // MQTTnet replaced c1's session (clean start) before this SUBSCRIBE

        Assert.IsFalse(index.MayMatch("a/b"), "the replaced session's filters are gone with it");
        Assert.IsTrue(index.MayMatch("e/f"));
        Assert.IsTrue(index.MayMatch("c/d"), "another client's filters stay");
    }

    [TestMethod]
    public void PersistentSession_KeepsItsFiltersAcrossReconnects()
    {
        var index = new SubscriberIndex();
        var persistent = NewSession(); // MQTTnet reuses the session (and its items) when cleanSession=0
        index.Subscribing("c1", persistent, "a/b");

        index.Subscribing("c1", persistent, "a/c");

        Assert.IsTrue(index.MayMatch("a/b"));
        Assert.IsTrue(index.MayMatch("a/c"));
    }
}
