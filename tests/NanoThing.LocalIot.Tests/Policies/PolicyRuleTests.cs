using NanoThing.LocalIot.Policies;
using static NanoThing.LocalIot.Tests.Policies.PolicyFixture;

namespace NanoThing.LocalIot.Tests.Policies;

/// <summary>Each evaluation rule on its own, as a table (iot-policies.html and IAM's evaluation logic).</summary>
[TestClass]
public sealed class PolicyRuleTests
{
    private static IotPolicy One(string effect, string actionField, string actions, string resourceField, string resources, string name = "P") =>
        Policy("{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"" + effect + "\",\"" + actionField + "\":" + actions +
            ",\"" + resourceField + "\":" + resources + "}}", name);

    [TestMethod]
    [DataRow("\"iot:*\"", "iot:Publish", true)]
    [DataRow("\"*\"", "iot:Receive", true)]
    [DataRow("\"iot:Get*\"", "iot:GetThingShadow", true)]
    [DataRow("\"iot:Get*\"", "iot:UpdateThingShadow", false)]
    [DataRow("\"iot:*ThingShadow\"", "iot:DeleteThingShadow", true)]
    [DataRow("\"iot:*ThingShadow\"", "iot:ListNamedShadowsForThing", false)]
    [DataRow("\"iot:Publis?\"", "iot:Publish", true)]
    [DataRow("\"iot:publish\"", "iot:Publish", true)]  // action names ignore case, as in IAM
    [DataRow("\"iot:Publish\"", "iot:RetainPublish", false)]
    [DataRow("[\"iot:Subscribe\",\"iot:Receive\"]", "iot:Receive", true)]
    [DataRow("\"greengrass:*\"", "iot:Publish", false)]
    public void Action_Wildcards(string actions, string action, bool allowed) =>
        Expect(allowed, One("Allow", "Action", actions, "Resource", "\"*\""), Unattached("c"), action, "topic/t");

    [TestMethod]
    [DataRow("iot:Publish", false)]
    [DataRow("iot:Subscribe", true)]
    [DataRow("iot:Connect", true)]
    public void NotAction_AppliesToEveryOtherAction(string action, bool allowed) =>
        Expect(allowed, One("Allow", "NotAction", "\"iot:Publish\"", "Resource", "\"*\""), Unattached("c"), action, "topic/t");

    [TestMethod]
    [DataRow("\"arn:aws:iot:*:*:topic/a/?\"", "topic/a/b", true)]
    [DataRow("\"arn:aws:iot:*:*:topic/a/?\"", "topic/a/bc", false)]
    [DataRow("\"arn:aws:iot:*:*:topic/a/?\"", "topic/a/", false)]
    [DataRow("\"arn:aws:iot:*:*:topic/a/*/c\"", "topic/a/x/y/c", true)]
    [DataRow("\"arn:aws:iot:*:*:topic/a/*\"", "topic/a/", true)]      // '*' matches the empty run too
    [DataRow("\"arn:aws:iot:*:*:topic/A/b\"", "topic/a/b", false)]    // topics are case-sensitive
    [DataRow("\"arn:aws:iot:*:*:topic/a/#\"", "topic/a/b", false)]    // '#' is literal
    [DataRow("\"arn:aws:iot:*:*:topic/a/#\"", "topic/a/#", true)]
    [DataRow("\"arn:aws:iot:*:*:topicfilter/a/+\"", "topicfilter/a/+", true)]
    [DataRow("\"arn:aws:iot:*:*:topicfilter/a/+\"", "topicfilter/a/b", false)]
    [DataRow("\"arn:aws:iot:*:*:topic/*\"", "topicfilter/a", false)]  // the resource type is part of the ARN
    [DataRow("\"arn:aws:iot:*:*:*\"", "topicfilter/a", true)]
    [DataRow("\"arn:aws:iot:us-west-2:111122223333:topic/a\"", "topic/a", true)] // any region and account stand for the stand-in's
    [DataRow("\"arn:aws:iotevents:*:*:topic/a\"", "topic/a", false)]
    [DataRow("\"arn:aws-cn:iot:*:*:topic/a\"", "topic/a", false)]
    [DataRow("\"arn:aws:iot:*:*:topic/${*}\"", "topic/*", true)]       // fixed variables: literal characters
    [DataRow("\"arn:aws:iot:*:*:topic/${*}\"", "topic/a", false)]
    [DataRow("\"arn:aws:iot:*:*:topic/$(?)\"", "topic/?", true)]
    [DataRow("\"arn:aws:iot:*:*:topic/$(?)\"", "topic/x", false)]
    [DataRow("\"arn:aws:iot:*:*:topic/${$}aws/x\"", "topic/$aws/x", true)]
    public void Resource_Wildcards(string resources, string resource, bool allowed) =>
        Expect(allowed, One("Allow", "Action", "\"*\"", "Resource", resources), Unattached("c"), "iot:Publish", resource);

    [TestMethod]
    public void Resource_WildcardNeverSpansTheArnColons()
    {
        // A topic containing ':' must not satisfy a pattern written for another topic by letting the region's '*'
        // swallow "us-east-1:000000000000:topic/x".
        var policy = One("Allow", "Action", "\"*\"", "Resource", "\"arn:aws:iot:*:*:topic/b\"");
        Expect(false, policy, Unattached("c"), "iot:Publish", "topic/x:y:topic/b");
        Expect(true, policy, Unattached("c"), "iot:Publish", "topic/b");
    }

    [TestMethod]
    [DataRow("topic/a/b", true)]
    [DataRow("topic/secret/b", false)]
    [DataRow("topicfilter/secret/b", true)]
    public void NotResource_AppliesToEveryOtherResource(string resource, bool allowed) =>
        Expect(allowed, One("Allow", "Action", "\"*\"", "NotResource", "\"arn:aws:iot:*:*:topic/secret/*\""), Unattached("c"), "iot:Receive", resource);

    [TestMethod]
    public void NotResource_WithAnUndefinedVariable_DoesNotApply()
    {
        // Without a thing the variable is undefined; the statement must not then allow everything.
        var policy = One("Allow", "Action", "\"iot:Publish\"", "NotResource", "\"arn:aws:iot:*:*:topic/${iot:Connection.Thing.ThingName}/private\"");
        Expect(false, policy, Unattached("c"), "iot:Publish", "topic/anything");
        Expect(true, policy, Device("t"), "iot:Publish", "topic/anything");
        Expect(false, policy, Device("t"), "iot:Publish", "topic/t/private");
    }

    [TestMethod]
    public void ExplicitDeny_InAnyPolicy_WinsOverAllowInAnother()
    {
        var allow = One("Allow", "Action", "\"iot:*\"", "Resource", "\"*\"", "AllowAll");
        var deny = One("Deny", "Action", "\"iot:Publish\"", "Resource", "\"arn:aws:iot:*:*:topic/locked\"", "Lock");
        var decision = PolicyEngine.Authorize([allow, deny], Request("iot:Publish", "topic/locked"), Unattached("c"));
        Assert.IsFalse(decision.Allowed);
        Assert.AreEqual("Lock", decision.PolicyName);
        Assert.AreEqual(0, decision.StatementIndex);
        Assert.AreEqual("iot:Publish on " + IotArn.Topic("locked") + " denied by statement 0 of policy Lock (explicit Deny)", decision.Explanation);

        var other = PolicyEngine.Authorize([allow, deny], Request("iot:Publish", "topic/open"), Unattached("c"));
        Assert.IsTrue(other.Allowed);
        Assert.AreEqual("AllowAll", other.PolicyName);
        Assert.AreEqual("iot:Publish on " + IotArn.Topic("open") + " allowed by statement 0 of policy AllowAll", other.Explanation);
    }

    [TestMethod]
    public void DefaultDeny_NamesThePoliciesConsulted()
    {
        var a = One("Allow", "Action", "\"iot:Subscribe\"", "Resource", "\"*\"", "A");
        var b = One("Allow", "Action", "\"iot:Receive\"", "Resource", "\"*\"", "B");
        var decision = PolicyEngine.Authorize([a, b], Request("iot:Publish", "topic/x"), Unattached("c"));
        Assert.AreEqual(new AuthorizationDecision(false, null, null, "no statement of A, B allows iot:Publish on " + IotArn.Topic("x") + " (default deny)"), decision);

        var none = PolicyEngine.Authorize([], Request("iot:Connect", "client/c"), Unattached("c"));
        Assert.IsFalse(none.Allowed);
        StringAssert.Contains(none.Explanation, "no policy is attached");
    }

    [TestMethod]
    public void Decision_NamesTheStatementIndexWithinItsPolicy()
    {
        var policy = Policy("""
            {"Version":"2012-10-17","Statement":[
              {"Effect":"Allow","Action":"iot:Connect","Resource":"*"},
              {"Effect":"Allow","Action":"iot:Publish","Resource":"arn:aws:iot:*:*:topic/a"},
              {"Effect":"Deny","Action":"iot:Publish","Resource":"arn:aws:iot:*:*:topic/b"}]}
            """);
        Assert.AreEqual(1, Decide(policy, Unattached("c"), "iot:Publish", "topic/a").StatementIndex);
        Assert.AreEqual(2, Decide(policy, Unattached("c"), "iot:Publish", "topic/b").StatementIndex);
    }

    [TestMethod]
    [DataRow("${iot:ClientId}", "client:dev-1", "dev-1", true)]
    [DataRow("${iot:ClientId}", "client:dev-1", "dev-2", false)]
    [DataRow("${iot:Connection.Thing.ThingName}", "thing:lamp", "lamp", true)]
    [DataRow("${iot:Connection.Thing.ThingName}", "thing:lamp@lamp2", "lamp2", false)]   // client id not the thing name
    [DataRow("${iot:Connection.Thing.ThingName}", "client:lamp", "lamp", false)]         // not attached
    [DataRow("${iot:Connection.Thing.IsAttached}", "thing:lamp", "true", true)]
    [DataRow("${iot:Connection.Thing.IsAttached}", "client:lamp", "false", true)]
    [DataRow("${iot:Certificate.Subject.CommonName}", "client:dev-1", "dev-1", true)]     // Unattached() uses the client id as CN
    [DataRow("${iot:CertificateId}", "client:x", PolicyFixture.CertificateId, true)]
    [DataRow("${iot:ClientId}", "client:+", "+", true)]   // AWS's warning: a client id '+' is substituted literally
    [DataRow("${iot:ClientId}", "client:+", "x", false)]
    [DataRow("${iot:ClientId}", "client:*", "x", false)]  // a substituted value never becomes a wildcard
    public void Variables_AreSubstituted(string variable, string caller, string topicLevel, bool allowed)
    {
        var policy = One("Allow", "Action", "\"iot:Publish\"", "Resource", "\"arn:aws:iot:*:*:topic/v/" + variable + "\"");
        Expect(allowed, policy, AwsExamplePolicyTests.Caller(caller), "iot:Publish", "topic/v/" + topicLevel);
    }

    [TestMethod]
    public void Variables_UndefinedOnTheDataPlane()
    {
        // No MQTT connection (SigV4 caller): iot:ClientId and every thing variable are undefined.
        var policy = One("Allow", "Action", "\"iot:GetThingShadow\"", "Resource", "[\"arn:aws:iot:*:*:thing/${iot:ClientId}\",\"arn:aws:iot:*:*:thing/${iot:Connection.Thing.ThingName}\"]");
        Expect(false, policy, AuthorizationContext.WithoutConnection, "iot:GetThingShadow", "thing/");
        Expect(false, policy, AuthorizationContext.WithoutConnection, "iot:GetThingShadow", "thing/${iot:ClientId}");
    }

    [TestMethod]
    [DataRow("Subject.Organization", "Acme", "Acme", true)]
    [DataRow("Subject.Organization", "Acme", "Other", false)]
    [DataRow("Issuer.CommonName", "Local CA", "Local CA", true)]
    [DataRow("SerialNumber", "0a1b", "0a1b", true)]
    [DataRow("Subject.Organization", "Ac*me", "Ac*me", false)] // values with * $ + ? # are not substituted (cert-policy-variables.html)
    [DataRow("Subject.Organization", "A#", "A#", false)]
    public void CertificateVariables(string field, string value, string topicLevel, bool allowed)
    {
        var policy = One("Allow", "Action", "\"iot:Publish\"", "Resource", "\"arn:aws:iot:*:*:topic/${iot:Certificate." + field + "}\"");
        var caller = Unattached("c") with { CertificateFields = new Dictionary<string, string> { [field] = value } };
        Expect(allowed, policy, caller, "iot:Publish", "topic/" + topicLevel);
        Expect(false, policy, Unattached("c"), "iot:Publish", "topic/" + topicLevel); // the field absent: undefined
    }

    [TestMethod]
    public void Version2008_TreatsVariablesAsText()
    {
        var policy = Policy("{\"Version\":\"2008-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"iot:Publish\",\"Resource\":\"arn:aws:iot:*:*:topic/${iot:ClientId}\"}}");
        Expect(false, policy, Unattached("c"), "iot:Publish", "topic/c");
        Expect(true, policy, Unattached("c"), "iot:Publish", "topic/${iot:ClientId}");
        var noVersion = Policy("{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"iot:Publish\",\"Resource\":\"arn:aws:iot:*:*:topic/${iot:ClientId}\"}}");
        Assert.AreEqual("2008-10-17", noVersion.Version);
        Expect(false, noVersion, Unattached("c"), "iot:Publish", "topic/c");
    }

    [TestMethod]
    public void ShadowResources_ClassicAndNamed()
    {
        var policy = One("Allow", "Action", "[\"iot:GetThingShadow\",\"iot:UpdateThingShadow\"]", "Resource", "[\"arn:aws:iot:*:*:thing/lamp\",\"arn:aws:iot:*:*:thing/lamp/config\"]");
        var caller = AuthorizationContext.WithoutConnection;
        Assert.IsTrue(PolicyEngine.Authorize([policy], new AuthorizationRequest(IotActions.GetThingShadow, IotArn.Thing("lamp")), caller).Allowed);
        Assert.IsTrue(PolicyEngine.Authorize([policy], new AuthorizationRequest(IotActions.UpdateThingShadow, IotArn.Thing("lamp", "config")), caller).Allowed);
        Assert.IsFalse(PolicyEngine.Authorize([policy], new AuthorizationRequest(IotActions.UpdateThingShadow, IotArn.Thing("lamp", "other")), caller).Allowed);
        Assert.IsFalse(PolicyEngine.Authorize([policy], new AuthorizationRequest(IotActions.DeleteThingShadow, IotArn.Thing("lamp")), caller).Allowed);
        Assert.IsFalse(PolicyEngine.Authorize([policy], new AuthorizationRequest(IotActions.GetThingShadow, IotArn.Thing("lamp2")), caller).Allowed);
    }

    [TestMethod]
    public void IotArn_BuildsTheStandInsArns()
    {
        Assert.AreEqual("arn:aws:iot:us-east-1:000000000000:client/c1", IotArn.Client("c1"));
        Assert.AreEqual("arn:aws:iot:us-east-1:000000000000:topic/$aws/things/t/shadow/get", IotArn.Topic("$aws/things/t/shadow/get"));
        Assert.AreEqual("arn:aws:iot:us-east-1:000000000000:topicfilter/a/+/#", IotArn.TopicFilter("a/+/#"));
        Assert.AreEqual("arn:aws:iot:us-east-1:000000000000:thing/t", IotArn.Thing("t"));
        Assert.AreEqual("arn:aws:iot:us-east-1:000000000000:thing/t/s", IotArn.Thing("t", "s"));
    }
}
