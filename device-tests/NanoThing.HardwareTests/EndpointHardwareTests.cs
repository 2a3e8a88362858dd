using nanoFramework.TestFramework;
using NanoThing.Adapters;
using NanoThing.Core.Config;
using NanoThing.Core.Seams;
using NanoThing.Core.Shadow;

namespace NanoThing.HardwareTests
{
    /// <summary>
    /// The app's own MQTT adapter connects to the configured endpoint with the identity the app uses (the files on I:\,
    /// else the configuration block: TlsIdentity), TLS then CONNACK
    /// accepted for client id = thing name) and may subscribe to its shadow's get/accepted topic (classic, or the
    /// config's named shadow), as the policy from `nanothing policy` allows. Skipped without config or Wi-Fi.
    /// </summary>
    [TestClass]
    public class EndpointHardwareTests
    {
        private const int KeepAliveSeconds = 60;

        [TestMethod]
        public void MqttConnectionWithTheStoredIdentityIsAccepted()
        {
            DeviceConfig config = HardwareBoard.ConfigOrSkip();
            HardwareBoard.NetworkOrSkip();

            M2MqttSession session = new M2MqttSession(config.Endpoint, config.Port, new TlsIdentity(HardwareBoard.Identity(), HardwareBoard.TestLog), HardwareBoard.TestLog);
            try
            {
                MqttConnectResult result = session.Connect(config.ThingName, KeepAliveSeconds);
                Assert.IsTrue(result == MqttConnectResult.Accepted, "connect as " + config.ThingName + " to " + config.Endpoint + " gave result " + ((int)result).ToString() + " (100 network; 101 TLS; 102 timeout; 5 not authorised: run nanothing check --thing " + config.ThingName + ")");

                string topic;
                Assert.IsTrue(ShadowTopics.TryBuild(ShadowTopicType.GetAccepted, config.ThingName, config.ShadowName, out topic) == ShadowTopicStatus.Ok, "no shadow topic for thing " + config.ThingName);
                Assert.IsTrue(session.Subscribe(new string[] { topic }, 1), "subscribe to " + topic + " was refused or unanswered: the attached policy must allow it (nanothing policy / register)");
            }
            finally
            {
                session.Disconnect();
            }
        }
    }
}
