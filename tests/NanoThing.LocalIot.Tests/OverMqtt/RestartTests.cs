using System.Text.Json.Nodes;
using NanoThing.LocalIot.Shadows;
using static NanoThing.LocalIot.Tests.OverMqtt.ThingClient;

namespace NanoThing.LocalIot.Tests.OverMqtt;

/// <summary>Restarts of the stand-in process (broker + shadow service) in the middle of traffic: nothing lost, versions continue.</summary>
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
    public async Task StandInRestart_NamedAndClassicShadowsSurvive_AndVersionsContinue()
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
        await fixture.StartServiceAsync();
        await thing.ReconnectAsync(id, named);

        for (var n = 4; n <= 6; n++)
        {
            Assert.AreEqual(n, await UpdateAsync(thing, id, n));
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
    public async Task StandInRestart_ADeviceThatReconnects_FindsItsShadowUnchanged()
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

        await fixture.StopServiceAsync();
        await fixture.StartServiceAsync();
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
