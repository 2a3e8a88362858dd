using System.Text;
using MQTTnet;
using MQTTnet.Protocol;
using NanoThing.LocalIot.Broker.Sessions;

namespace NanoThing.LocalIot.Tests.Broker;

/// <summary><c>sessions.json</c> and <c>retained.json</c>: what is written is read back whole, the exact JSON of a
/// session is pinned, and no input (truncated, wrong shapes, random bytes) makes the readers throw.</summary>
[TestClass]
public sealed class SessionFileTests
{
    private static readonly DateTimeOffset At = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    private static PersistentSession Sample()
    {
        var session = new PersistentSession("reader") { DisconnectedAt = At };
        session.Subscriptions["dt/nanothing/+/telemetry"] = MqttQualityOfServiceLevel.AtLeastOnce;
        session.Store(new StoredMessage("dt/nanothing/kitchen/telemetry", Encoding.UTF8.GetBytes("{\"seq\":1}"), At), 10);
        return session;
    }

    [TestMethod]
    public void Session_IsWrittenAsThisJson()
    {
        string json = Encoding.UTF8.GetString(SessionFile.Write([Sample()]));

        Assert.AreEqual("""
            {
              "Sessions": [
                {
                  "ClientId": "reader",
                  "DisconnectedAt": "2023-11-14T22:13:20+00:00",
                  "Subscriptions": [
                    {
                      "Filter": "dt/nanothing/\u002B/telemetry",
                      "Qos": 1
                    }
                  ],
                  "Messages": [
                    {
                      "Topic": "dt/nanothing/kitchen/telemetry",
                      "Payload": "eyJzZXEiOjF9",
                      "StoredAt": "2023-11-14T22:13:20+00:00"
                    }
                  ]
                }
              ]
            }
            """, json.Replace("\r\n", "\n"));
    }

    [TestMethod]
    public void Sessions_ReadBack_AwaitTheirClient()
    {
        Assert.IsTrue(SessionFile.TryRead(SessionFile.Write([Sample()]), out var sessions, out string error), error);

        var session = sessions.Single();
        Assert.AreEqual("reader", session.ClientId);
        Assert.AreEqual(At, session.DisconnectedAt);
        Assert.IsTrue(session.AwaitingClient, "a session read from disk waits for its client");
        Assert.AreEqual(MqttQualityOfServiceLevel.AtLeastOnce, session.Subscriptions["dt/nanothing/+/telemetry"]);
        Assert.AreEqual("{\"seq\":1}", Encoding.UTF8.GetString(session.Messages.Single().Payload));
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("{")]
    [DataRow("[]")]
    [DataRow("{\"Sessions\":[{}]}")]
    [DataRow("{\"Sessions\":[{\"ClientId\":\"a\",\"Subscriptions\":[{\"Filter\":\"x\",\"Qos\":2}]}]}")]
    [DataRow("{\"Sessions\":[{\"ClientId\":\"a\",\"Messages\":[{\"Topic\":\"x\",\"Payload\":\"not base64!\",\"StoredAt\":\"2023-11-14T22:13:20Z\"}]}]}")]
    [DataRow("{\"Sessions\":[{\"ClientId\":\"a\",\"Messages\":[{\"Topic\":\"x\"}]}]}")]
    [DataRow("{\"Sessions\":[{\"ClientId\":\"a\",\"DisconnectedAt\":\"yesterday\"}]}")]
    public void BadSessionsFile_IsRefusedWithAReason(string content)
    {
        Assert.IsFalse(SessionFile.TryRead(Encoding.UTF8.GetBytes(content), out var sessions, out string error));
        Assert.AreEqual(0, sessions.Count);
        Assert.AreNotEqual("", error);
    }

    [TestMethod]
    public void AnyInput_NeverThrows()
    {
        byte[] valid = SessionFile.Write([Sample()]);
        byte[] retained = RetainedFile.Write([new MqttApplicationMessageBuilder().WithTopic("a/b").WithPayload("x").WithRetainFlag().Build()]);
        var random = new Random(16);
        for (int i = 0; i < 2000; i++)
        {
            byte[] source = i % 2 == 0 ? valid : retained;
            byte[] input = (i % 3) switch
            {
                0 => source[..random.Next(source.Length)],
                1 => source.Select(b => random.Next(20) == 0 ? (byte)random.Next(256) : b).ToArray(),
                _ => Enumerable.Range(0, random.Next(64)).Select(_ => (byte)random.Next(256)).ToArray(),
            };
            SessionFile.TryRead(input, out _, out _);
            RetainedFile.TryRead(input, out _, out _);
        }

        byte[] deep = Encoding.UTF8.GetBytes(new string('[', 10_000));
        Assert.IsFalse(SessionFile.TryRead(deep, out _, out _));
        Assert.IsFalse(RetainedFile.TryRead(deep, out _, out _));
    }

    [TestMethod]
    public void RetainedMessages_ReadBack_WithTheirQosAndRetainFlag()
    {
        var message = new MqttApplicationMessageBuilder().WithTopic("status/lamp").WithPayload("on").WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).WithRetainFlag().Build();

        Assert.IsTrue(RetainedFile.TryRead(RetainedFile.Write([message]), out var read, out string error), error);

        var back = read.Single();
        Assert.AreEqual("status/lamp", back.Topic);
        Assert.AreEqual("on", Encoding.UTF8.GetString(System.Buffers.BuffersExtensions.ToArray(back.Payload)));
        Assert.AreEqual(MqttQualityOfServiceLevel.AtLeastOnce, back.QualityOfServiceLevel);
        Assert.IsTrue(back.Retain);
    }

    [TestMethod]
    public void Store_DropsTheOldest_AtTheLimit_AndForgetRemovesTheOldestCopy()
    {
        var session = new PersistentSession("c");
        for (int i = 1; i <= 3; i++)
        {
            session.Store(new StoredMessage("t", [(byte)i], At), limit: 3);
        }

        var dropped = session.Store(new StoredMessage("t", [4], At), limit: 3);

        Assert.AreEqual(1, dropped!.Payload[0]);
        CollectionAssert.AreEqual(new byte[] { 2, 3, 4 }, session.Messages.Select(m => m.Payload[0]).ToArray());
        Assert.IsTrue(session.Forget("t", [3]));
        Assert.IsFalse(session.Forget("t", [3]));
        Assert.IsFalse(session.Forget("other", [2]));
        CollectionAssert.AreEqual(new byte[] { 2, 4 }, session.Messages.Select(m => m.Payload[0]).ToArray());
    }

    [TestMethod]
    [DataRow("dt/+/telemetry", MqttQualityOfServiceLevel.AtLeastOnce, MqttQualityOfServiceLevel.AtLeastOnce, MqttQualityOfServiceLevel.AtLeastOnce)]
    [DataRow("dt/+/telemetry", MqttQualityOfServiceLevel.AtMostOnce, MqttQualityOfServiceLevel.AtLeastOnce, MqttQualityOfServiceLevel.AtMostOnce)]
    [DataRow("dt/#", MqttQualityOfServiceLevel.AtLeastOnce, MqttQualityOfServiceLevel.AtMostOnce, MqttQualityOfServiceLevel.AtMostOnce)]
    public void DeliveryQos_IsTheLowerOfPublishAndGranted(string filter, MqttQualityOfServiceLevel granted, MqttQualityOfServiceLevel published, MqttQualityOfServiceLevel expected)
    {
        var session = new PersistentSession("c");
        session.Subscriptions[filter] = granted;

        Assert.AreEqual(expected, session.DeliveryQos("dt/kitchen/telemetry", published));
        Assert.IsNull(session.DeliveryQos("other/topic", published));
    }
}
