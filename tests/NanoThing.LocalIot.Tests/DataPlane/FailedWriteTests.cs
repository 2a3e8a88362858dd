using NanoThing.LocalIot.Tests.Shadows;

namespace NanoThing.LocalIot.Tests.DataPlane;

/// <summary>
/// A write the disk refuses, through real HTTPS: the update is answered 500 InternalFailureException in the error shape
/// the SDKs parse (the shadow service's 500 "Internal service failure", device-shadow-error-messages.html), nothing is
/// stored or published, and the next update starts from the unchanged shadow. A full disk is a <see cref="GatedRepository"/>
/// refusing one batch.
/// </summary>
[TestClass]
public sealed class FailedWriteTests
{
    [TestMethod]
    public async Task A_refused_write_is_500_InternalFailureException_and_changes_and_publishes_nothing()
    {
        var repository = new GatedRepository { RefuseNext = "disk full" };
        await using var fixture = await DataPlaneFixture.StartAsync(repository: repository);
        using var client = fixture.Client();

        var refused = await client.PostAsync("/things/full-disk/shadow", DataPlaneFixture.Json("""{"state":{"reported":{"x":1}},"clientToken":"t1"}"""));
        Assert.AreEqual("Internal service failure", await HttpAssert.ErrorAsync(refused, 500, "InternalFailureException"));
        Assert.DoesNotContain("disk full", await refused.Content.ReadAsStringAsync(), "the server's failure is not shown to the caller");

        await HttpAssert.ErrorAsync(await client.GetAsync("/things/full-disk/shadow"), 404, "ResourceNotFoundException");
        Assert.IsEmpty(fixture.Publisher.Messages, "a refused write publishes nothing");
        var accepted = await HttpAssert.OkAsync(await client.PostAsync("/things/full-disk/shadow", DataPlaneFixture.Json("""{"state":{"reported":{"x":2}}}""")));
        Assert.AreEqual(1, (int)accepted["version"]!);
    }
}
