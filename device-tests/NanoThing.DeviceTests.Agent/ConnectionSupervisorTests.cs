using NanoThing.Core.Agent;
using NanoThing.Core.Seams;
using NanoThing.DeviceTests.Support;
using nanoFramework.TestFramework;

namespace NanoThing.DeviceTests.Agent
{
    /// <summary>
    /// <see cref="ConnectionSupervisor"/> over the recording broker and a manual clock (FixedRandom(0): every backoff
    /// draw is 0, so the 1 s spacing between connect starts decides).
    /// </summary>
    [TestClass]
    public class ConnectionSupervisorTests
    {
        private static TrafficLog _traffic;
        private static RecordingMqttSession _session;
        private static ManualClock _clock;

        private static ConnectionSupervisor Start()
        {
            _traffic = new TrafficLog();
            _session = new RecordingMqttSession(_traffic);
            _session.Connected = false;
            _clock = new ManualClock();
            return new ConnectionSupervisor(_session, _clock, new FixedRandom(0), _traffic, "kitchen", 60);
        }

        private static ConnectionChange PollAt(ConnectionSupervisor supervisor, long ms)
        {
            _clock.NowMs = ms;
            return supervisor.Poll(ms);
        }

        [TestMethod]
        public void ItConnectsAtOnceAndReportsTheChangeOnce()
        {
            ConnectionSupervisor supervisor = Start();
            Assert.AreEqual((int)ConnectionChange.Connected, (int)PollAt(supervisor, 0));
            Assert.AreEqual((int)ConnectionChange.None, (int)PollAt(supervisor, 10));
            Assert.AreEqual("CONNECT kitchen", _traffic.Take());
            Assert.IsTrue(supervisor.IsConnected);
            Assert.AreEqual(1, supervisor.Connects);
        }

        [TestMethod]
        public void ARefusedConnectIsLoggedWithWhatToCheckAndRetriedNoSoonerThanOneSecond()
        {
            ConnectionSupervisor supervisor = Start();
            _session.ConnectResult = MqttConnectResult.RefusedNotAuthorized;
            Assert.AreEqual((int)ConnectionChange.None, (int)PollAt(supervisor, 0));
            Assert.AreEqual("E: connect as 'kitchen' failed: not authorised (CONNACK 5); check that the policy attached to the certificate allows iot:Connect for this client id (nanothing policy, nanothing check); retrying in 1000 ms (backoff drew 0 ms)", _traffic.TakeLog());
            Assert.AreEqual(1000L, supervisor.NextAttemptMs);
            Assert.AreEqual((int)ConnectionChange.None, (int)PollAt(supervisor, 999));
            _session.ConnectResult = MqttConnectResult.Accepted;
            Assert.AreEqual((int)ConnectionChange.Connected, (int)PollAt(supervisor, 1000));
            Assert.AreEqual("CONNECT kitchen\nCONNECT kitchen", _traffic.Take());
            Assert.AreEqual(2, supervisor.Attempts);
        }

        [TestMethod]
        public void ALossFromTheSessionThreadOrTheSessionStateIsReportedOnceThenReconnected()
        {
            ConnectionSupervisor supervisor = Start();
            PollAt(supervisor, 0);
            supervisor.SignalLost();
            Assert.AreEqual((int)ConnectionChange.Lost, (int)PollAt(supervisor, 5000));
            Assert.IsFalse(supervisor.IsConnected);
            Assert.AreEqual((int)ConnectionChange.Connected, (int)PollAt(supervisor, 5000));

            _session.Connected = false;
            Assert.AreEqual((int)ConnectionChange.Lost, (int)PollAt(supervisor, 5500));
            Assert.AreEqual((int)ConnectionChange.None, (int)PollAt(supervisor, 5999), "one connect start per second");
            Assert.AreEqual((int)ConnectionChange.Connected, (int)PollAt(supervisor, 6000));
            Assert.AreEqual(3, supervisor.Connects);
        }

        [TestMethod]
        public void ALossSignalledBeforeAConnectDoesNotEndTheNewConnection()
        {
            ConnectionSupervisor supervisor = Start();
            supervisor.SignalLost();
            Assert.AreEqual((int)ConnectionChange.Connected, (int)PollAt(supervisor, 0));
            Assert.AreEqual((int)ConnectionChange.None, (int)PollAt(supervisor, 1));
        }

        [TestMethod]
        public void AnAbandonedConnectionIsClosedNotCountedAndBackedOff()
        {
            ConnectionSupervisor supervisor = Start();
            PollAt(supervisor, 0);
            supervisor.Abandon("the shadow topics could not be subscribed");
            Assert.AreEqual("CONNECT kitchen\nDISCONNECT", _traffic.Take());
            Assert.AreEqual(0, supervisor.Connects);
            Assert.IsFalse(supervisor.IsConnected);
            Assert.IsTrue(_traffic.TakeLog().IndexOf("W: disconnected: the shadow topics could not be subscribed; retrying in 1000 ms") >= 0);
            supervisor.Abandon("again");
            Assert.AreEqual("", _traffic.Take(), "nothing to abandon");
        }
    }
}
