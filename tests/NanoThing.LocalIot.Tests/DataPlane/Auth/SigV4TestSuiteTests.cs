using System.Text;
using NanoThing.LocalIot.DataPlane.Auth;
using static NanoThing.LocalIot.Tests.DataPlane.Auth.SigV4TestSuiteVectors;

namespace NanoThing.LocalIot.Tests.DataPlane.Auth;

/// <summary>AWS's SigV4 test-suite vectors: each step's exact text, then the verifier's decision (options: service "service").</summary>
[TestClass]
public sealed class SigV4TestSuiteTests
{
    private static readonly SigV4Options Suite = new() { Services = ["service"] };

    public static IEnumerable<object[]> Vectors => All.Select(vector => new object[] { vector });

    internal static SigV4Request Request(Vector vector, string? signature = null) =>
        new(vector.Method, vector.RawTarget,
            [.. vector.Headers.Select(h => new KeyValuePair<string, string>(h.Name, h.Value)),
             new("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=" + vector.SignedHeaders + ", Signature=" + (signature ?? vector.Signature))],
            Encoding.UTF8.GetBytes(vector.Body));

    private static SigV4Credentials? Find(string id) =>
        id == AccessKeyId ? new SigV4Credentials(AccessKeyId, Secret) : null;

    private static SigV4Credentials? FindWithToken(string id) =>
        id == AccessKeyId ? new SigV4Credentials(AccessKeyId, Secret, SessionToken) : null;

    [TestMethod]
    [DynamicData(nameof(Vectors))]
    public void CanonicalRequest_StringToSign_Signature_AreTheSuites(Vector vector)
    {
        var request = Request(vector);
        int question = vector.RawTarget.IndexOf('?');
        string path = question < 0 ? vector.RawTarget : vector.RawTarget[..question];
        string query = question < 0 ? "" : vector.RawTarget[(question + 1)..];
        var canonicals = SigV4Canonical.UriCandidates(path)
            .Select(uri => SigV4Canonical.Request(vector.Method, uri, query, request, vector.SignedHeaders.Split(';'), SigV4Canonical.Hash(Encoding.UTF8.GetBytes(vector.Body))))
            .ToList();
        CollectionAssert.Contains(canonicals, vector.CanonicalRequest, string.Join("\n----\n", canonicals));

        var scope = new SigV4Scope("20150830", "us-east-1", "service");
        string stringToSign = SigV4Signer.StringToSign(AmzDate, scope, vector.CanonicalRequest);
        if (vector.StringToSign is not null) Assert.AreEqual(vector.StringToSign, stringToSign);
        Assert.AreEqual(vector.Signature, SigV4Signer.Signature(SigV4Signer.SigningKey(Secret, scope), stringToSign));
    }

    [TestMethod]
    [DynamicData(nameof(Vectors))]
    public void Verify_AcceptsTheSuitesSignedRequest(Vector vector)
    {
        var find = vector.Name.Contains("session-token") ? (Func<string, SigV4Credentials?>)FindWithToken : Find;
        var result = SigV4Verifier.Verify(Request(vector), find, Time, Suite);
        Assert.IsTrue(result.Verified, result.Message + "\n" + result.CanonicalRequest);
        Assert.AreEqual(AccessKeyId, result.Credentials!.AccessKeyId);
        Assert.AreEqual(new SigV4Scope("20150830", "us-east-1", "service"), result.Scope);
    }

    [TestMethod]
    [DynamicData(nameof(Vectors))]
    public void Verify_RefusesTheSuitesRequestWithOneSignatureDigitChanged(Vector vector)
    {
        char last = vector.Signature[^1];
        string forged = vector.Signature[..^1] + (last == '0' ? '1' : '0');
        var find = vector.Name.Contains("session-token") ? (Func<string, SigV4Credentials?>)FindWithToken : Find;
        var result = SigV4Verifier.Verify(Request(vector, forged), find, Time, Suite);
        Assert.AreEqual(SigV4Failure.SignatureDoesNotMatch, result.Failure);
        Assert.AreEqual(SigV4Verifier.SignatureMismatchMessage, result.Message);
        Assert.AreEqual(403, result.HttpStatus);
        Assert.AreEqual("ForbiddenException", result.ErrorType);
        StringAssert.StartsWith(result.CanonicalRequest, vector.Method + "\n");
    }

    [TestMethod]
    public void SignerOfTheStandIn_ReproducesTheSuitesAuthorization()
    {
        var vector = All[0];
        var request = new SigV4Request("GET", "/", [new("Host", "example.amazonaws.com")], ReadOnlyMemory<byte>.Empty);
        var added = SigV4Signer.Sign(request, new SigV4Credentials(AccessKeyId, Secret), "us-east-1", "service", Time);
        Assert.AreEqual(AmzDate, added.Single(h => h.Key == "X-Amz-Date").Value);
        Assert.AreEqual("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=" + vector.Signature,
            added.Single(h => h.Key == "Authorization").Value);
    }
}
