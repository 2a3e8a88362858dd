using NanoThing.LocalIot.Shadows;
using static NanoThing.LocalIot.Tests.Shadows.ShadowTestClient;

namespace NanoThing.LocalIot.Tests.Shadows;

/// <summary>Exact JSON of every response kind, for a small story of updates on one classic shadow.</summary>
[TestClass]
public sealed class ShadowUpdateGoldenTests
{
    private const long T0 = 1591057529;
    private const long T1 = T0 + 10;

    private readonly ManualTimeProvider clock = new(T0);
    private readonly ShadowTestClient kitchen;

    public ShadowUpdateGoldenTests() => kitchen = new ShadowTestClient(new ShadowStore(clock), ShadowId.Classic("kitchen"));

    [TestMethod]
    public void FirstReportedUpdate_IsAcceptedWithVersion1_AndDocumentsWithoutPrevious_AndNoDelta()
    {
        var responses = kitchen.Update("""{"state":{"reported":{"led":true,"temp":21.5}},"clientToken":"t1"}""");

        AssertKinds(responses, ShadowResponseKind.UpdateAccepted, ShadowResponseKind.UpdateDocuments);
        Assert.AreEqual(
            """{"state":{"reported":{"led":true,"temp":21.5}},"metadata":{"reported":{"led":{"timestamp":1591057529},"temp":{"timestamp":1591057529}}},"version":1,"timestamp":1591057529,"clientToken":"t1"}""",
            responses[0].Json);
        Assert.AreEqual(
            """{"current":{"state":{"reported":{"led":true,"temp":21.5}},"metadata":{"reported":{"led":{"timestamp":1591057529},"temp":{"timestamp":1591057529}}},"version":1},"timestamp":1591057529,"clientToken":"t1"}""",
            responses[1].Json);
    }

    [TestMethod]
    public void DesiredThatDiffers_GivesAcceptedWithOnlyRequestFields_DeltaAndDocuments()
    {
        kitchen.Update("""{"state":{"reported":{"led":true,"temp":21.5}}}""");
        clock.Advance(TimeSpan.FromSeconds(10));

        var responses = kitchen.Update("""{"state":{"desired":{"led":false}},"clientToken":"app-7"}""");

        AssertKinds(responses, ShadowResponseKind.UpdateAccepted, ShadowResponseKind.UpdateDelta, ShadowResponseKind.UpdateDocuments);
        Assert.AreEqual(
            """{"state":{"desired":{"led":false}},"metadata":{"desired":{"led":{"timestamp":1591057539}}},"version":2,"timestamp":1591057539,"clientToken":"app-7"}""",
            responses[0].Json);
        Assert.AreEqual(
            """{"state":{"led":false},"metadata":{"led":{"timestamp":1591057539}},"version":2,"timestamp":1591057539,"clientToken":"app-7"}""",
            responses[1].Json);
        Assert.AreEqual(
            """{"previous":{"state":{"reported":{"led":true,"temp":21.5}},"metadata":{"reported":{"led":{"timestamp":1591057529},"temp":{"timestamp":1591057529}}},"version":1},"current":{"state":{"desired":{"led":false},"reported":{"led":true,"temp":21.5}},"metadata":{"desired":{"led":{"timestamp":1591057539}},"reported":{"led":{"timestamp":1591057529},"temp":{"timestamp":1591057529}}},"version":2},"timestamp":1591057539,"clientToken":"app-7"}""",
            responses[2].Json);
    }

    [TestMethod]
    public void Get_ReturnsDesiredReportedDeltaMetadataVersion_AndEchoesToken()
    {
        kitchen.Update("""{"state":{"reported":{"led":true,"temp":21.5}}}""");
        clock.Advance(TimeSpan.FromSeconds(10));
        kitchen.Update("""{"state":{"desired":{"led":false}}}""");

        var json = Single(kitchen.Get("""{"clientToken":"g1"}"""), ShadowResponseKind.GetAccepted);

        Assert.AreEqual(
            """{"state":{"desired":{"led":false},"reported":{"led":true,"temp":21.5},"delta":{"led":false}},"metadata":{"desired":{"led":{"timestamp":1591057539}},"reported":{"led":{"timestamp":1591057529},"temp":{"timestamp":1591057529}}},"version":2,"timestamp":1591057539,"clientToken":"g1"}""",
            json);
    }

    [TestMethod]
    public void Get_WithEmptyPayload_HasNoClientToken_AndNoDeltaWhenInSync()
    {
        kitchen.Update("""{"state":{"desired":{"led":true},"reported":{"led":true}}}""");

        var json = Single(kitchen.Get(), ShadowResponseKind.GetAccepted);

        Assert.AreEqual(
            """{"state":{"desired":{"led":true},"reported":{"led":true}},"metadata":{"desired":{"led":{"timestamp":1591057529}},"reported":{"led":{"timestamp":1591057529}}},"version":1,"timestamp":1591057529}""",
            json);
    }

    [TestMethod]
    public void ReportedUpdateThatLeavesADelta_PublishesTheWholeDelta_WithDesiredTimestamps_AndTheReportersToken()
    {
        kitchen.Update("""{"state":{"desired":{"led":true,"interval":60}}}""");
        clock.Advance(TimeSpan.FromSeconds(10));

        var json = Single(kitchen.Update("""{"state":{"reported":{"led":false}},"clientToken":"dev-1"}"""), ShadowResponseKind.UpdateDelta);

        Assert.AreEqual(
            """{"state":{"led":true,"interval":60},"metadata":{"led":{"timestamp":1591057529},"interval":{"timestamp":1591057529}},"version":2,"timestamp":1591057539,"clientToken":"dev-1"}""",
            json);
    }

    [TestMethod]
    public void ReportedCatchingUp_PublishesNoDelta_AndDesiredStays()
    {
        kitchen.Update("""{"state":{"desired":{"led":true}}}""");

        var responses = kitchen.Update("""{"state":{"reported":{"led":true}}}""");

        AssertKinds(responses, ShadowResponseKind.UpdateAccepted, ShadowResponseKind.UpdateDocuments);
        StringAssert.Contains(Single(kitchen.Get(), ShadowResponseKind.GetAccepted), "\"desired\":{\"led\":true}");
    }

    [TestMethod]
    public void Delete_ReturnsVersionAndTimestamp_ThenGetIs404()
    {
        kitchen.Update("""{"state":{"reported":{"led":true}}}""");
        kitchen.Update("""{"state":{"reported":{"led":false}}}""");

        Assert.AreEqual("""{"version":2,"timestamp":1591057529,"clientToken":"d1"}""",
            Single(kitchen.Delete("""{"clientToken":"d1"}"""), ShadowResponseKind.DeleteAccepted));
        Assert.AreEqual("""{"code":404,"message":"No shadow exists with name: 'kitchen'","timestamp":1591057529}""",
            Single(kitchen.Get(), ShadowResponseKind.GetRejected));
        Assert.AreEqual("""{"code":404,"message":"No shadow exists with name: 'kitchen'","timestamp":1591057529,"clientToken":"d2"}""",
            Single(kitchen.Delete("""{"clientToken":"d2"}"""), ShadowResponseKind.DeleteRejected));
    }

    [TestMethod]
    public void UnicodeText_IsKeptAsUtf8_NotEscaped()
    {
        var json = Single(kitchen.Update("""{"state":{"reported":{"room":"Küche ☕"}}}"""), ShadowResponseKind.UpdateAccepted);

        StringAssert.Contains(json, "\"room\":\"Küche ☕\"");
    }

    [TestMethod]
    public void NullsInTheRequest_AreEchoedWithMetadata()
    {
        kitchen.Update("""{"state":{"desired":{"led":true},"reported":{"led":true}}}""");

        var json = Single(kitchen.Update("""{"state":{"desired":null,"reported":{"led":null}}}"""), ShadowResponseKind.UpdateAccepted);

        Assert.AreEqual(
            """{"state":{"desired":null,"reported":{"led":null}},"metadata":{"desired":{"timestamp":1591057529},"reported":{"led":{"timestamp":1591057529}}},"version":2,"timestamp":1591057529}""",
            json);
    }
}
