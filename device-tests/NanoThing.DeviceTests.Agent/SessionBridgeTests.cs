using NanoThing.Core.Agent;
using NanoThing.Core.Io;
using NanoThing.Core.Seams;
using NanoThing.Core.Shadow;
using NanoThing.DeviceTests.Support;
using nanoFramework.TestFramework;

namespace NanoThing.DeviceTests.Agent
{
    /// <summary>
    /// <see cref="SessionBridge"/> alone, between a recording broker (whose calls stand for the session's thread) and
    /// a shadow client and connection supervisor on a manual clock: messages wait in the inbox until
    /// <see cref="SessionBridge.Process"/>, every callback wakes the agent, drops are counted and answered with a GET
    /// at most every ten seconds, an oversized message only with an error line.
    /// </summary>
    [TestClass]
    public class SessionBridgeTests
    {
        private const string Root = "$aws/things/kitchen/shadow";

        private static TrafficLog _traffic;
        private static RecordingMqttSession _session;
        private static ManualClock _clock;
        private static ConnectionSupervisor _connection;
        private static ShadowClient _shadow;
        private static SessionBridge _bridge;
        private static WakeCounter _wake;

        // A connected bridge whose shadow client has read the shadow (version 3).
        private static void Start(int inboxBytes, int inboxMessages)
        {
            _traffic = new TrafficLog();
            _session = new RecordingMqttSession(_traffic);
            _clock = new ManualClock();
            _clock.NowMs = 1000;
            _connection = new ConnectionSupervisor(_session, _clock, new FixedRandom(0), _traffic, "kitchen", 60);
            _shadow = new ShadowClient(_session, _clock, new FixedRandom(0), _traffic, new ShadowRouter(), "kitchen", null);
            _bridge = new SessionBridge(_shadow, _connection, _traffic, "kitchen", inboxBytes, inboxMessages);
            _wake = new WakeCounter();
            _bridge.SetWakeSignal(_wake);
            _session.SetListener(_bridge);
            Assert.AreEqual((int)ConnectionChange.Connected, (int)_connection.Poll(_clock.NowMs));
            Assert.IsTrue(_shadow.OnConnected());
            _session.Deliver(Root + "/get/accepted", "{\"state\":{},\"version\":3,\"clientToken\":\"nt-00000000-1\"}");
            _bridge.Process(_clock.NowMs);
            Assert.AreEqual(3L, _shadow.Version);
            _traffic.Take();
            _traffic.TakeLog();
            _wake.Count = 0;
        }

        private static int GetsSent()
        {
            _shadow.Poll();
            string[] lines = _traffic.Take().Split('\n');
            int gets = 0;
            for (int i = 0; i < lines.Length; i++)
            {
                if (lines[i].StartsWith("PUB q1 " + Root + "/get "))
                {
                    gets++;
                }
            }

            return gets;
        }

        [TestMethod]
        public void AMessageWaitsInTheInboxUntilProcess_AndWakesTheAgent()
        {
            Start(4096, 8);
            _session.Deliver(Root + "/update/delta", "{\"state\":{\"led\":true},\"version\":7}");
            Assert.AreEqual(1, _wake.Count);
            Assert.AreEqual(1, _bridge.Inbox.Count);
            Assert.AreEqual(3L, _shadow.Version, "nothing is read on the session's thread");

            _bridge.Process(_clock.NowMs);
            Assert.AreEqual(0, _bridge.Inbox.Count);
            Assert.AreEqual(7L, _shadow.Version);
            Assert.AreEqual(0, _bridge.DroppedMessages);
        }

        [TestMethod]
        public void AForeignTopicIsLoggedOnlyWhenDebugIsOn()
        {
            Start(4096, 8);
            _traffic.Minimum = LogLevel.Info;
            _session.Deliver("dt/other/thing", "{}");
            _bridge.Process(_clock.NowMs);
            Assert.AreEqual("", _traffic.TakeLog(), "no line written (nor built) below the log's level");

            _traffic.Minimum = LogLevel.Debug;
            _session.Deliver("dt/other/thing", "{}");
            _bridge.Process(_clock.NowMs);
            Assert.AreEqual("D: ignored a message on dt/other/thing: not a shadow reply topic of thing 'kitchen'", _traffic.TakeLog());
        }

        [TestMethod]
        public void AFullInboxDropsAndCounts_ThenTheShadowIsReadAgainAtMostEveryTenSeconds()
        {
            Start(4096, 1);
            _session.Deliver(Root + "/update/delta", "{\"state\":{\"led\":true},\"version\":4}");
            _session.Deliver(Root + "/update/delta", "{\"state\":{\"led\":false},\"version\":5}");
            _session.Deliver(Root + "/update/delta", "{\"state\":{\"led\":true},\"version\":6}");
            Assert.AreEqual(3, _wake.Count);
            _bridge.Process(_clock.NowMs);
            Assert.AreEqual(2, _bridge.DroppedMessages);
            Assert.AreEqual("W: dropped 2 incoming message(s): the inbox (1 messages, 4096 bytes) was full; reading the shadow again", _traffic.TakeLog());
            Assert.AreEqual(1, GetsSent());
            _session.Deliver(Root + "/get/accepted", "{\"state\":{},\"version\":6,\"clientToken\":\"nt-00000000-2\"}");
            _bridge.Process(_clock.NowMs);

            _clock.Advance(5000);
            _session.Deliver(Root + "/update/delta", "{\"state\":{\"led\":true},\"version\":7}");
            _session.Deliver(Root + "/update/delta", "{\"state\":{\"led\":false},\"version\":8}");
            _bridge.Process(_clock.NowMs);
            Assert.AreEqual(3, _bridge.DroppedMessages);
            Assert.AreEqual(0, GetsSent(), "five seconds after the last GET: not yet");
            _clock.Advance(SessionBridge.DropRegetSpacingMs - 5000);
            _bridge.Process(_clock.NowMs);
            Assert.AreEqual(1, GetsSent());
        }

        [TestMethod]
        public void AMessageLargerThanTheInboxIsAnErrorButNoReasonToReadTheShadowAgain()
        {
            Start(64, 8);
            _session.Deliver(Root + "/update/delta", "{\"state\":{\"note\":\"" + new string('x', 100) + "\"},\"version\":4}");
            _bridge.Process(_clock.NowMs);
            Assert.AreEqual(1, _bridge.DroppedMessages);
            Assert.AreEqual("E: dropped 1 incoming message(s) larger than the inbox (64 bytes); keep the shadow document smaller or raise ThingAgentOptions.InboxCapacityBytes", _traffic.TakeLog());
            _clock.Advance(SessionBridge.DropRegetSpacingMs);
            _bridge.Process(_clock.NowMs);
            Assert.AreEqual(0, GetsSent());
        }

        [TestMethod]
        public void ALostLinkIsSignalledToTheSupervisorAndWakesTheAgent()
        {
            Start(4096, 8);
            _session.DropLink();
            Assert.AreEqual(1, _wake.Count);
            Assert.AreEqual((int)ConnectionChange.Lost, (int)_connection.Poll(_clock.NowMs));
        }

        [TestMethod]
        public void AButtonEdgeIsCountedByTheButton_ThePinsOneListener_AndWakesTheAgent()
        {
            Start(4096, 8);
            FakeDigitalInput pin = new FakeDigitalInput(true);
            Button button = new Button(pin, false, 50);
            button.SetEdgeListener(_bridge);
            Assert.IsTrue(pin.Listener == button, "the button stays the pin's listener");
            pin.Set(false);
            Assert.AreEqual(1, _wake.Count);
            Assert.AreEqual(long.MaxValue, button.NextPollMs(100), "the edge is seen at the next poll");
            Assert.IsFalse(button.Poll(100));
            Assert.AreEqual(125L, button.NextPollMs(100), "settling: polled every half debounce time");
        }
    }
}
