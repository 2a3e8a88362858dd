using System.Text;
using NanoThing.LocalIot.DataPlane.Auth;

namespace NanoThing.LocalIot.Tests.DataPlane.Auth;

/// <summary>Each refusal of the verifier with AWS's code and message, on iot-data requests signed by the stand-in's signer.</summary>
[TestClass]
public sealed class SigV4VerifierTests
{
    private static readonly SigV4Credentials Key = new("AKIAEXAMPLELOCAL0001", "local-test-secret-not-a-real-key-000000");
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 2, 40, 35, TimeSpan.Zero);
    private const string Host = "127.0.0.1:18443";

    private static SigV4Credentials? Find(string id) => id == Key.AccessKeyId ? Key : null;

    /// <summary>A Publish as botocore sends it: wire path percent-encoded, query qos/retain, JSON body.</summary>
    private static SigV4Request Publish(string body = "{\"x\":1}") =>
        new("POST", "/topics/%24aws%2Fthings%2Fdev1%2Fshadow%2Fupdate?qos=1&retain=true", [new("Host", Host)], Encoding.UTF8.GetBytes(body));

    private static SigV4Request Signed(SigV4Request request, DateTimeOffset? at = null, string service = "iotdata", SigV4Credentials? key = null) =>
        request with { Headers = [.. request.Headers, .. SigV4Signer.Sign(request, key ?? Key, "us-east-1", service, at ?? Now)] };

    private static SigV4Request Replace(SigV4Request request, string name, string? value) =>
        request with
        {
            Headers = [.. request.Headers.Where(h => !h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)), .. value is null ? Array.Empty<KeyValuePair<string, string>>() : [new(name, value)]],
        };

    private static void AssertFailure(SigV4Result result, SigV4Failure failure, string awsCode, string message)
    {
        Assert.IsFalse(result.Verified);
        Assert.AreEqual(failure, result.Failure, result.Message);
        Assert.AreEqual(awsCode, failure.AwsCode());
        StringAssert.Contains(result.Message, message);
        Assert.AreEqual(403, result.HttpStatus);
        Assert.AreEqual("ForbiddenException", result.ErrorType);
        Assert.IsNull(result.Credentials);
    }

    [TestMethod]
    public void CanonicalRequest_OfAnIotDataPublish_IsBotocoresDoubleEncodedForm()
    {
        // Observed from botocore 1.43.11 (local-aws-iot.md §2 item 7): the path is URI-encoded a second time.
        var request = Publish();
        string canonical = SigV4Canonical.Request("POST", SigV4Canonical.UriCandidates("/topics/%24aws%2Fthings%2Fdev1%2Fshadow%2Fupdate")[0], "qos=1&retain=true",
            request with { Headers = [new("Host", "127.0.0.1:18080"), new("X-Amz-Date", "20261206T024035Z")] }, ["host", "x-amz-date"], SigV4Canonical.Hash(request.Body.Span));
        Assert.AreEqual(
            "POST\n/topics/%2524aws%252Fthings%252Fdev1%252Fshadow%252Fupdate\nqos=1&retain=true\nhost:127.0.0.1:18080\nx-amz-date:20261206T024035Z\n\nhost;x-amz-date\n" +
            "5041bf1f713df204784353e82f6a4a535931cb64f1f4b4a5aeaffcb720918b22", canonical);
    }

    [TestMethod]
    [DataRow("iotdata")]
    [DataRow("iotdevicegateway")]
    public void Verify_SignedForEitherIotDataSigningName_IsAccepted(string service)
    {
        var result = SigV4Verifier.Verify(Signed(Publish(), service: service), Find, Now);
        Assert.IsTrue(result.Verified, result.Message);
        Assert.AreEqual(Key, result.Credentials);
        Assert.AreEqual(service, result.Scope!.Service);
        Assert.IsNull(result.ErrorType);
    }

    [TestMethod]
    public void Verify_NoAuthorization_IsMissingAuthenticationToken() =>
        AssertFailure(SigV4Verifier.Verify(Publish(), Find, Now), SigV4Failure.MissingAuthentication, "MissingAuthenticationTokenException", "Missing Authentication Token");

    [TestMethod]
    public void Verify_PresignedQuery_IsRefusedWithTheWayToSign() =>
        AssertFailure(SigV4Verifier.Verify(Publish() with { RawTarget = "/topics/a?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=00" }, Find, Now),
            SigV4Failure.IncompleteSignature, "IncompleteSignatureException", "sign the request with an Authorization header");

    [TestMethod]
    [DataRow("AWS4-HMAC-SHA512 Credential=a/20261206/us-east-1/iotdata/aws4_request, SignedHeaders=host, Signature=00", "Unsupported authorization algorithm 'AWS4-HMAC-SHA512'")]
    [DataRow("Bearer abc", "Unsupported authorization algorithm 'Bearer'")]
    [DataRow("AWS4-HMAC-SHA256 SignedHeaders=host;x-amz-date", "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter.")]
    [DataRow("AWS4-HMAC-SHA256 Credential=AKIAEXAMPLELOCAL0001/20261206/us-east-1/iotdata, SignedHeaders=host, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31", "Credential should be '<access key id>/<yyyyMMdd>/<region>/<service>/aws4_request'")]
    [DataRow("AWS4-HMAC-SHA256 Credential=AKIAEXAMPLELOCAL0001/20261206/us-east-1/iotdata/aws4_reqest, SignedHeaders=host, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31", "Credential should be scoped with a valid terminator: 'aws4_request', not 'aws4_reqest'.")]
    [DataRow("AWS4-HMAC-SHA256 Credential=AKIAEXAMPLELOCAL0001/20261206/us-east-1/iotdata/aws4_request, SignedHeaders=Host, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31", "SignedHeaders must be lower-case header names")]
    [DataRow("AWS4-HMAC-SHA256 Credential=AKIAEXAMPLELOCAL0001/20261206/us-east-1/iotdata/aws4_request, SignedHeaders=host, Signature=XYZ", "Signature must be 64 lower-case hexadecimal digits, not 'XYZ'.")]
    [DataRow("AWS4-HMAC-SHA256 Credential=AKIAEXAMPLELOCAL0001/20261206/us-east-1/iotdata/aws4_request, Credential=x, SignedHeaders=host, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31", "is malformed or repeated")]
    [DataRow("AWS4-HMAC-SHA256 Credential=AKIAEXAMPLELOCAL0001/20261206/us-east-1/iotdata/aws4_request, SignedHeaders=x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31", "'Host' must be a 'SignedHeader' in the AWS Authorization.")]
    [DataRow("AWS4-HMAC-SHA256 Credential=AKIAEXAMPLELOCAL0001/20261205/us-east-1/iotdata/aws4_request, SignedHeaders=host, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31", "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20261205' != '20261206', from '20261206T024035Z'.")]
    [DataRow("AWS4-HMAC-SHA256 Credential=AKIAEXAMPLELOCAL0001/20261206/us-east-1/iot/aws4_request, SignedHeaders=host, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31", "Credential should be scoped to correct service: 'iotdata', not 'iot'.")]
    public void Verify_MalformedAuthorization_IsIncompleteSignature(string authorization, string message)
    {
        var request = Replace(Replace(Publish(), "X-Amz-Date", "20261206T024035Z"), "Authorization", authorization);
        AssertFailure(SigV4Verifier.Verify(request, Find, Now), SigV4Failure.IncompleteSignature, "IncompleteSignatureException", message);
    }

    [TestMethod]
    [DataRow(null, "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.")]
    [DataRow("2026-12-06T02:40:35Z", "X-Amz-Date must be the UTC time as yyyyMMddTHHmmssZ")]
    public void Verify_DateHeaderMissingOrMalformed_IsIncompleteSignature(string? date, string message)
    {
        var request = Replace(Signed(Publish()), "X-Amz-Date", date);
        AssertFailure(SigV4Verifier.Verify(request, Find, Now), SigV4Failure.IncompleteSignature, "IncompleteSignatureException", message);
    }

    [TestMethod]
    public void Verify_DateHeaderInsteadOfXAmzDate_IsAccepted()
    {
        // A client that signs the RFC 1123 Date header (botocore does when the request already has one).
        var request = new SigV4Request("GET", "/things/dev1/shadow", [new("Host", Host), new("Date", "Sun, 06 Dec 2026 02:40:35 GMT")], ReadOnlyMemory<byte>.Empty);
        var scope = new SigV4Scope("20261206", "us-east-1", "iotdata");
        string canonical = SigV4Canonical.Request("GET", "/things/dev1/shadow", "", request, ["date", "host"], SigV4Canonical.EmptyPayloadHash);
        string signature = SigV4Signer.Signature(SigV4Signer.SigningKey(Key.SecretAccessKey, scope), SigV4Signer.StringToSign("20261206T024035Z", scope, canonical));
        var signed = Replace(request, "Authorization", new SigV4Authorization(Key.AccessKeyId, scope, ["date", "host"], signature).ToString());
        Assert.IsTrue(SigV4Verifier.Verify(signed, Find, Now).Verified);
    }

    [TestMethod]
    public void Verify_UnknownAccessKey_IsUnrecognizedClient() =>
        AssertFailure(SigV4Verifier.Verify(Signed(Publish(), key: Key with { AccessKeyId = "AKIAOTHER00000000000" }), Find, Now),
            SigV4Failure.UnrecognizedClient, "UnrecognizedClientException", "The security token included in the request is invalid.");

    [TestMethod]
    public void Verify_LeftoverSessionToken_IsUnrecognizedClient()
    {
        // e.g. AWS_SESSION_TOKEN still exported from a real account: the stand-in's keys have no token.
        var result = SigV4Verifier.Verify(Signed(Publish(), key: Key with { SessionToken = "leftover" }), Find, Now);
        AssertFailure(result, SigV4Failure.UnrecognizedClient, "UnrecognizedClientException", "The security token included in the request is invalid.");
        Assert.AreEqual(Key.AccessKeyId, result.AccessKeyId);
    }

    [TestMethod]
    public void Verify_WrongSecret_IsSignatureDoesNotMatch()
    {
        var result = SigV4Verifier.Verify(Signed(Publish(), key: Key with { SecretAccessKey = "wrong" }), Find, Now);
        AssertFailure(result, SigV4Failure.SignatureDoesNotMatch, "InvalidSignatureException", "The request signature we calculated does not match the signature you provided.");
        StringAssert.StartsWith(result.CanonicalRequest, "POST\n/topics/%2524aws%252Fthings%252Fdev1%252Fshadow%252Fupdate\nqos=1&retain=true\nhost:" + Host + "\n");
        StringAssert.StartsWith(result.StringToSign, "AWS4-HMAC-SHA256\n20261206T024035Z\n20261206/us-east-1/iotdata/aws4_request\n");
        Assert.IsFalse(result.CanonicalRequest!.Contains(Key.SecretAccessKey) || result.Message.Contains(Key.SecretAccessKey));
    }

    [TestMethod]
    [DataRow("PUT", null, null, null)]                                              // method changed
    [DataRow(null, "/topics/%24aws%2Fthings%2Fdev2%2Fshadow%2Fupdate?qos=1&retain=true", null, null)] // another thing's topic
    [DataRow(null, "/topics/%24aws%2Fthings%2Fdev1%2Fshadow%2Fupdate?qos=0&retain=true", null, null)] // query changed
    [DataRow(null, null, "127.0.0.1:9999", null)]                                   // host changed
    [DataRow(null, null, null, "{\"x\":2}")]                                        // body changed
    public void Verify_AnyPartChangedAfterSigning_IsSignatureDoesNotMatch(string? method, string? target, string? host, string? body)
    {
        var signed = Signed(Publish());
        var changed = signed with
        {
            Method = method ?? signed.Method,
            RawTarget = target ?? signed.RawTarget,
            Body = body is null ? signed.Body : Encoding.UTF8.GetBytes(body),
        };
        if (host is not null) changed = Replace(changed, "Host", host);
        AssertFailure(SigV4Verifier.Verify(changed, Find, Now), SigV4Failure.SignatureDoesNotMatch, "InvalidSignatureException", "does not match");
    }

    [TestMethod]
    public void Verify_EquivalentQueryEncoding_IsAccepted()
    {
        // Signed with "%7E" spelled as '~' by one client, sent by another as %7E: the canonical form is the same.
        var signed = Signed(new SigV4Request("GET", "/api/things/shadow/ListNamedShadowsForThing/dev1?nextToken=a~b&pageSize=10", [new("Host", Host)], ReadOnlyMemory<byte>.Empty));
        Assert.IsTrue(SigV4Verifier.Verify(signed with { RawTarget = "/api/things/shadow/ListNamedShadowsForThing/dev1?pageSize=10&nextToken=a%7Eb" }, Find, Now).Verified);
    }

    [TestMethod]
    [DataRow(-300, true)]   // exactly the 5-minute bound: still valid
    [DataRow(300, true)]
    [DataRow(-301, false)]
    [DataRow(301, false)]
    public void Verify_ClockSkew_FiveMinutesEachWay(int secondsFromNow, bool verified)
    {
        var result = SigV4Verifier.Verify(Signed(Publish(), at: Now.AddSeconds(secondsFromNow)), Find, Now);
        Assert.AreEqual(verified, result.Verified, result.Message);
        if (secondsFromNow == -301)
        {
            AssertFailure(result, SigV4Failure.SignatureExpired, "InvalidSignatureException",
                "Signature expired: 20261206T023534Z is now earlier than 20261206T023535Z (20261206T024035Z - 5 min.)");
        }
        else if (secondsFromNow == 301)
        {
            AssertFailure(result, SigV4Failure.SignatureNotYetCurrent, "InvalidSignatureException",
                "Signature not yet current: 20261206T024536Z is still later than 20261206T024535Z (20261206T024035Z + 5 min.)");
        }
    }

    [TestMethod]
    public void Verify_DeclaredPayloadHash_MustBeTheBodys()
    {
        string hash = SigV4Canonical.Hash(Encoding.UTF8.GetBytes("{\"x\":1}"));
        var declared = Replace(Publish(), "x-amz-content-sha256", hash);
        Assert.IsTrue(SigV4Verifier.Verify(Signed(declared), Find, Now).Verified);

        var otherBody = Signed(declared) with { Body = Encoding.UTF8.GetBytes("{\"x\":2}") };
        AssertFailure(SigV4Verifier.Verify(otherBody, Find, Now), SigV4Failure.PayloadHashMismatch, "InvalidSignatureException",
            "The provided 'x-amz-content-sha256' header does not match what was computed.");

        var unsigned = Replace(Publish(), "x-amz-content-sha256", "UNSIGNED-PAYLOAD");
        AssertFailure(SigV4Verifier.Verify(Signed(unsigned), Find, Now), SigV4Failure.PayloadHashMismatch, "InvalidSignatureException", "requires a signed payload");
    }

    [TestMethod]
    public void Verify_RegionsRestricted_RefusesOthers()
    {
        var options = new SigV4Options { Regions = ["eu-west-1"] };
        AssertFailure(SigV4Verifier.Verify(Signed(Publish()), Find, Now, options), SigV4Failure.IncompleteSignature, "IncompleteSignatureException",
            "Credential should be scoped to a valid region, not 'us-east-1'.");
    }

    [TestMethod]
    public void Verify_TwoAuthorizationHeaders_AreRefused()
    {
        var signed = Signed(Publish());
        var doubled = signed with { Headers = [.. signed.Headers, signed.Headers.Single(h => h.Key == "Authorization")] };
        AssertFailure(SigV4Verifier.Verify(doubled, Find, Now), SigV4Failure.IncompleteSignature, "IncompleteSignatureException", "more than one Authorization header");
    }

    [TestMethod]
    public void Credentials_Generate_AwsShapedRandomAndNeverShowsTheSecret()
    {
        var a = SigV4Credentials.Generate();
        var b = SigV4Credentials.Generate();
        StringAssert.Matches(a.AccessKeyId, new System.Text.RegularExpressions.Regex("^AKIA[A-Z2-7]{16}$"));
        Assert.AreEqual(40, a.SecretAccessKey.Length);
        Assert.AreNotEqual(a.AccessKeyId, b.AccessKeyId);
        Assert.AreNotEqual(a.SecretAccessKey, b.SecretAccessKey);
        Assert.IsFalse(a.ToString().Contains(a.SecretAccessKey), a.ToString());
        StringAssert.Contains(a.ToString(), a.AccessKeyId);
    }

    [TestMethod]
    public void Verify_AnyInput_NeverThrows()
    {
        var random = new Random(14);
        var signed = Signed(Publish());
        string authorization = signed.Headers.Single(h => h.Key == "Authorization").Value;
        for (int i = 0; i < 3000; i++)
        {
            var chars = authorization.ToCharArray();
            for (int n = random.Next(1, 4); n > 0; n--) chars[random.Next(chars.Length)] = " ,=/;%\0aZ9é"[random.Next(11)];
            string target = new string(signed.RawTarget.Select(c => random.Next(20) == 0 ? "%?&=/"[random.Next(5)] : c).ToArray());
            var request = Replace(signed with { RawTarget = target }, "Authorization", i % 7 == 0 ? authorization[..random.Next(authorization.Length)] : new string(chars));
            var result = SigV4Verifier.Verify(request, Find, Now);
            Assert.AreEqual(result.Failure is null, result.Verified);
        }
    }
}
