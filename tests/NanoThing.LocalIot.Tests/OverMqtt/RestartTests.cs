using System.Text.Json.Nodes;
using NanoThing.LocalIot.Shadows;
using static NanoThing.LocalIot.Tests.OverMqtt.ThingClient;

namespace NanoThing.LocalIot.Tests.OverMqtt;

/// <summary>Restarts of the shadow service and of mosquitto in the middle of traffic: nothing lost, versions continue.</summary>
[TestClass]
public sealed class RestartTests
{
    private static async Task<long> UpdateAsync(ThingClient thing, ShadowId id, int value)
    {
        await thing.PublishAsync(id, ShadowOperation.Update, "{\"state\":{\"reported\":{\"n\":" + value + "}},\"clientToken\":\"n" + value + "\"}");
        var accepted = await thing.ExpectAsync(id, ShadowResponseKind.UpdateAccepted);
        StringAssert.Contains(accepted, "\"clientToken\":\"n" + value + "\"");
        await thing.ExpectAsync(id, ShadowResponseKind.UpdateDocuments);
        return Version(accepted);
    }

    [TestMethod]
    public async Task ServiceRestart_RequestsSentWhileItIsDown_AreAnsweredAfterwards_AndVersionsContinue()
    {
        await using var fixture = await LocalIotFixture.StartAsync();
        await fixture.StartServiceAsync();
        var id = ShadowId.Classic("restart-svc");
        var named = ShadowId.Named("restart-svc", "cfg");
        var thing = await fixture.ConnectThingAsync(id.ThingName, id, named);
        for (var n = 1; n <= 3; n++)
        {
            Assert.AreEqual(n, await UpdateAsync(thing, id, n));
        }

        await thing.PublishAsync(named, ShadowOperation.Update, """{"state":{"desired":{"mode":"eco"}}}""");
        await thing.ExpectAsync(named, ShadowResponseKind.UpdateAccepted);
        await thing.ExpectAsync(named, ShadowResponseKind.UpdateDelta);
        await thing.ExpectAsync(named, ShadowResponseKind.UpdateDocuments);

        await fixture.StopServiceAsync();

        // The broker keeps the service's persistent session: these wait for it.
        for (var n = 4; n <= 6; n++)
        {
            await thing.PublishAsync(id, ShadowOperation.Update, "{\"state\":{\"reported\":{\"n\":" + n + "}},\"clientToken\":\"n" + n + "\"}");
        }

        await fixture.StartServiceAsync();

        for (var n = 4; n <= 6; n++)
        {
            var accepted = await thing.ExpectAsync(id, ShadowResponseKind.UpdateAccepted);
            Assert.AreEqual(n, Version(accepted), accepted);
            StringAssert.Contains(accepted, "\"clientToken\":\"n" + n + "\"");
            await thing.ExpectAsync(id, ShadowResponseKind.UpdateDocuments);
        }

        await thing.PublishAsync(id, ShadowOperation.Update, """{"state":{"reported":{"n":7}},"version":6}""");
        Assert.AreEqual(7, Version(await thing.ExpectAsync(id, ShadowResponseKind.UpdateAccepted)));
        await thing.ExpectAsync(id, ShadowResponseKind.UpdateDocuments);
        await thing.PublishAsync(named, ShadowOperation.Get, "");
        var namedDocument = JsonNode.Parse(await thing.ExpectAsync(named, ShadowResponseKind.GetAccepted))!;
        Assert.AreEqual("""{"desired":{"mode":"eco"},"delta":{"mode":"eco"}}""", namedDocument["state"]!.ToJsonString());
        Assert.AreEqual(1, (long)namedDocument["version"]!);
        Assert.IsEmpty(fixture.Service!.Store.LoadFailures);
    }

    [TestMethod]
    public async Task BrokerRestart_TheServiceReconnectsByItself_AndNoShadowIsLostOrCorrupted()
    {
        await using var fixture = await LocalIotFixture.StartAsync();
        await fixture.StartServiceAsync();
        var id = ShadowId.Classic("restart-broker");
        var thing = await fixture.ConnectThingAsync(id.ThingName, id);
        for (var n = 1; n <= 3; n++)
        {
            await UpdateAsync(thing, id, n);
        }

        await thing.PublishAsync(id, ShadowOperation.Get, "");
        var before = JsonNode.Parse(await thing.ExpectAsync(id, ShadowResponseKind.GetAccepted))!;

        var restarted = await fixture.Broker.RestartAsync();
        Assert.IsTrue(restarted.Started, restarted.Message);
        await thing.ReconnectAsync(id);

        var after = JsonNode.Parse(await thing.GetWhenServedAsync(id))!;
        Assert.AreEqual(before["state"]!.ToJsonString(), after["state"]!.ToJsonString());
        Assert.AreEqual(before["metadata"]!.ToJsonString(), after["metadata"]!.ToJsonString());
        Assert.AreEqual(3, (long)after["version"]!);

        for (var n = 4; n <= 5; n++)
        {
            Assert.AreEqual(n, await UpdateAsync(thing, id, n));
        }
    }
}
