using System.Text;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Auth;
using NanoThing.LocalIot.DataPlane.Auth;

namespace NanoThing.LocalIot.Tests.DataPlane.Auth;

/// <summary>
/// Requests signed by a real AWS SDK signer — AWSSDK.Core 4.1.1's <c>AWS4Signer</c>, configured as the SDK's
/// iot-data client is (signing name "iotdata", region us-east-1) — built the way the SDK's iot-data marshallers
/// build them (resource path with path resources, query parameters, body), sent as <c>AmazonServiceClient.ComposeUrl</c>
/// puts them on the wire, and verified by the stand-in.
/// </summary>
[TestClass]
public sealed class AwsSdkSignedRequestTests
{
    private static readonly SigV4Credentials Key = new("AKIAEXAMPLELOCAL0002", "sdk-test-secret-not-a-real-key-0000000000");
    private static readonly DateTime SignedAt = new(2026, 12, 6, 3, 0, 0, DateTimeKind.Utc);

    private sealed class IotDataRequest : AmazonWebServiceRequest;

    private sealed class IotDataConfig : ClientConfig
    {
        public IotDataConfig() : base(new DummyDefaultConfigurationProvider())
        {
            AuthenticationServiceName = "iotdata";
            AuthenticationRegion = "us-east-1";
            ServiceURL = "https://127.0.0.1:18443";
        }

        public override string RegionEndpointServiceName => "data-ats.iot";
        public override string ServiceVersion => "2015-05-28";
        public override string UserAgent => "nanothing-test";

        public override Amazon.Runtime.Endpoints.Endpoint DetermineServiceOperationEndpoint(Amazon.Runtime.Endpoints.ServiceOperationEndpointParameters parameters) =>
            new(ServiceURL);
    }

    private sealed class DummyDefaultConfigurationProvider : IDefaultConfigurationProvider
    {
        public IDefaultConfiguration GetDefaultConfiguration(Amazon.RegionEndpoint clientRegion, DefaultConfigurationMode? requestedConfigurationMode = null) =>
            new DefaultConfiguration();
    }

    private static (SigV4Request Wire, string Authorization) SignWithSdk(string method, string resourcePath, (string Name, string Value)[] pathResources,
        (string Name, string Value)[] parameters, string? body)
    {
        var request = new DefaultRequest(new IotDataRequest(), "Amazon.IotData") { HttpMethod = method, ResourcePath = resourcePath };
        foreach (var (name, value) in pathResources) request.AddPathResource(name, value);
        foreach (var (name, value) in parameters) request.Parameters.Add(name, value);
        if (body is not null)
        {
            request.Content = Encoding.UTF8.GetBytes(body);
            request.Headers["Content-Type"] = "application/json";
        }

        request.UseQueryString = true; // as the iot-data marshallers set it: parameters go in the query, also for POST
        request.Endpoint = new Uri("https://127.0.0.1:18443");
        request.AuthenticationRegion = "us-east-1";
        var result = new AWS4Signer().SignRequest(request, new IotDataConfig(), null, Key.AccessKeyId, Key.SecretAccessKey, SignedAt);
        request.Headers["Authorization"] = result.ForAuthorizationHeader;

        Uri url = AmazonServiceClient.ComposeUrl(request);
        var headers = request.Headers.Select(h => new KeyValuePair<string, string>(h.Key, h.Value)).ToList();
        return (new SigV4Request(method, url.PathAndQuery, headers, request.Content ?? []), result.ForAuthorizationHeader);
    }

    private static SigV4Credentials? Find(string id) => id == Key.AccessKeyId ? Key : null;

    public static IEnumerable<object[]> Operations =>
    [
        ["GetThingShadow classic", "GET", "/things/{thingName}/shadow", new[] { ("{thingName}", "dev1") }, Array.Empty<(string, string)>(), null!],
        ["GetThingShadow named", "GET", "/things/{thingName}/shadow", new[] { ("{thingName}", "dev1") }, new[] { ("name", "cfg:a$b") }, null!],
        ["UpdateThingShadow", "POST", "/things/{thingName}/shadow", new[] { ("{thingName}", "dev1") }, Array.Empty<(string, string)>(), "{\"state\":{\"desired\":{\"led\":true}}}"],
        ["DeleteThingShadow", "DELETE", "/things/{thingName}/shadow", new[] { ("{thingName}", "dev-1_x:y") }, Array.Empty<(string, string)>(), null!],
        ["Publish", "POST", "/topics/{topic}", new[] { ("{topic}", "$aws/things/dev1/shadow/update") }, new[] { ("qos", "1"), ("retain", "true") }, "{\"x\":1}"],
        ["ListNamedShadowsForThing", "GET", "/api/things/shadow/ListNamedShadowsForThing/{thingName}", new[] { ("{thingName}", "dev1") }, new[] { ("nextToken", "tok/=+"), ("pageSize", "10") }, null!],
    ];

    [TestMethod]
    [DynamicData(nameof(Operations))]
    public void Verify_RequestSignedByTheAwsSdkForDotNet_IsAccepted(string operation, string method, string resourcePath, (string, string)[] pathResources, (string, string)[] parameters, string? body)
    {
        var (wire, authorization) = SignWithSdk(method, resourcePath, pathResources, parameters, body);
        StringAssert.StartsWith(authorization, "AWS4-HMAC-SHA256 Credential=" + Key.AccessKeyId + "/20261206/us-east-1/iotdata/aws4_request, SignedHeaders=");
        var result = SigV4Verifier.Verify(wire, Find, new DateTimeOffset(SignedAt).AddSeconds(30));
        Assert.AreEqual(parameters.Length > 0, wire.RawTarget.Contains('?'), wire.RawTarget);
        Assert.IsTrue(result.Verified, operation + " " + wire.RawTarget + ": " + result.Message + "\n" + result.CanonicalRequest);
    }

    [TestMethod]
    public void Verify_SdkSignedPublishToAnotherTopic_IsRefused()
    {
        var (wire, _) = SignWithSdk("POST", "/topics/{topic}", [("{topic}", "$aws/things/dev1/shadow/update")], [("qos", "1")], "{}");
        var forged = wire with { RawTarget = wire.RawTarget.Replace("dev1", "dev2") };
        StringAssert.Contains(forged.RawTarget, "dev2");
        Assert.AreEqual(SigV4Failure.SignatureDoesNotMatch, SigV4Verifier.Verify(forged, Find, new DateTimeOffset(SignedAt)).Failure);
    }

    [TestMethod]
    public void SdkSignature_EqualsTheStandInsSignerForTheSameRequest()
    {
        // Independent implementations agree byte for byte on an iot-data Publish.
        var (wire, authorization) = SignWithSdk("POST", "/topics/{topic}", [("{topic}", "$aws/things/dev1/shadow/update")], [("qos", "1")], "{\"x\":1}");
        var unsigned = wire with { Headers = wire.Headers.Where(h => h.Key is not ("Authorization" or "X-Amz-Date")).ToList() };
        var ours = SigV4Signer.Sign(unsigned, Key, "us-east-1", "iotdata", new DateTimeOffset(SignedAt));
        Assert.AreEqual(authorization, ours.Single(h => h.Key == "Authorization").Value, "wire: " + wire.RawTarget);
    }
}
