using System.Threading;
using NanoThing.Core.Agent;
using NanoThing.Core.Seams;
using NanoThing.DeviceTests.Support;
using nanoFramework.TestFramework;

namespace NanoThing.DeviceTests.Agent
{
    /// <summary>
    /// <see cref="AgentLoop"/> on a real thread: it steps the agent, handles a message delivered from another thread,
    /// and stops within a bound. Waits are on events with bounds, never sleeps. (That messages wake the loop is
    /// asserted without threads in <see cref="ThingAgentTests"/> through the agent's wake signal.)
    /// </summary>
    [TestClass]
    public class AgentLoopTests
    {
        private const int BoundMs = 10000;

        [TestMethod]
        public void TheLoopStepsIsWokenByAMessageAndStops()
        {
            TrafficLog traffic = new TrafficLog();
            SignallingSession session = new SignallingSession(traffic);
            ManualClock clock = new ManualClock();
            AgentRig rig = new AgentRig(0);
            rig.Chip.Address = 0x50; // absent: the measurement fails at once, so the frozen clock leaves nothing in progress
            ThingAgent agent = new ThingAgent(rig.Config, session, rig.Chip, null, null, clock, new FixedRandom(0), null, null);
            AgentLoop loop = new AgentLoop(agent);
            loop.Start();
            Assert.IsTrue(session.Published.WaitOne(BoundMs, false), "the loop connected and sent the GET");

            session.Deliver(AgentRig.Root + "/get/accepted", "{\"state\":{},\"version\":1,\"clientToken\":\"nt-00000000-1\"}");
            Assert.IsTrue(session.Published.WaitOne(BoundMs, false), "the loop took the reply from its inbox and sent the first report");
            Assert.IsTrue(loop.Stop(BoundMs), "the loop ended");
            Assert.AreEqual(2, session.Publishes);
            Assert.IsTrue(agent.IsConnected);
        }

        [TestMethod]
        public void StopBeforeStartEndsAfterOneStepOnTheCallersThread()
        {
            AgentRig rig = new AgentRig(0);
            AgentLoop loop = new AgentLoop(rig.Agent);
            Assert.IsTrue(loop.Stop(0));
            loop.Run();
            Assert.AreEqual(1, rig.Agent.ConnectAttempts);
        }

        /// <summary>The recording session, signalling every publish to the test's thread.</summary>
        private sealed class SignallingSession : IMqttSession
        {
            public readonly AutoResetEvent Published = new AutoResetEvent(false);
            public int Publishes;
            private readonly RecordingMqttSession _inner;

            public SignallingSession(TrafficLog traffic)
            {
                _inner = new RecordingMqttSession(traffic);
            }

            public bool IsConnected => _inner.IsConnected;

            public MqttConnectResult Connect(string clientId, int keepAliveSeconds)
            {
                return _inner.Connect(clientId, keepAliveSeconds);
            }

            public bool Subscribe(string[] topics, int qos)
            {
                return _inner.Subscribe(topics, qos);
            }

            public bool Publish(string topic, byte[] payload, int offset, int length, int qos)
            {
                bool sent = _inner.Publish(topic, payload, offset, length, qos);
                Interlocked.Increment(ref Publishes);
                Published.Set();
                return sent;
            }

            public void Disconnect()
            {
                _inner.Disconnect();
            }

            public void SetListener(IMqttListener listener)
            {
                _inner.SetListener(listener);
            }

            public void Deliver(string topic, string json)
            {
                _inner.Deliver(topic, json);
            }
        }
    }
}
