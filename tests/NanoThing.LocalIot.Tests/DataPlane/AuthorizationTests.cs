using System.Text.Json;

namespace NanoThing.LocalIot.Tests.DataPlane;

/// <summary>
/// Every operation is authorized by the identity's policies through the policy engine: the action AWS names for it
/// on the thing (or named shadow) or topic ARN; a refusal is 403 ForbiddenException and one AUTHORIZATION_FAILURE log line;
/// an unauthenticated request is refused before anything runs.
/// </summary>
[TestClass]
public sealed class AuthorizationTests
{
    private const string ReadOnlyLamp = """
        {"Version":"2012-10-17","Statement":[
          {"Effect":"Allow","Action":"iot:GetThingShadow","Resource":"arn:aws:iot:*:*:thing/lamp"},
          {"Effect":"Allow","Action":["iot:UpdateThingShadow","iot:DeleteThingShadow"],"Resource":"arn:aws:iot:*:*:thing/lamp/cfg"},
          {"Effect":"Allow","Action":"iot:ListNamedShadowsForThing","Resource":"arn:aws:iot:*:*:thing/lamp"},
          {"Effect":"Allow","Action":"iot:Publish","Resource":"arn:aws:iot:*:*:topic/lamp/*"},
          {"Effect":"Deny","Action":"iot:Publish","Resource":"arn:aws:iot:*:*:topic/lamp/secret"}]}
        """;

    private static DataPlaneFixture fixture = null!;
    private static HttpClient admin = null!;
    private static HttpClient reader = null!;

    [ClassInitialize]
    public static async Task StartAsync(TestContext _)
    {
        fixture = await DataPlaneFixture.StartAsync(new HeaderAuthenticator().With("admin", DataPlaneFixture.AllowAll).With("reader", ReadOnlyLamp));
        admin = fixture.Client("admin");
        reader = fixture.Client("reader");
        await HttpAssert.OkAsync(await admin.PostAsync("/things/lamp/shadow", DataPlaneFixture.Json("""{"state":{"reported":{"on":true}}}""")));
        await HttpAssert.OkAsync(await admin.PostAsync("/things/other/shadow", DataPlaneFixture.Json("""{"state":{"reported":{"on":true}}}""")));
    }

    [ClassCleanup]
    public static async Task StopAsync()
    {
        admin.Dispose();
        reader.Dispose();
        await fixture.DisposeAsync();
    }

    [TestMethod]
    [DataRow("GET", "/things/lamp/shadow", 200)]
    [DataRow("GET", "/things/other/shadow", 403)]
    [DataRow("GET", "/things/lamp/shadow?name=cfg", 403)]
    [DataRow("POST", "/things/lamp/shadow", 403)]
    [DataRow("POST", "/things/lamp/shadow?name=cfg", 200)]
    [DataRow("DELETE", "/things/lamp/shadow", 403)]
    [DataRow("GET", "/api/things/shadow/ListNamedShadowsForThing/lamp", 200)]
    [DataRow("GET", "/api/things/shadow/ListNamedShadowsForThing/other", 403)]
    [DataRow("POST", "/topics/lamp%2Fstatus", 200)]
    [DataRow("POST", "/topics/lamp%2Fsecret", 403)]
    [DataRow("POST", "/topics/other%2Fstatus", 403)]
    [DataRow("POST", "/topics/lamp%2Fstatus?retain=true", 403)]
    public async Task Each_operation_is_decided_by_the_identitys_policy(string method, string target, int status)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), target);
        if (method == "POST")
        {
            request.Content = DataPlaneFixture.Json("""{"state":{"desired":{"level":3}}}""");
        }

        var response = await reader.SendAsync(request);
        if (status == 200)
        {
            await HttpAssert.OkAsync(response);
        }
        else
        {
            StringAssert.StartsWith(await HttpAssert.ErrorAsync(response, 403, "ForbiddenException"), "Forbidden");
        }
    }

    [TestMethod]
    public async Task A_refusal_is_logged_with_the_action_resource_principal_and_deciding_statement()
    {
        await HttpAssert.ErrorAsync(await reader.PostAsync("/topics/lamp%2Fsecret", DataPlaneFixture.Json("{}")), 403, "ForbiddenException");
        var entry = Refusals().Last(e => e.GetProperty("topicName").GetString() == "lamp/secret");
        Assert.AreEqual("AUTHORIZATION_FAILURE", entry.GetProperty("reason").GetString());
        Assert.AreEqual("Publish-In", entry.GetProperty("eventType").GetString());
        Assert.AreEqual("HTTP", entry.GetProperty("protocol").GetString());
        Assert.AreEqual("reader", entry.GetProperty("principalId").GetString());
        Assert.AreEqual("127.0.0.1", entry.GetProperty("sourceIp").GetString());
        StringAssert.Contains(entry.GetProperty("details").GetString(), "denied by statement 4 of policy reader-policy");
    }

    [TestMethod]
    public async Task An_unauthenticated_request_is_refused_with_the_authenticators_error_logged_and_changes_nothing()
    {
        using var anonymous = fixture.Client(identity: null);
        Assert.AreEqual("Missing Authentication Token",
            await HttpAssert.ErrorAsync(await anonymous.PostAsync("/things/lamp/shadow", DataPlaneFixture.Json("""{"state":{"reported":{"on":false}}}""")), 401, "UnauthorizedException"));
        var entry = Refusals().Last(e => e.GetProperty("reason").GetString() == "AUTHENTICATION_FAILURE");
        Assert.AreEqual("UpdateThingShadow", entry.GetProperty("eventType").GetString());
        Assert.AreEqual("lamp", entry.GetProperty("topicName").GetString());

        var document = await HttpAssert.OkAsync(await admin.GetAsync("/things/lamp/shadow"));
        Assert.IsTrue((bool)document["state"]!["reported"]!["on"]!, "the refused update was not applied");
    }

    [TestMethod]
    public async Task An_unauthenticated_request_to_an_unknown_path_is_refused_before_routing_errors_are_revealed()
    {
        using var anonymous = fixture.Client(identity: null);
        await HttpAssert.ErrorAsync(await anonymous.GetAsync("/nothing/here"), 401, "UnauthorizedException");
    }

    [TestMethod]
    public async Task The_authenticator_sees_the_raw_target_headers_and_body_as_sent()
    {
        using var client = fixture.Client("admin");
        await HttpAssert.OkAsync(await client.PostAsync("/topics/%24aws%2Fx?qos=1", new ByteArrayContent("abc"u8.ToArray())));
        var seen = fixture.Authenticator.LastRequest!;
        Assert.AreEqual("POST", seen.Method);
        Assert.AreEqual("/topics/%24aws%2Fx?qos=1", seen.RawTarget);
        Assert.AreEqual("abc", System.Text.Encoding.UTF8.GetString(seen.Body.Span));
        Assert.AreEqual("admin", seen.Header(HeaderAuthenticator.Header));
        Assert.AreEqual("127.0.0.1:" + fixture.Plane.Port, seen.Header("Host"));
        Assert.IsNull(seen.ClientCertificate);
    }

    private static List<JsonElement> Refusals() =>
        fixture.LogLines().Where(l => l.Contains(" refused: ", StringComparison.Ordinal))
            .Select(l => JsonDocument.Parse(l[(l.IndexOf(" refused: ", StringComparison.Ordinal) + 10)..]).RootElement).ToList();
}
