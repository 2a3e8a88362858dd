using System.Text;
using System.Text.Json.Nodes;
using NanoThing.LocalIot.Shadows;

namespace NanoThing.LocalIot.Tests.DataPlane;

/// <summary>
/// GetThingShadow, UpdateThingShadow, DeleteThingShadow and ListNamedShadowsForThing over real HTTPS, with the shadow
/// engine's semantics and AWS's status codes, error types and bodies.
/// </summary>
[TestClass]
public sealed class ShadowOperationsTests
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
    public async Task Get_of_a_thing_without_shadow_is_404_ResourceNotFoundException_with_AWS_message()
    {
        string message = await HttpAssert.ErrorAsync(await client.GetAsync("/things/never-updated/shadow"), 404, "ResourceNotFoundException");
        Assert.AreEqual("No shadow exists with name: 'never-updated'", message);
    }

    [TestMethod]
    public async Task Update_answers_the_accepted_document_and_get_returns_state_delta_metadata_and_version()
    {
        var accepted = await HttpAssert.OkAsync(await client.PostAsync("/things/lamp/shadow",
            DataPlaneFixture.Json("""{"state":{"desired":{"led":true},"reported":{"led":false}},"clientToken":"t-1"}""")));
        Assert.AreEqual(1, (int)accepted["version"]!);
        Assert.AreEqual("t-1", (string?)accepted["clientToken"]);
        Assert.IsTrue(JsonNode.DeepEquals(JsonNode.Parse("""{"desired":{"led":true},"reported":{"led":false}}"""), accepted["state"]), accepted.ToJsonString());
        Assert.AreEqual(DataPlaneFixture.Epoch, (long)accepted["metadata"]!["desired"]!["led"]!["timestamp"]!);

        var document = await HttpAssert.OkAsync(await client.GetAsync("/things/lamp/shadow"));
        Assert.IsTrue(JsonNode.DeepEquals(JsonNode.Parse("""{"led":true}"""), document["state"]!["delta"]), document.ToJsonString());
        Assert.IsTrue(JsonNode.DeepEquals(JsonNode.Parse("""{"led":false}"""), document["state"]!["reported"]), document.ToJsonString());
        Assert.AreEqual(1, (int)document["version"]!);
        Assert.IsNotNull(document["metadata"]!["reported"]!["led"]!["timestamp"]);
    }

    [TestMethod]
    public async Task Update_without_content_type_is_accepted_as_botocore_sends_it()
    {
        var body = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"state":{"reported":{"t":21}}}"""));
        Assert.IsNull(body.Headers.ContentType);
        var accepted = await HttpAssert.OkAsync(await client.PostAsync("/things/no-content-type/shadow", body));
        Assert.AreEqual(21, (int)accepted["state"]!["reported"]!["t"]!);
    }

    [TestMethod]
    [DataRow("not json", 400, "InvalidRequestException", "Invalid JSON")]
    [DataRow("""{"clientToken":"x"}""", 400, "InvalidRequestException", "Missing required node: state")]
    [DataRow("""{"state":{"desired":5}}""", 400, "InvalidRequestException", "Desired node must be an object")]
    [DataRow("""{"state":{"desired":{"a":1}},"version":"seven"}""", 400, "InvalidRequestException", "Invalid version")]
    public async Task Invalid_updates_get_the_engines_code_and_message(string body, int status, string type, string message)
    {
        Assert.AreEqual(message, await HttpAssert.ErrorAsync(await client.PostAsync("/things/invalid-updates/shadow", DataPlaneFixture.Json(body)), status, type));
    }

    [TestMethod]
    public async Task A_stale_version_is_409_ConflictException()
    {
        await HttpAssert.OkAsync(await client.PostAsync("/things/versioned/shadow", DataPlaneFixture.Json("""{"state":{"desired":{"a":1}}}""")));
        await HttpAssert.OkAsync(await client.PostAsync("/things/versioned/shadow", DataPlaneFixture.Json("""{"state":{"desired":{"a":2}},"version":1}""")));
        string message = await HttpAssert.ErrorAsync(await client.PostAsync("/things/versioned/shadow", DataPlaneFixture.Json("""{"state":{"desired":{"a":3}},"version":1}""")), 409, "ConflictException");
        Assert.AreEqual("Version conflict", message);
    }

    [TestMethod]
    public async Task A_state_over_8_KB_is_413_RequestEntityTooLargeException()
    {
        string big = new('x', 8 * 1024);
        string message = await HttpAssert.ErrorAsync(await client.PostAsync("/things/too-big/shadow", DataPlaneFixture.Json("{\"state\":{\"desired\":{\"big\":\"" + big + "\"}}}")), 413, "RequestEntityTooLargeException");
        Assert.AreEqual("The payload exceeds the maximum size allowed", message);
    }

    [TestMethod]
    public async Task A_body_over_128_KB_is_413_without_reaching_the_engine()
    {
        var response = await client.PostAsync("/things/huge-body/shadow", new ByteArrayContent(new byte[128 * 1024 + 1]));
        await HttpAssert.ErrorAsync(response, 413, "RequestEntityTooLargeException");
        await HttpAssert.ErrorAsync(await client.GetAsync("/things/huge-body/shadow"), 404, "ResourceNotFoundException");
    }

    [TestMethod]
    public async Task A_body_that_is_not_UTF8_is_415_UnsupportedDocumentEncodingException()
    {
        var response = await client.PostAsync("/things/latin1/shadow", new ByteArrayContent([.. "{\"state\":{\"desired\":{\"a\":\""u8, 0xE9, .. "\"}}}"u8]));
        Assert.AreEqual("Unsupported documented encoding; supported encoding is UTF-8", await HttpAssert.ErrorAsync(response, 415, "UnsupportedDocumentEncodingException"));
    }

    [TestMethod]
    public async Task Delete_answers_version_and_timestamp_then_the_shadow_is_gone_and_the_version_continues()
    {
        await HttpAssert.OkAsync(await client.PostAsync("/things/deleted/shadow", DataPlaneFixture.Json("""{"state":{"reported":{"a":1}}}""")));
        await HttpAssert.OkAsync(await client.PostAsync("/things/deleted/shadow", DataPlaneFixture.Json("""{"state":{"reported":{"a":2}}}""")));
        var deleted = await HttpAssert.OkAsync(await client.DeleteAsync("/things/deleted/shadow"));
        Assert.AreEqual(2, (int)deleted["version"]!);
        Assert.AreEqual(DataPlaneFixture.Epoch, (long)deleted["timestamp"]!);
        await HttpAssert.ErrorAsync(await client.GetAsync("/things/deleted/shadow"), 404, "ResourceNotFoundException");
        await HttpAssert.ErrorAsync(await client.DeleteAsync("/things/deleted/shadow"), 404, "ResourceNotFoundException");
        var recreated = await HttpAssert.OkAsync(await client.PostAsync("/things/deleted/shadow", DataPlaneFixture.Json("""{"state":{"reported":{"a":3}}}""")));
        Assert.AreEqual(3, (int)recreated["version"]!);
    }

    [TestMethod]
    public async Task The_name_parameter_selects_a_named_shadow_apart_from_the_classic_one()
    {
        await HttpAssert.OkAsync(await client.PostAsync("/things/named/shadow?name=config", DataPlaneFixture.Json("""{"state":{"desired":{"rate":5}}}""")));
        await HttpAssert.ErrorAsync(await client.GetAsync("/things/named/shadow"), 404, "ResourceNotFoundException");
        var named = await HttpAssert.OkAsync(await client.GetAsync("/things/named/shadow?name=config"));
        Assert.AreEqual(5, (int)named["state"]!["desired"]!["rate"]!);
        var stored = fixture.Shadows.Store.Read(ShadowId.Named("named", "config"));
        Assert.IsNotNull(stored, "the HTTPS update is in the one shadow engine MQTT uses");
        Assert.AreEqual("No shadow exists with name: 'other'", await HttpAssert.ErrorAsync(await client.GetAsync("/things/named/shadow?name=other"), 404, "ResourceNotFoundException"));
    }

    [TestMethod]
    public async Task List_returns_existing_named_shadows_in_pages_with_nextToken_and_never_the_classic_one()
    {
        foreach (string name in new[] { "c", "a", "b" })
        {
            await HttpAssert.OkAsync(await client.PostAsync("/things/listed/shadow?name=" + name, DataPlaneFixture.Json("""{"state":{"reported":{"x":1}}}""")));
        }

        await HttpAssert.OkAsync(await client.PostAsync("/things/listed/shadow", DataPlaneFixture.Json("""{"state":{"reported":{"x":1}}}""")));
        await HttpAssert.OkAsync(await client.DeleteAsync("/things/listed/shadow?name=c"));

        var all = await HttpAssert.OkAsync(await client.GetAsync("/api/things/shadow/ListNamedShadowsForThing/listed"));
        Assert.AreEqual("""["a","b"]""", all["results"]!.ToJsonString());
        Assert.IsNull(all["nextToken"], "no nextToken on the last page");
        Assert.AreEqual(DataPlaneFixture.Epoch, (long)all["timestamp"]!);

        var first = await HttpAssert.OkAsync(await client.GetAsync("/api/things/shadow/ListNamedShadowsForThing/listed?pageSize=1"));
        Assert.AreEqual("""["a"]""", first["results"]!.ToJsonString());
        string token = (string)first["nextToken"]!;
        var second = await HttpAssert.OkAsync(await client.GetAsync("/api/things/shadow/ListNamedShadowsForThing/listed?pageSize=1&nextToken=" + Uri.EscapeDataString(token)));
        Assert.AreEqual("""["b"]""", second["results"]!.ToJsonString());
        Assert.IsNull(second["nextToken"]);
    }

    [TestMethod]
    public async Task List_of_an_unknown_thing_is_an_empty_list_not_404()
    {
        var list = await HttpAssert.OkAsync(await client.GetAsync("/api/things/shadow/ListNamedShadowsForThing/no-such-thing"));
        Assert.AreEqual("[]", list["results"]!.ToJsonString());
    }

    [TestMethod]
    [DataRow("/api/things/shadow/ListNamedShadowsForThing/t?pageSize=0", "pageSize")]
    [DataRow("/api/things/shadow/ListNamedShadowsForThing/t?pageSize=101", "pageSize")]
    [DataRow("/api/things/shadow/ListNamedShadowsForThing/t?nextToken=%21%21", "nextToken")]
    [DataRow("/things/bad%20name/shadow", "thingName")]
    [DataRow("/things/ok/shadow?name=bad%2Fname", "shadowName")]
    public async Task Invalid_parameters_are_400_InvalidRequestException_naming_the_member(string target, string member)
    {
        string message = await HttpAssert.ErrorAsync(await client.GetAsync(target), 400, "InvalidRequestException");
        StringAssert.Contains(message, member);
    }

    [TestMethod]
    public async Task A_thing_name_over_128_characters_is_400()
    {
        StringAssert.Contains(await HttpAssert.ErrorAsync(await client.GetAsync("/things/" + new string('a', 129) + "/shadow"), 400, "InvalidRequestException"),
            "length less than or equal to 128");
    }

    [TestMethod]
    [DataRow("PUT", "/things/t/shadow")]
    [DataRow("PATCH", "/things/t/shadow")]
    [DataRow("POST", "/api/things/shadow/ListNamedShadowsForThing/t")]
    [DataRow("GET", "/topics/a%2Fb")]
    public async Task A_known_path_with_another_method_is_405_MethodNotAllowedException(string method, string target)
    {
        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), target) { Content = DataPlaneFixture.Json("{}") });
        StringAssert.Contains(await HttpAssert.ErrorAsync(response, 405, "MethodNotAllowedException"), method);
    }

    [TestMethod]
    public async Task An_unknown_path_is_404_naming_the_operations_served()
    {
        StringAssert.Contains(await HttpAssert.ErrorAsync(await client.GetAsync("/things/t/shadows"), 404, "ResourceNotFoundException"), "/things/{thingName}/shadow");
    }
}
