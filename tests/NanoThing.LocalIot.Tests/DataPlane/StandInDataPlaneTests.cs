using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Nodes;
using NanoThing.LocalIot.DataPlane.Auth;
using NanoThing.LocalIot.Pki;
using NanoThing.LocalIot.Shadows;
using NanoThing.LocalIot.Tests.OverMqtt;
using NanoThing.LocalIot.Tests.Shadows;

namespace NanoThing.LocalIot.Tests.DataPlane;

/// <summary>
/// The data plane inside the real stand-in (broker + shadow service + data plane, one process): SigV4 with the stand-in's
/// credentials, device mode with a thing's certificate, refusals with AWS's answers, and HTTPS changes reaching MQTT
/// subscribers as the shadow service's messages.
/// </summary>
[TestClass]
public sealed class StandInDataPlaneTests
{
    private static LocalIotFixture fixture = null!;
    private static HttpClient signed = null!;

    [ClassInitialize]
    public static async Task StartAsync(TestContext _)
    {
        fixture = await LocalIotFixture.StartAsync();
        await fixture.StartServiceAsync();
        signed = Client(new SigV4SigningHandler(Handler(), fixture.Server!.Credentials.Keys, () => fixture.Clock.GetUtcNow()));
    }

    [ClassCleanup]
    public static async Task StopAsync()
    {
        signed.Dispose();
        await fixture.DisposeAsync();
    }

    [TestMethod]
    public async Task An_https_update_reaches_the_devices_mqtt_subscription_as_accepted_delta_and_documents()
    {
        var id = ShadowId.Classic("http-lamp");
        var device = await fixture.ConnectThingAsync("http-lamp", id);
        var accepted = await HttpAssert.OkAsync(await signed.PostAsync("/things/http-lamp/shadow", DataPlaneFixture.Json("""{"state":{"desired":{"led":true}},"clientToken":"app-1"}""")));

        Assert.IsTrue(JsonNode.DeepEquals(accepted, JsonNode.Parse(await device.ExpectAsync(id, ShadowResponseKind.UpdateAccepted))));
        var delta = JsonNode.Parse(await device.ExpectAsync(id, ShadowResponseKind.UpdateDelta))!;
        Assert.IsTrue((bool)delta["state"]!["led"]!);
        Assert.AreEqual("app-1", (string?)JsonNode.Parse(await device.ExpectAsync(id, ShadowResponseKind.UpdateDocuments))!["clientToken"]);

        await device.PublishAsync(id, ShadowOperation.Update, """{"state":{"reported":{"led":true}}}""");
        await device.ExpectAsync(id, ShadowResponseKind.UpdateAccepted);
        var document = await HttpAssert.OkAsync(await signed.GetAsync("/things/http-lamp/shadow"));
        Assert.AreEqual(2, (int)document["version"]!, "MQTT and HTTPS change one shadow");
        Assert.IsNull(document["state"]!["delta"], "reported caught up with desired");
    }

    [TestMethod]
    public async Task Publish_over_https_to_a_shadow_request_topic_is_answered_on_the_reply_topics()
    {
        var id = ShadowId.Classic("curl-lamp");
        var device = await fixture.ConnectThingAsync("curl-lamp", id);
        await HttpAssert.OkAsync(await signed.PostAsync("/topics/%24aws%2Fthings%2Fcurl-lamp%2Fshadow%2Fupdate?qos=1", DataPlaneFixture.Json("""{"state":{"reported":{"t":20}}}""")));
        Assert.AreEqual(20, (int)JsonNode.Parse(await device.ExpectAsync(id, ShadowResponseKind.UpdateAccepted))!["state"]!["reported"]!["t"]!);
        await device.ExpectAsync(id, ShadowResponseKind.UpdateDocuments);
    }

    [TestMethod]
    public void The_credentials_file_is_private_and_its_secret_never_logged()
    {
        string path = fixture.Server!.Credentials.Path;
        Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.StartsWith("AKIA", fixture.Server.Credentials.AccessKeyId);
        Assert.IsFalse(fixture.ServiceLog.Any(line => line.Contains(fixture.Server.Credentials.Keys.SecretAccessKey, StringComparison.Ordinal)), "the secret is never logged");
    }

    [TestMethod]
    public async Task Unsigned_unknown_key_wrong_secret_and_expired_requests_are_403_ForbiddenException_and_logged()
    {
        var keys = fixture.Server!.Credentials.Keys;
        using var unsigned = Client(Handler());
        Assert.AreEqual("Missing Authentication Token", await HttpAssert.ErrorAsync(await unsigned.GetAsync("/things/x/shadow"), 403, "ForbiddenException"));

        using var unknown = Client(new SigV4SigningHandler(Handler(), new SigV4Credentials("AKIAUNKNOWNUNKNOWN12", keys.SecretAccessKey), () => fixture.Clock.GetUtcNow()));
        Assert.AreEqual(SigV4Verifier.UnrecognizedClientMessage, await HttpAssert.ErrorAsync(await unknown.GetAsync("/things/x/shadow"), 403, "ForbiddenException"));

        using var wrongSecret = Client(new SigV4SigningHandler(Handler(), keys with { SecretAccessKey = "not-the-secret-not-the-secret-not-the-se" }, () => fixture.Clock.GetUtcNow()));
        Assert.AreEqual(SigV4Verifier.SignatureMismatchMessage, await HttpAssert.ErrorAsync(await wrongSecret.PostAsync("/things/x/shadow", DataPlaneFixture.Json("""{"state":{"reported":{"a":1}}}""")), 403, "ForbiddenException"));

        using var late = Client(new SigV4SigningHandler(Handler(), keys, () => fixture.Clock.GetUtcNow() - TimeSpan.FromMinutes(6)));
        StringAssert.StartsWith(await HttpAssert.ErrorAsync(await late.GetAsync("/things/x/shadow"), 403, "ForbiddenException"), "Signature expired");

        using var justInTime = Client(new SigV4SigningHandler(Handler(), keys, () => fixture.Clock.GetUtcNow() - TimeSpan.FromMinutes(4)));
        await HttpAssert.ErrorAsync(await justInTime.GetAsync("/things/never-written/shadow"), 404, "ResourceNotFoundException");

        await HttpAssert.ErrorAsync(await signed.GetAsync("/things/x/shadow"), 404, "ResourceNotFoundException"); // nothing above changed it
        var reasons = Refusals().Where(e => e.GetProperty("reason").GetString() == "AUTHENTICATION_FAILURE").Select(e => e.GetProperty("details").GetString()!).ToList();
        Assert.IsTrue(reasons.Any(r => r.StartsWith("MissingAuthenticationTokenException", StringComparison.Ordinal)), string.Join("\n", reasons));
        Assert.IsTrue(reasons.Any(r => r.StartsWith("UnrecognizedClientException", StringComparison.Ordinal)), string.Join("\n", reasons));
        Assert.IsTrue(reasons.Any(r => r.StartsWith("InvalidSignatureException: The request signature", StringComparison.Ordinal) && r.Contains("canonical request")), string.Join("\n", reasons));
        Assert.IsTrue(reasons.Any(r => r.StartsWith("InvalidSignatureException: Signature expired", StringComparison.Ordinal)), string.Join("\n", reasons));
    }

    [TestMethod]
    public async Task A_client_certificate_is_decided_by_the_policies_attached_to_it_in_the_registry()
    {
        const string policy = """
            {"Version":"2012-10-17","Statement":[
              {"Effect":"Allow","Action":["iot:GetThingShadow","iot:UpdateThingShadow"],"Resource":"arn:aws:iot:*:*:thing/cert-lamp"},
              {"Effect":"Allow","Action":"iot:Publish","Resource":"arn:aws:iot:*:*:topic/cert-lamp/*"}]}
            """;
        using var certificate = fixture.ApplicationTls("cert-lamp-backend", policy).ClientCertificate!;
        using var device = Client(Handler(certificate));
        await HttpAssert.OkAsync(await device.PostAsync("/things/cert-lamp/shadow", DataPlaneFixture.Json("""{"state":{"reported":{"on":true}}}""")));
        await HttpAssert.OkAsync(await device.GetAsync("/things/cert-lamp/shadow"));
        await HttpAssert.OkAsync(await device.PostAsync("/topics/cert-lamp%2Fstatus", DataPlaneFixture.Json("{}")));
        await HttpAssert.ErrorAsync(await device.GetAsync("/things/http-lamp/shadow"), 403, "ForbiddenException");
        await HttpAssert.ErrorAsync(await device.DeleteAsync("/things/cert-lamp/shadow"), 403, "ForbiddenException");
        await HttpAssert.ErrorAsync(await device.PostAsync("/topics/elsewhere", DataPlaneFixture.Json("{}")), 403, "ForbiddenException");
        var refusal = Refusals().Last(e => e.GetProperty("reason").GetString() == "AUTHORIZATION_FAILURE" && e.GetProperty("topicName").GetString() == "elsewhere");
        Assert.AreEqual(64, refusal.GetProperty("principalId").GetString()!.Length, "the certificate id");
    }

    [TestMethod]
    public async Task A_things_MQTT_policy_allows_nothing_over_HTTPS_because_thing_variables_are_undefined_there()
    {
        using var certificate = fixture.Tls("mqtt-only-lamp").ClientCertificate!;
        using var device = Client(Handler(certificate));
        StringAssert.Contains(await HttpAssert.ErrorAsync(await device.PostAsync("/topics/%24aws%2Fthings%2Fmqtt-only-lamp%2Fshadow%2Fget", DataPlaneFixture.Json("{}")), 403, "ForbiddenException"),
            "iot:Publish");
    }

    [TestMethod]
    public async Task A_certificate_of_the_local_CA_that_is_not_registered_or_not_active_is_refused()
    {
        using var unregistered = fixture.UnregisteredTls("ghost-lamp").ClientCertificate!;
        using var ghost = Client(Handler(unregistered));
        StringAssert.Contains(await HttpAssert.ErrorAsync(await ghost.GetAsync("/things/ghost-lamp/shadow"), 403, "ForbiddenException"), "not registered");

        using var inactive = fixture.ApplicationTls("inactive-backend").ClientCertificate!;
        Assert.IsNull(fixture.Registry().SetStatus(NanoThing.LocalIot.Registry.LocalRegistry.CertificateId(inactive), NanoThing.LocalIot.Registry.CertificateStatus.Inactive));
        using var client = Client(Handler(inactive));
        StringAssert.Contains(await HttpAssert.ErrorAsync(await client.GetAsync("/things/ghost-lamp/shadow"), 403, "ForbiddenException"), "INACTIVE");
    }

    [TestMethod]
    public async Task A_client_certificate_of_another_CA_fails_the_TLS_handshake()
    {
        using var otherCa = new TempFolder();
        Assert.IsTrue(LocalCa.TryCreate(otherCa.Path, false, out var ca, out var error), error);
        using (ca)
        {
            Assert.IsTrue(ca.TryIssueThingCertificate("intruder", out var credentials, out error), error);
            using var certificate = X509Certificate2.CreateFromPem(credentials.CertificatePem, credentials.PrivateKeyPem);
            using var intruder = Client(Handler(certificate));
            await Assert.ThrowsAsync<HttpRequestException>(() => intruder.GetAsync("/things/cert-lamp/shadow"));
        }
    }

    private static HttpClient Client(HttpMessageHandler handler) => new(handler) { BaseAddress = new Uri(fixture.Server!.DataPlaneUrl) };

    private static SocketsHttpHandler Handler(X509Certificate2? clientCertificate = null) => new()
    {
        SslOptions = new SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null && CaChain.IsIssuedBy(new X509Certificate2(certificate), fixture.Tls("cert-lamp").TrustedCas[0], out _),
            LocalCertificateSelectionCallback = clientCertificate is null ? null : (_, _, _, _, _) => clientCertificate,
            ClientCertificates = clientCertificate is null ? null : new X509CertificateCollection { clientCertificate },
        },
    };

    private static List<JsonElement> Refusals()
    {
        List<string> lines;
        lock (fixture.ServiceLog)
        {
            lines = fixture.ServiceLog.ToList();
        }

        return lines.Where(l => l.Contains(" refused: ", StringComparison.Ordinal) && l.Contains("\"protocol\":\"HTTP\"", StringComparison.Ordinal))
            .Select(l => JsonDocument.Parse(l[(l.IndexOf(" refused: ", StringComparison.Ordinal) + 10)..]).RootElement).ToList();
    }
}
