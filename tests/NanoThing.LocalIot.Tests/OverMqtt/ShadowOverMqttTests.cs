using NanoThing.Mqtt.Packets;
using NanoThing.Mqtt;
using NanoThing.LocalIot.Shadows;
using static NanoThing.LocalIot.Tests.OverMqtt.ThingClient;

namespace NanoThing.LocalIot.Tests.OverMqtt;

/// <summary>Each shadow rule over MQTT, through a real mosquitto with mutual TLS and the ACL.</summary>
[TestClass]
public sealed class ShadowOverMqttTests
{
    private static LocalIotFixture fixture = null!;

    [ClassInitialize]
    public static async Task StartAsync(TestContext context)
    {
        fixture = await LocalIotFixture.StartAsync();
        await fixture.StartServiceAsync();
    }

    [ClassCleanup]
    public static async Task StopAsync() => await fixture.DisposeAsync();

    [TestMethod]
    public async Task Update_IsAnsweredWithAcceptedDeltaAndDocuments_OnTheThingsOwnTopics()
    {
        var id = ShadowId.Classic("mqtt-update");
        var thing = await fixture.ConnectThingAsync(id.ThingName, id);

        await thing.PublishAsync(id, ShadowOperation.Update, """{"state":{"desired":{"led":true},"reported":{"led":false}},"clientToken":"u1"}""");

        Assert.AreEqual(
            """{"state":{"desired":{"led":true},"reported":{"led":false}},"metadata":{"desired":{"led":{"timestamp":1700000000}},"reported":{"led":{"timestamp":1700000000}}},"version":1,"timestamp":1700000000,"clientToken":"u1"}""",
            await thing.ExpectAsync(id, ShadowResponseKind.UpdateAccepted));
        Assert.AreEqual(
            """{"state":{"led":true},"metadata":{"led":{"timestamp":1700000000}},"version":1,"timestamp":1700000000,"clientToken":"u1"}""",
            await thing.ExpectAsync(id, ShadowResponseKind.UpdateDelta));
        Assert.AreEqual(
            """{"current":{"state":{"desired":{"led":true},"reported":{"led":false}},"metadata":{"desired":{"led":{"timestamp":1700000000}},"reported":{"led":{"timestamp":1700000000}}},"version":1},"timestamp":1700000000,"clientToken":"u1"}""",
            await thing.ExpectAsync(id, ShadowResponseKind.UpdateDocuments));
    }

    [TestMethod]
    public async Task Get_ThenDelete_ThenGetIs404_AndARecreatedShadowContinuesTheVersion()
    {
        var id = ShadowId.Classic("mqtt-get");
        var thing = await fixture.ConnectThingAsync(id.ThingName, id);

        await thing.PublishAsync(id, ShadowOperation.Get, "");
        Assert.AreEqual("""{"code":404,"message":"No shadow exists with name: 'mqtt-get'","timestamp":1700000000}""",
            await thing.ExpectAsync(id, ShadowResponseKind.GetRejected));

        await thing.PublishAsync(id, ShadowOperation.Update, """{"state":{"reported":{"t":21}}}""");
        await thing.ExpectAsync(id, ShadowResponseKind.UpdateAccepted);
        await thing.ExpectAsync(id, ShadowResponseKind.UpdateDocuments);

        await thing.PublishAsync(id, ShadowOperation.Get, """{"clientToken":"g"}""");
        Assert.AreEqual(
            """{"state":{"reported":{"t":21}},"metadata":{"reported":{"t":{"timestamp":1700000000}}},"version":1,"timestamp":1700000000,"clientToken":"g"}""",
            await thing.ExpectAsync(id, ShadowResponseKind.GetAccepted));

        await thing.PublishAsync(id, ShadowOperation.Delete, "");
        Assert.AreEqual("""{"version":1,"timestamp":1700000000}""", await thing.ExpectAsync(id, ShadowResponseKind.DeleteAccepted));
        await thing.PublishAsync(id, ShadowOperation.Get, "");
        await thing.ExpectAsync(id, ShadowResponseKind.GetRejected);

        await thing.PublishAsync(id, ShadowOperation.Update, """{"state":{"reported":{"t":22}}}""");
        Assert.AreEqual(2, Version(await thing.ExpectAsync(id, ShadowResponseKind.UpdateAccepted)));
    }

    [TestMethod]
    public async Task StaleVersion_Is409_OnUpdateRejected()
    {
        var id = ShadowId.Classic("mqtt-409");
        var thing = await fixture.ConnectThingAsync(id.ThingName, id);
        await thing.PublishAsync(id, ShadowOperation.Update, """{"state":{"reported":{"a":1}}}""");
        await thing.ExpectAsync(id, ShadowResponseKind.UpdateAccepted);
        await thing.ExpectAsync(id, ShadowResponseKind.UpdateDocuments);

        await thing.PublishAsync(id, ShadowOperation.Update, """{"state":{"reported":{"a":2}},"version":0,"clientToken":"old"}""");

        Assert.AreEqual("""{"code":409,"message":"Version conflict","timestamp":1700000000,"clientToken":"old"}""",
            await thing.ExpectAsync(id, ShadowResponseKind.UpdateRejected));
    }

    [TestMethod]
    public async Task BadRequests_GetTheDocumentedErrors()
    {
        var id = ShadowId.Classic("mqtt-400");
        var thing = await fixture.ConnectThingAsync(id.ThingName, id);
        var cases = new (byte[] Payload, string Expected)[]
        {
            ("{\"state\":"u8.ToArray(), """{"code":400,"message":"Invalid JSON","timestamp":1700000000}"""),
            ("""{"clientToken":"c"}"""u8.ToArray(), """{"code":400,"message":"Missing required node: state","timestamp":1700000000,"clientToken":"c"}"""),
            ("""{"state":{"reported":{"a":{"b":{"c":{"d":{"e":{"f":{"g":1}}}}}}}}}"""u8.ToArray(), """{"code":400,"message":"JSON contains too many levels of nesting; maximum is 6","timestamp":1700000000}"""),
            ("""{"state":{},"clientToken":"12345678901234567890123456789012345678901234567890123456789012345"}"""u8.ToArray(), """{"code":400,"message":"Invalid clientToken","timestamp":1700000000}"""),
            ([0x7B, 0xC3, 0x28, 0x7D], """{"code":415,"message":"Unsupported documented encoding; supported encoding is UTF-8","timestamp":1700000000}"""),
            (System.Text.Encoding.UTF8.GetBytes("{\"state\":{\"reported\":{\"big\":\"" + new string('x', 8200) + "\"}}}"), """{"code":413,"message":"The payload exceeds the maximum size allowed","timestamp":1700000000}"""),
        };

        foreach (var (payload, expected) in cases)
        {
            await thing.PublishAsync(ShadowTopics.Request(id, ShadowOperation.Update), payload);
            Assert.AreEqual(expected, await thing.ExpectAsync(id, ShadowResponseKind.UpdateRejected));
        }

        await thing.PublishAsync(id, ShadowOperation.Get, "");
        await thing.ExpectAsync(id, ShadowResponseKind.GetRejected);
    }

    [TestMethod]
    public async Task NamedShadow_IsAnsweredOnItsOwnTopics_AndIsSeparateFromTheClassicShadow()
    {
        var classic = ShadowId.Classic("mqtt-named");
        var config = ShadowId.Named("mqtt-named", "config");
        var other = ShadowId.Named("mqtt-named", "other");
        var thing = await fixture.ConnectThingAsync(classic.ThingName, classic, config, other);

        await thing.PublishAsync(config, ShadowOperation.Update, """{"state":{"desired":{"mode":"eco"}},"clientToken":"n1"}""");
        await thing.ExpectAsync(config, ShadowResponseKind.UpdateAccepted);
        Assert.AreEqual("""{"state":{"mode":"eco"},"metadata":{"mode":{"timestamp":1700000000}},"version":1,"timestamp":1700000000,"clientToken":"n1"}""",
            await thing.ExpectAsync(config, ShadowResponseKind.UpdateDelta));
        await thing.ExpectAsync(config, ShadowResponseKind.UpdateDocuments);

        await thing.PublishAsync(classic, ShadowOperation.Get, "");
        Assert.AreEqual("""{"code":404,"message":"No shadow exists with name: 'mqtt-named'","timestamp":1700000000}""",
            await thing.ExpectAsync(classic, ShadowResponseKind.GetRejected));
        await thing.PublishAsync(other, ShadowOperation.Get, "");
        Assert.AreEqual("""{"code":404,"message":"No shadow exists with name: 'other'","timestamp":1700000000}""",
            await thing.ExpectAsync("$aws/things/mqtt-named/shadow/name/other/get/rejected"));
    }

    [TestMethod]
    public async Task ThingA_CannotChangeOrReadThingB()
    {
        var a = ShadowId.Classic("iso-a");
        var b = ShadowId.Classic("iso-b");
        var thingB = await fixture.ConnectThingAsync(b.ThingName, b);
        await thingB.PublishAsync(b, ShadowOperation.Update, """{"state":{"reported":{"secret":1}}}""");
        await thingB.ExpectAsync(b, ShadowResponseKind.UpdateAccepted);
        await thingB.ExpectAsync(b, ShadowResponseKind.UpdateDocuments);

        // As on AWS (MQTT 3.1.1), a request outside thing A's policy closes A's connection; nothing reaches B's shadow.
        await using var thingA = new MqttClient(fixture.Options(a.ThingName));
        Assert.IsTrue((await thingA.ConnectAsync()).IsConnected);
        var subscribe = await thingA.SubscribeAsync([new MqttSubscription(ShadowTopics.Response(b, ShadowResponseKind.GetAccepted), MqttQos.AtLeastOnce)]);
        Assert.IsFalse(subscribe.AllGranted, "subscribing to B's replies must be refused");
        Assert.IsFalse(thingA.IsConnected, "AWS closes an MQTT 3.1.1 connection that subscribes outside its policy");
        foreach (var operation in new[] { ShadowOperation.Update, ShadowOperation.Delete })
        {
            Assert.IsTrue((await thingA.ConnectAsync()).IsConnected);
            var publish = await thingA.PublishAsync(ShadowTopics.Request(b, operation), """{"state":{"reported":{"secret":2}}}"""u8.ToArray(), MqttQos.AtLeastOnce);
            Assert.IsFalse(publish.Succeeded, operation + " of B's shadow must not be acknowledged");
            Assert.IsFalse(thingA.IsConnected, "AWS closes an MQTT 3.1.1 connection that publishes outside its policy");
        }

        await thingB.PublishAsync(b, ShadowOperation.Get, """{"clientToken":"b-get"}""");
        var bView = await thingB.ExpectAsync(b, ShadowResponseKind.GetAccepted);

        StringAssert.Contains(bView, "\"reported\":{\"secret\":1}");
        Assert.AreEqual(1, Version(bView), "thing A's update and delete of B must not reach the service");
        Assert.IsTrue(thingB.HasNothingPending(out var extra), "B got replies to A's requests: " + extra);
    }
}
