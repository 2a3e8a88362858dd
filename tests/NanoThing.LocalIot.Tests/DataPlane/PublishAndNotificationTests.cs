using System.Text;
using System.Text.Json.Nodes;

namespace NanoThing.LocalIot.Tests.DataPlane;

/// <summary>
/// Publish over real HTTPS, and what the data plane hands to the broker: Publish's message as sent, and for an HTTPS
/// update or delete the same accepted/delta/documents messages the shadow service publishes for an MQTT request.
/// </summary>
[TestClass]
public sealed class PublishAndNotificationTests
{
    private static DataPlaneFixture fixture = null!;
    private static HttpClient client = null!;

    [ClassInitialize]
    public static async Task StartAsync(TestContext _)
    {
        fixture = await DataPlaneFixture.StartAsync();
        client = fixture.Client();
    }

    [ClassCleanup]
    public static async Task StopAsync()
    {
        client.Dispose();
        await fixture.DisposeAsync();
    }

    [TestMethod]
    public async Task Publish_decodes_the_SDK_encoded_topic_and_hands_payload_qos_and_retain_to_the_broker()
    {
        var response = await client.PostAsync("/topics/%24aws%2Fthings%2Fpub-1%2Fshadow%2Fupdate?qos=1&retain=true", new ByteArrayContent("""{"x":1}"""u8.ToArray()));
        var body = await HttpAssert.OkAsync(response);
        Assert.AreEqual("OK", (string?)body["message"]);
        var published = fixture.Publisher.Messages.Single(m => m.Topic == "$aws/things/pub-1/shadow/update");
        Assert.AreEqual("""{"x":1}""", published.Text);
        Assert.AreEqual(1, published.Qos);
        Assert.IsTrue(published.Retain);
    }

    [TestMethod]
    public async Task Publish_defaults_to_qos_0_without_retain_and_takes_literal_slashes_and_an_empty_payload()
    {
        await HttpAssert.OkAsync(await client.PostAsync("/topics/dt/pub-2/telemetry", new ByteArrayContent([])));
        var published = fixture.Publisher.Messages.Single(m => m.Topic == "dt/pub-2/telemetry");
        Assert.AreEqual(0, published.Qos);
        Assert.IsFalse(published.Retain);
        Assert.IsEmpty(published.Payload);
    }

    [TestMethod]
    [DataRow("/topics/a%2F%2B%2Fb", "topic")]
    [DataRow("/topics/a%2F%23", "topic")]
    [DataRow("/topics/a%2Fb%2Fc%2Fd%2Fe%2Ff%2Fg%2Fh%2Fi", "topic")]
    [DataRow("/topics/ok?qos=2", "qos")]
    [DataRow("/topics/ok?qos=-1", "qos")]
    [DataRow("/topics/ok?retain=yes", "retain")]
    public async Task Invalid_publish_parameters_are_400_and_nothing_is_published(string target, string member)
    {
        int before = fixture.Publisher.Messages.Count;
        StringAssert.Contains(await HttpAssert.ErrorAsync(await client.PostAsync(target, new ByteArrayContent("x"u8.ToArray())), 400, "InvalidRequestException"), member);
        Assert.HasCount(before, fixture.Publisher.Messages);
    }

    [TestMethod]
    public async Task A_topic_over_256_bytes_is_400()
    {
        await HttpAssert.ErrorAsync(await client.PostAsync("/topics/" + new string('t', 257), new ByteArrayContent([])), 400, "InvalidRequestException");
    }

    [TestMethod]
    public async Task A_publish_over_128_KB_is_413()
    {
        await HttpAssert.ErrorAsync(await client.PostAsync("/topics/big", new ByteArrayContent(new byte[128 * 1024 + 1])), 413, "RequestEntityTooLargeException");
        Assert.IsFalse(fixture.Publisher.Messages.Any(m => m.Topic == "big"));
    }

    [TestMethod]
    public async Task An_https_update_publishes_accepted_delta_and_documents_on_the_shadows_topics_like_an_mqtt_update()
    {
        var accepted = await HttpAssert.OkAsync(await client.PostAsync("/things/notified/shadow?name=cfg",
            DataPlaneFixture.Json("""{"state":{"desired":{"led":true}},"clientToken":"http-1"}""")));
        var messages = fixture.Publisher.Messages.Where(m => m.Topic.StartsWith("$aws/things/notified/", StringComparison.Ordinal)).ToList();
        CollectionAssert.AreEqual(new[]
        {
            "$aws/things/notified/shadow/name/cfg/update/accepted",
            "$aws/things/notified/shadow/name/cfg/update/delta",
            "$aws/things/notified/shadow/name/cfg/update/documents",
        }, messages.Select(m => m.Topic).ToArray());
        Assert.IsTrue(messages.All(m => m.Qos == 1 && !m.Retain));
        Assert.IsTrue(JsonNode.DeepEquals(accepted, JsonNode.Parse(messages[0].Text)), "update/accepted carries what the HTTPS caller got");
        Assert.AreEqual(true, (bool)JsonNode.Parse(messages[1].Text)!["state"]!["led"]!);
        Assert.AreEqual("http-1", (string?)JsonNode.Parse(messages[2].Text)!["clientToken"]);
    }

    [TestMethod]
    public async Task A_delete_publishes_delete_accepted_while_get_and_rejections_publish_nothing()
    {
        await HttpAssert.OkAsync(await client.PostAsync("/things/quiet/shadow", DataPlaneFixture.Json("""{"state":{"reported":{"a":1}}}""")));
        int before = fixture.Publisher.Messages.Count;
        await HttpAssert.OkAsync(await client.GetAsync("/things/quiet/shadow"));
        await HttpAssert.ErrorAsync(await client.PostAsync("/things/quiet/shadow", DataPlaneFixture.Json("""{"state":{"reported":{"a":2}},"version":9}""")), 409, "ConflictException");
        await HttpAssert.ErrorAsync(await client.GetAsync("/things/quiet/shadow?name=missing"), 404, "ResourceNotFoundException");
        Assert.HasCount(before, fixture.Publisher.Messages, "get and rejections are answered to the caller only");

        var deleted = await HttpAssert.OkAsync(await client.DeleteAsync("/things/quiet/shadow"));
        var message = fixture.Publisher.Messages.Skip(before).Single();
        Assert.AreEqual("$aws/things/quiet/shadow/delete/accepted", message.Topic);
        Assert.IsTrue(JsonNode.DeepEquals(deleted, JsonNode.Parse(Encoding.UTF8.GetString(message.Payload))));
    }
}
