using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using NanoThing.Console.Tests.Support;
using NanoThing.LocalIot.Registry;
using NanoThing.LocalIot.WebConsole;

namespace NanoThing.Console.Tests;

/// <summary>
/// The console's access rules over plain HTTP (no browser): the token is needed for everything, moves into an
/// HttpOnly SameSite=Strict cookie and out of the address; state-changing requests need the console's own header
/// and origin; foreign Host headers are refused. And its shadow API answers as AWS's engine does.
/// </summary>
[TestClass]
public sealed class ConsoleAccessTests
{
    private static ConsoleStandIn standIn = null!;
    private static HttpClient http = null!;

    [ClassInitialize]
    public static async Task Start(TestContext _)
    {
        standIn = await ConsoleStandIn.StartAsync();
        http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(standIn.Console.Url) };
    }

    [ClassCleanup]
    public static async Task Stop()
    {
        http?.Dispose();
        if (standIn is not null) await standIn.DisposeAsync();
    }

    private static string Cookie => standIn.Console.Token.Value;

    private static HttpRequestMessage Request(HttpMethod method, string path, string? cookie = null, string? body = null, bool consoleHeader = false, string? origin = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (cookie is not null) request.Headers.Add("Cookie", "nanothing-console-" + standIn.Console.Port + "=" + cookie);
        if (consoleHeader) request.Headers.Add(ConsoleAccess.RequestHeader, "1");
        if (origin is not null) request.Headers.Add("Origin", origin);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        return request;
    }

    [TestMethod]
    [DataRow("/")]
    [DataRow("/assets/app.js")]
    [DataRow("/assets/vendor/uPlot.esm.js")]
    [DataRow("/api/things")]
    [DataRow("/api/events")]
    [DataRow("/api/refusals")]
    public async Task WithoutTheToken_EveryPageAssetAndApiIs401(string path)
    {
        using var response = await http.SendAsync(Request(HttpMethod.Get, path));
        Assert.AreEqual(HttpStatusCode.Unauthorized, response.StatusCode, path);
        StringAssert.Contains(await response.Content.ReadAsStringAsync(), "token", "the answer says what to do");
    }

    [TestMethod]
    public async Task AWrongTokenOrCookie_Is403()
    {
        string wrong = new('0', 64);
        using var byAddress = await http.SendAsync(Request(HttpMethod.Get, "/?token=" + wrong));
        Assert.AreEqual(HttpStatusCode.Forbidden, byAddress.StatusCode);
        Assert.IsFalse(byAddress.Headers.Contains("Set-Cookie"), "no cookie for a wrong token");
        using var byCookie = await http.SendAsync(Request(HttpMethod.Get, "/api/things", cookie: wrong));
        Assert.AreEqual(HttpStatusCode.Forbidden, byCookie.StatusCode);
    }

    [TestMethod]
    public async Task TheToken_BecomesAnHttpOnlyStrictCookie_AndLeavesTheAddress()
    {
        using var response = await http.SendAsync(Request(HttpMethod.Get, "/?token=" + Cookie + "&x=1"));
        Assert.AreEqual(HttpStatusCode.SeeOther, response.StatusCode);
        string location = response.Headers.Location!.OriginalString;
        Assert.AreEqual("/?x=1", location, "the token is dropped from the address, other parameters kept");
        string cookie = response.Headers.GetValues("Set-Cookie").Single();
        StringAssert.StartsWith(cookie, "nanothing-console-" + standIn.Console.Port + "=" + Cookie + ";");
        StringAssert.Contains(cookie.ToLowerInvariant(), "httponly");
        StringAssert.Contains(cookie.ToLowerInvariant(), "samesite=strict");

        using var page = await http.SendAsync(Request(HttpMethod.Get, "/", cookie: Cookie));
        Assert.AreEqual(HttpStatusCode.OK, page.StatusCode);
        StringAssert.Contains(await page.Content.ReadAsStringAsync(), "/assets/app.js");
        using var chart = await http.SendAsync(Request(HttpMethod.Get, "/assets/vendor/uPlot.esm.js", cookie: Cookie));
        Assert.AreEqual(HttpStatusCode.OK, chart.StatusCode, "the chart library is served by the stand-in");
        StringAssert.Contains(await chart.Content.ReadAsStringAsync(), "export", "an ES module from npm's uplot");
    }

    [TestMethod]
    public async Task ForeignHostHeader_Is403EvenWithTheCookie()
    {
        var request = Request(HttpMethod.Get, "/api/things", cookie: Cookie);
        request.Headers.Host = "attacker.example:" + standIn.Console.Port;
        using var response = await http.SendAsync(request);
        Assert.AreEqual(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [TestMethod]
    public async Task StateChangingRequests_NeedTheConsolesHeaderAndOrigin()
    {
        const string update = "{\"state\":{\"desired\":{\"led\":true}}}";
        using var noHeader = await http.SendAsync(Request(HttpMethod.Post, "/api/things/csrf-thing/shadow", Cookie, update));
        Assert.AreEqual(HttpStatusCode.Forbidden, noHeader.StatusCode);
        using var otherSite = await http.SendAsync(Request(HttpMethod.Post, "/api/things/csrf-thing/shadow", Cookie, update, consoleHeader: true, origin: "https://attacker.example"));
        Assert.AreEqual(HttpStatusCode.Forbidden, otherSite.StatusCode);
        var crossSite = Request(HttpMethod.Delete, "/api/things/csrf-thing/shadow", Cookie, consoleHeader: true);
        crossSite.Headers.Add("Sec-Fetch-Site", "cross-site");
        using var crossSiteAnswer = await http.SendAsync(crossSite);
        Assert.AreEqual(HttpStatusCode.Forbidden, crossSiteAnswer.StatusCode);
        Assert.IsNull(standIn.Shadow("csrf-thing"), "nothing refused changed the shadow");

        using var own = await http.SendAsync(Request(HttpMethod.Post, "/api/things/csrf-thing/shadow", Cookie, update, consoleHeader: true, origin: "http://127.0.0.1:" + standIn.Console.Port));
        Assert.AreEqual(HttpStatusCode.OK, own.StatusCode, await own.Content.ReadAsStringAsync());
        Assert.AreEqual(true, (bool?)standIn.Shadow("csrf-thing")!["state"]!["desired"]!["led"]);
    }

    [TestMethod]
    public async Task ShadowUpdates_AreAnsweredAsAwsAnswersThem()
    {
        async Task<(HttpStatusCode, JsonNode)> Post(string body)
        {
            using var response = await http.SendAsync(Request(HttpMethod.Post, "/api/things/answers-thing/shadow", Cookie, body, consoleHeader: true));
            return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
        }

        var (created, first) = await Post("{\"state\":{\"desired\":{\"color\":\"red\"}}}");
        Assert.AreEqual(HttpStatusCode.OK, created, first.ToJsonString());
        long version = (long)first["reply"]!["version"]!;

        var (conflict, refused) = await Post("{\"state\":{\"desired\":{\"color\":\"blue\"}},\"version\":" + (version + 5) + "}");
        Assert.AreEqual(HttpStatusCode.Conflict, conflict);
        Assert.AreEqual("Version conflict", (string?)refused["message"], refused.ToJsonString());

        var (bad, invalid) = await Post("{\"state\":");
        Assert.AreEqual(HttpStatusCode.BadRequest, bad);
        Assert.AreEqual(400, (int)invalid["reply"]!["code"]!, invalid.ToJsonString());
        Assert.AreEqual("red", (string?)standIn.Shadow("answers-thing")!["state"]!["desired"]!["color"], "refused updates changed nothing");
    }

    [TestMethod]
    public async Task NamedShadows_AreCreatedListedAndDeleted_ThroughTheEngine()
    {
        const string thing = "named-thing";
        using (var created = await http.SendAsync(Request(HttpMethod.Post, "/api/things/" + thing + "/shadow?name=settings", Cookie, "{\"state\":{\"desired\":{\"mode\":\"eco\"}}}", consoleHeader: true)))
        {
            Assert.AreEqual(HttpStatusCode.OK, created.StatusCode, await created.Content.ReadAsStringAsync());
        }

        Assert.AreEqual("eco", (string?)standIn.Server.Shadows.Store.Read(LocalIot.Shadows.ShadowId.Named(thing, "settings"))!["state"]!["desired"]!["mode"]);
        using (var listed = await http.SendAsync(Request(HttpMethod.Get, "/api/things", Cookie)))
        {
            var row = JsonNode.Parse(await listed.Content.ReadAsStringAsync())!.AsArray().Single(t => (string?)t!["name"] == thing)!;
            Assert.AreEqual("settings", (string?)row["namedShadows"]![0], row.ToJsonString());
            Assert.IsNull(row["shadowVersion"], "no classic shadow: " + row.ToJsonString());
        }

        using (var deleted = await http.SendAsync(Request(HttpMethod.Delete, "/api/things/" + thing + "/shadow?name=settings", Cookie, consoleHeader: true)))
        {
            Assert.AreEqual(HttpStatusCode.OK, deleted.StatusCode, await deleted.Content.ReadAsStringAsync());
        }

        Assert.IsNull(standIn.Server.Shadows.Store.Read(LocalIot.Shadows.ShadowId.Named(thing, "settings")));
        using var again = await http.SendAsync(Request(HttpMethod.Delete, "/api/things/" + thing + "/shadow?name=settings", Cookie, consoleHeader: true));
        Assert.AreEqual(HttpStatusCode.NotFound, again.StatusCode, "AWS answers 404 for a shadow that does not exist");
        using var badName = await http.SendAsync(Request(HttpMethod.Get, "/api/things/" + thing + "/shadow?name=no%20spaces", Cookie));
        Assert.AreEqual(HttpStatusCode.BadRequest, badName.StatusCode);
    }

    [TestMethod]
    public async Task ARegisteredThing_IsListedWithItsCertificatesStatusFromTheRegistry_BeforeItEverConnects()
    {
        const string thing = "revoked-thing";
        Assert.IsTrue(LocalRegistry.TryOpen(standIn.DataFolder, out var registry, out var error), error);
        Assert.IsTrue(LocalProvisioning.TryProvisionThing(standIn.Ca, registry, thing, LocalProvisioning.ThingShadowsPolicyName, LocalProvisioning.ThingShadowsPolicy(),
            out _, out error), error);
        string certificateId = registry.CertificatesOf(thing).Single().Id;

        JsonNode Row(JsonNode list) => list.AsArray().Single(t => (string?)t!["name"] == thing)!;
        using (var listed = await http.SendAsync(Request(HttpMethod.Get, "/api/things", Cookie)))
        {
            var row = Row(JsonNode.Parse(await listed.Content.ReadAsStringAsync())!);
            Assert.AreEqual(certificateId, (string?)row["certificateId"], row.ToJsonString());
            Assert.AreEqual("ACTIVE", (string?)row["certificateStatus"], row.ToJsonString());
            Assert.IsFalse((bool)row["connected"]!, row.ToJsonString());
        }

        Assert.IsNull(registry.SetStatus(certificateId, CertificateStatus.Revoked));
        using var again = await http.SendAsync(Request(HttpMethod.Get, "/api/things", Cookie));
        var revoked = Row(JsonNode.Parse(await again.Content.ReadAsStringAsync())!);
        Assert.AreEqual("REVOKED", (string?)revoked["certificateStatus"], "the status is read from the registry each time: " + revoked.ToJsonString());
    }

    [TestMethod]
    public void TheTokenFile_IsPrivate_AndHoldsTheToken()
    {
        string path = Path.Combine(standIn.DataFolder, ConsoleToken.FileName);
        Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.AreEqual(standIn.Console.Token.Value, File.ReadAllText(path).Trim());
        Assert.AreEqual(64, standIn.Console.Token.Value.Length);
        Assert.IsTrue(ConsoleToken.TryLoadOrCreate(standIn.DataFolder, out var again, out string error), error);
        Assert.AreEqual(standIn.Console.Token.Value, again!.Value, "the token is kept across starts");
    }
}
