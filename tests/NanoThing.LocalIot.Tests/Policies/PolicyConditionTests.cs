using System.Net;
using NanoThing.LocalIot.Policies;
using static NanoThing.LocalIot.Tests.Policies.PolicyFixture;

namespace NanoThing.LocalIot.Tests.Policies;

/// <summary>
/// Condition operators as IAM evaluates them (reference_policies_elements_condition_operators.html): values OR'ed,
/// keys and operators AND'ed, negated operators true for an absent key, <c>…IfExists</c>, <c>Null</c>.
/// </summary>
[TestClass]
public sealed class PolicyConditionTests
{
    private static IotPolicy WithCondition(string condition) =>
        Policy("{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"iot:Connect\",\"Resource\":\"*\",\"Condition\":" + condition + "}}");

    [TestMethod]
    [DataRow("{\"StringEquals\":{\"iot:ClientId\":\"dev-1\"}}", "dev-1", true)]
    [DataRow("{\"StringEquals\":{\"iot:ClientId\":\"dev-1\"}}", "DEV-1", false)]
    [DataRow("{\"StringEquals\":{\"iot:ClientId\":[\"a\",\"dev-1\"]}}", "dev-1", true)]   // values are OR'ed
    [DataRow("{\"StringEqualsIgnoreCase\":{\"iot:ClientId\":\"dev-1\"}}", "DEV-1", true)]
    [DataRow("{\"StringNotEquals\":{\"iot:ClientId\":[\"a\",\"b\"]}}", "c", true)]
    [DataRow("{\"StringNotEquals\":{\"iot:ClientId\":[\"a\",\"b\"]}}", "b", false)]       // negated: none may match
    [DataRow("{\"StringNotEqualsIgnoreCase\":{\"iot:ClientId\":\"a\"}}", "A", false)]
    [DataRow("{\"StringLike\":{\"iot:ClientId\":\"dev-*\"}}", "dev-42", true)]
    [DataRow("{\"StringLike\":{\"iot:ClientId\":\"dev-?\"}}", "dev-42", false)]
    [DataRow("{\"StringNotLike\":{\"iot:ClientId\":\"test-*\"}}", "test-1", false)]
    [DataRow("{\"StringEquals\":{\"iot:ClientId\":\"dev-*\"}}", "dev-1", false)]          // StringEquals has no wildcards
    [DataRow("{\"StringEquals\":{\"iot:ClientId\":\"${iot:Certificate.Subject.CommonName}\"}}", "dev-1", true)] // variables in values
    [DataRow("{\"StringEquals\":{\"iot:ClientId\":\"x\"},\"StringLike\":{\"iot:ClientId\":\"*\"}}", "y", false)] // operators AND'ed
    [DataRow("{\"StringEquals\":{\"iot:ClientId\":\"dev-1\",\"iot:CertificateId\":\"nope\"}}", "dev-1", false)]   // keys AND'ed
    [DataRow("{\"Bool\":{\"aws:SecureTransport\":true}}", "dev-1", true)]                  // JSON booleans accepted
    public void StringOperators(string condition, string clientId, bool allowed)
    {
        // The certificate's CN is "dev-1" whatever the client id.
        var caller = new AuthorizationContext(clientId, CertificateId, "dev-1", null, null);
        Expect(allowed, WithCondition(condition), caller, "iot:Connect", "client/" + clientId);
    }

    [TestMethod]
    [DataRow("{\"StringEquals\":{\"iot:Connection.Thing.ThingTypeName\":\"lamp\"}}", false)]         // absent key: false
    [DataRow("{\"StringNotEquals\":{\"iot:Connection.Thing.ThingTypeName\":\"lamp\"}}", true)]       // ...but true for a negated operator
    [DataRow("{\"StringEqualsIfExists\":{\"iot:Connection.Thing.ThingTypeName\":\"lamp\"}}", true)]  // IfExists
    [DataRow("{\"Null\":{\"iot:Connection.Thing.ThingTypeName\":\"true\"}}", true)]
    [DataRow("{\"Null\":{\"iot:Connection.Thing.ThingTypeName\":\"false\"}}", false)]
    [DataRow("{\"Null\":{\"iot:ClientId\":\"false\"}}", true)]
    [DataRow("{\"ForAllValues:StringEquals\":{\"iot:ConnectAttributes\":\"LastWill\"}}", true)]      // ForAllValues over no values
    [DataRow("{\"ForAnyValue:StringEquals\":{\"iot:ConnectAttributes\":\"LastWill\"}}", false)]
    [DataRow("{\"Bool\":{\"iot:Connection.Thing.IsAttached\":\"false\"}}", true)]
    [DataRow("{\"Bool\":{\"iot:Connection.Thing.IsAttached\":\"true\"}}", false)]
    public void AbsentKeys(string condition, bool allowed) =>
        Expect(allowed, WithCondition(condition), Unattached("c1"), "iot:Connect", "client/c1");

    [TestMethod]
    [DataRow("{\"IpAddress\":{\"aws:SourceIp\":\"127.0.0.0/8\"}}", "127.0.0.1", true)]
    [DataRow("{\"IpAddress\":{\"aws:SourceIp\":\"192.0.2.0/24\"}}", "127.0.0.1", false)]
    [DataRow("{\"IpAddress\":{\"aws:SourceIp\":\"::1\"}}", "::1", true)]
    [DataRow("{\"IpAddress\":{\"aws:SourceIp\":\"127.0.0.0/8\"}}", "::ffff:127.0.0.1", true)] // IPv4 mapped into IPv6
    [DataRow("{\"NotIpAddress\":{\"aws:SourceIp\":[\"10.0.0.0/8\",\"192.0.2.0/24\"]}}", "127.0.0.1", true)]
    [DataRow("{\"NotIpAddress\":{\"aws:SourceIp\":[\"10.0.0.0/8\",\"127.0.0.0/8\"]}}", "127.0.0.1", false)]
    public void SourceIp(string condition, string address, bool allowed) =>
        Expect(allowed, WithCondition(condition), Unattached("c1") with { SourceIp = IPAddress.Parse(address) }, "iot:Connect", "client/c1");

    [TestMethod]
    public void SourceIp_Unknown_IsAnAbsentKey()
    {
        Expect(false, WithCondition("{\"IpAddress\":{\"aws:SourceIp\":\"0.0.0.0/0\"}}"), Unattached("c1"), "iot:Connect", "client/c1");
        Expect(true, WithCondition("{\"NotIpAddress\":{\"aws:SourceIp\":\"0.0.0.0/0\"}}"), Unattached("c1"), "iot:Connect", "client/c1");
    }

    [TestMethod]
    public void Condition_OnADeny_OnlyDeniesWhenItHolds()
    {
        var policy = Policy("""
            {"Version":"2012-10-17","Statement":[
              {"Effect":"Allow","Action":"iot:*","Resource":"*"},
              {"Effect":"Deny","Action":"iot:Publish","Resource":"*","Condition":{"StringLike":{"iot:ClientId":"guest-*"}}}]}
            """);
        Expect(false, policy, Unattached("guest-7"), "iot:Publish", "topic/x");
        Expect(true, policy, Unattached("member-7"), "iot:Publish", "topic/x");
    }
}
