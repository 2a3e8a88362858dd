using System.Text;
using NanoThing.LocalIot.Shadows;
using static NanoThing.LocalIot.Tests.Shadows.ShadowTestClient;

namespace NanoThing.LocalIot.Tests.Shadows;

/// <summary>Every documented rejection, with AWS's exact code and message.</summary>
[TestClass]
public sealed class ShadowErrorTests
{
    private const long T0 = 1700000000;
    private const string Token65 = "12345678901234567890123456789012345678901234567890123456789012345";
    private const string Token64 = "1234567890123456789012345678901234567890123456789012345678901234";

    private readonly ShadowStore store = new(new ManualTimeProvider(T0));

    private IReadOnlyList<ShadowResponse> Send(ShadowOperation operation, byte[] payload) =>
        store.Handle(ShadowId.Classic("thing-a"), operation, payload);

    [TestMethod]
    [DataRow("", 400, "Invalid JSON")]
    [DataRow("   ", 400, "Invalid JSON")]
    [DataRow("{", 400, "Invalid JSON")]
    [DataRow("{\"state\":{}} x", 400, "Invalid JSON")]
    [DataRow("[]", 400, "Invalid JSON")]
    [DataRow("\"state\"", 400, "Invalid JSON")]
    [DataRow("{\"state\":{},\"state\":{}}", 400, "Invalid JSON")]
    [DataRow("\uFEFF{\"state\":{}}", 400, "Invalid JSON")]
    [DataRow("{/*c*/\"state\":{}}", 400, "Invalid JSON")]
    [DataRow("{}", 400, "Missing required node: state")]
    [DataRow("{\"State\":{}}", 400, "Missing required node: state")]
    [DataRow("{\"state\":5}", 400, "State node must be an object")]
    [DataRow("{\"state\":[]}", 400, "State node must be an object")]
    [DataRow("{\"state\":\"x\"}", 400, "State node must be an object")]
    [DataRow("{\"state\":{\"desired\":[1]}}", 400, "Desired node must be an object")]
    [DataRow("{\"state\":{\"desired\":true}}", 400, "Desired node must be an object")]
    [DataRow("{\"state\":{\"reported\":\"x\"}}", 400, "Reported node must be an object")]
    [DataRow("{\"state\":{\"reported\":1}}", 400, "Reported node must be an object")]
    [DataRow("{\"state\":{\"delta\":{\"a\":1}}}", 400, "State contains an invalid node")]
    [DataRow("{\"state\":{\"reported\":{\"a\":[1,null]}}}", 400, "State contains an invalid node")]
    [DataRow("{\"state\":{\"desired\":{\"a\":{\"b\":[[null]]}}}}", 400, "State contains an invalid node")]
    [DataRow("{\"state\":{},\"version\":\"1\"}", 400, "Invalid version")]
    [DataRow("{\"state\":{},\"version\":-1}", 400, "Invalid version")]
    [DataRow("{\"state\":{},\"version\":1.5}", 400, "Invalid version")]
    [DataRow("{\"state\":{},\"version\":null}", 400, "Invalid version")]
    [DataRow("{\"state\":{},\"version\":99999999999999999999}", 400, "Invalid version")]
    [DataRow("{\"state\":{},\"clientToken\":\"" + Token65 + "\"}", 400, "Invalid clientToken")]
    [DataRow("{\"state\":{},\"clientToken\":5}", 400, "Invalid clientToken")]
    [DataRow("{\"state\":{},\"clientToken\":null}", 400, "Invalid clientToken")]
    [DataRow("{\"state\":{\"reported\":{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"f\":{\"g\":1}}}}}}}}}", 400, "JSON contains too many levels of nesting; maximum is 6")]
    [DataRow("{\"state\":{\"desired\":{\"a\":[[[[[[1]]]]]]}}}", 400, "JSON contains too many levels of nesting; maximum is 6")]
    [DataRow("{\"state\":{},\"version\":7}", 409, "Version conflict")]
    public void Update_IsRejected(string payload, int code, string message)
    {
        var json = Single(Send(ShadowOperation.Update, Encoding.UTF8.GetBytes(payload)), ShadowResponseKind.UpdateRejected);

        Assert.AreEqual("{\"code\":" + code + ",\"message\":\"" + message + "\",\"timestamp\":1700000000}", json);
        Assert.IsNull(store.Read(ShadowId.Classic("thing-a")), "a rejected update must not create the shadow");
    }

    [TestMethod]
    [DataRow("{\"state\":{\"reported\":{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"f\":1}}}}}}}}")]
    [DataRow("{\"state\":{\"desired\":{\"a\":[[[[[1]]]]]}}}")]
    [DataRow("{\"state\":{},\"clientToken\":\"" + Token64 + "\"}")]
    [DataRow("{\"state\":{},\"version\":0}")]
    [DataRow("{\"state\":{},\"other\":{\"ignored\":[null]}}")]
    public void Update_AtTheLimits_IsAccepted(string payload)
    {
        var responses = Send(ShadowOperation.Update, Encoding.UTF8.GetBytes(payload));

        Assert.AreEqual(ShadowResponseKind.UpdateAccepted, responses[0].Kind, responses[0].Json);
    }

    [TestMethod]
    public void Update_NotUtf8_Is415()
    {
        var json = Single(Send(ShadowOperation.Update, [(byte)'{', 0xFF, 0xFE, (byte)'}']), ShadowResponseKind.UpdateRejected);

        Assert.AreEqual("""{"code":415,"message":"Unsupported documented encoding; supported encoding is UTF-8","timestamp":1700000000}""", json);
    }

    [TestMethod]
    public void Update_LargerThanAnMqttMessage_Is413()
    {
        var json = Single(Send(ShadowOperation.Update, new byte[ShadowLimits.MaxRequestBytes + 1]), ShadowResponseKind.UpdateRejected);

        StringAssert.StartsWith(json, """{"code":413,"message":"The payload exceeds the maximum size allowed",""");
    }

    [TestMethod]
    public void Rejection_EchoesAValidClientToken()
    {
        var json = Single(Send(ShadowOperation.Update, Encoding.UTF8.GetBytes("""{"clientToken":"abc","state":5}""")), ShadowResponseKind.UpdateRejected);

        Assert.AreEqual("""{"code":400,"message":"State node must be an object","timestamp":1700000000,"clientToken":"abc"}""", json);
    }

    [TestMethod]
    [DataRow(ShadowOperation.Get, ShadowResponseKind.GetRejected)]
    [DataRow(ShadowOperation.Delete, ShadowResponseKind.DeleteRejected)]
    public void GetAndDelete_OfAMissingShadow_Are404(ShadowOperation operation, ShadowResponseKind kind)
    {
        var json = Single(Send(operation, []), kind);

        Assert.AreEqual("""{"code":404,"message":"No shadow exists with name: 'thing-a'","timestamp":1700000000}""", json);
    }

    [TestMethod]
    [DataRow(ShadowOperation.Get, "{", 400, "Invalid JSON")]
    [DataRow(ShadowOperation.Delete, "[1]", 400, "Invalid JSON")]
    [DataRow(ShadowOperation.Get, "{\"clientToken\":\"" + Token65 + "\"}", 400, "Invalid clientToken")]
    [DataRow(ShadowOperation.Delete, "{\"clientToken\":1}", 400, "Invalid clientToken")]
    public void GetAndDelete_WithABadPayload_AreRejected(ShadowOperation operation, string payload, int code, string message)
    {
        var responses = Send(operation, Encoding.UTF8.GetBytes(payload));

        Assert.HasCount(1, responses);
        Assert.AreEqual("{\"code\":" + code + ",\"message\":\"" + message + "\",\"timestamp\":1700000000}", responses[0].Json);
    }
}
