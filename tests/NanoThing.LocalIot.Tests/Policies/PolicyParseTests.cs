using NanoThing.LocalIot.Policies;

namespace NanoThing.LocalIot.Tests.Policies;

/// <summary>The document grammar: what parses, and for what does not, the exact place and fix the error names.</summary>
[TestClass]
public sealed class PolicyParseTests
{
    private const string Allow = "\"Effect\":\"Allow\",\"Action\":\"iot:Connect\",\"Resource\":\"*\"";

    [TestMethod]
    [DataRow("{\"Version\":\"2012-10-17\",\"Statement\":{" + Allow + "}}", 1)]
    [DataRow("{\"Version\":\"2012-10-17\",\"Statement\":[{" + Allow + "},{" + Allow + ",\"Sid\":\"Two\"}]}", 2)]
    [DataRow("{\"Version\":\"2012-10-17\",\"Id\":\"doc\",\"Statement\":[{" + Allow + "}]}", 1)]
    public void Valid_Documents(string json, int statements)
    {
        var result = IotPolicy.Parse("P", json);
        Assert.IsNull(result.Error, result.Error);
        Assert.IsTrue(result.Succeeded);
        Assert.AreEqual("P", result.Policy!.Name);
        Assert.AreEqual(statements, result.Policy.Statements.Count);
    }

    [TestMethod]
    [DataRow("", "Policy 'P' is not valid JSON (line 1, byte 1)")]
    [DataRow("{\"Version\":\"2012-10-17\",\"Statement\":", "Policy 'P' is not valid JSON (line 1")]
    [DataRow("[]", "Policy 'P': the document must be a JSON object")]
    [DataRow("{\"Version\":\"2012-10-17\"}", "Policy 'P' has no \"Statement\"")]
    [DataRow("{\"Version\":\"2012-10-17\",\"Statement\":[]}", "Policy 'P': \"Statement\" is an empty array")]
    [DataRow("{\"Version\":\"2012-10-17\",\"Statement\":\"x\"}", "Policy 'P': \"Statement\" must be an object or an array")]
    [DataRow("{\"Version\":\"2020-01-01\",\"Statement\":{" + Allow + "}}", "Policy 'P': \"Version\" must be \"2012-10-17\"")]
    [DataRow("{\"Version\":\"2012-10-17\",\"Statements\":{" + Allow + "}}", "Policy 'P': unknown field \"Statements\" at the top level")]
    [DataRow("{\"Version\":\"2012-10-17\",\"Version\":\"2012-10-17\",\"Statement\":{" + Allow + "}}", "Policy 'P': \"Version\" appears twice")]
    [DataRow("{\"Version\":\"2012-10-17\",\"Statement\":[{" + Allow + "},{\"Action\":\"iot:Connect\",\"Resource\":\"*\"}]}", "Policy 'P', Statement[1] has no \"Effect\"")]
    [DataRow("{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"allow\",\"Action\":\"iot:Connect\",\"Resource\":\"*\"}}", "Policy 'P', Statement[0].Effect is \"allow\"; it must be \"Allow\" or \"Deny\"")]
    [DataRow("{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Resource\":\"*\"}}", "Policy 'P', Statement[0] has no \"Action\" (or \"NotAction\")")]
    [DataRow("{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"iot:Connect\",\"NotAction\":\"iot:Publish\",\"Resource\":\"*\"}}", "Policy 'P', Statement[0] has both \"Action\" and \"NotAction\"")]
    [DataRow("{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"iot:Connect\"}}", "Policy 'P', Statement[0] has no \"Resource\" (or \"NotResource\")")]
    [DataRow("{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":[],\"Resource\":\"*\"}}", "Policy 'P', Statement[0].Action is an empty array")]
    [DataRow("{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":[\"iot:Connect\",7],\"Resource\":\"*\"}}", "Policy 'P', Statement[0].Action[1] is 7; it must be a non-empty string")]
    [DataRow("{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"Publish\",\"Resource\":\"*\"}}", "Policy 'P', Statement[0].Action[0] \"Publish\" is not an action; write \"service:Action\"")]
    [DataRow("{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"iot:Publish\",\"Resource\":\"topic/a\"}}", "Policy 'P', Statement[0].Resource[0]: \"topic/a\" is not an ARN; write \"*\" or arn:aws:iot:")]
    [DataRow("{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"iot:Publish\",\"Resource\":[\"*\",\"arn:aws:iot:*:*:topic/${iot:ClientID\"]}}", "Policy 'P', Statement[0].Resource[1]: the policy variable starting at character 23 has no closing '}'")]
    [DataRow("{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"iot:Publish\",\"Resource\":\"arn:aws:iot:*:*:topic/${iot:Thing.ThingName}\"}}", "Policy 'P', Statement[0].Resource[0]: ${iot:Thing.ThingName} is not a policy variable the stand-in knows (iot:ClientId, ")]
    [DataRow("{\"Version\":\"2012-10-17\",\"Statement\":{" + Allow + ",\"Principal\":\"*\"}}", "Policy 'P', Statement[0]: \"Principal\" is not allowed in an AWS IoT policy")]
    [DataRow("{\"Version\":\"2012-10-17\",\"Statement\":{" + Allow + ",\"Conditions\":{}}}", "Policy 'P', Statement[0]: unknown field \"Conditions\"; a statement has Sid, Effect, Action, NotAction, Resource, NotResource, Condition")]
    [DataRow("{\"Version\":\"2012-10-17\",\"Statement\":{" + Allow + ",\"Condition\":{\"DateGreaterThan\":{\"aws:CurrentTime\":\"2020-01-01T00:00:00Z\"}}}}", "Policy 'P', Statement[0].Condition.DateGreaterThan[\"aws:CurrentTime\"]: the condition operator \"DateGreaterThan\" is not one the local stand-in evaluates")]
    [DataRow("{\"Version\":\"2012-10-17\",\"Statement\":{" + Allow + ",\"Condition\":{\"StringEquals\":{\"aws:CurrentTime\":\"x\"}}}}", "Policy 'P', Statement[0].Condition.StringEquals[\"aws:CurrentTime\"]: the condition key \"aws:CurrentTime\" is not one the local stand-in can supply")]
    [DataRow("{\"Version\":\"2012-10-17\",\"Statement\":{" + Allow + ",\"Condition\":{\"Bool\":{\"iot:Connection.Thing.IsAttached\":\"yes\"}}}}", "Policy 'P', Statement[0].Condition.Bool[\"iot:Connection.Thing.IsAttached\"]: the value \"yes\" of Bool must be \"true\" or \"false\"")]
    [DataRow("{\"Version\":\"2012-10-17\",\"Statement\":{" + Allow + ",\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":\"10.0.0.0/33\"}}}}", "Policy 'P', Statement[0].Condition.IpAddress[\"aws:SourceIp\"]: the value \"10.0.0.0/33\" of IpAddress is not an IP address or CIDR range")]
    [DataRow("{\"Version\":\"2012-10-17\",\"Statement\":{" + Allow + ",\"Condition\":{\"StringEquals\":{}}}}", "Policy 'P', Statement[0].Condition.StringEquals must be a non-empty object")]
    [DataRow("{\"Version\":\"2012-10-17\",\"Statement\":{" + Allow + ",\"Condition\":{\"NullIfExists\":{\"iot:ClientId\":\"true\"}}}}", "the condition operator \"NullIfExists\" is not one the local stand-in evaluates")]
    public void Invalid_Documents_SayWhatAndWhere(string json, string expected)
    {
        var result = IotPolicy.Parse("P", json);
        Assert.IsNull(result.Policy);
        Assert.IsFalse(result.Succeeded);
        StringAssert.Contains(result.Error, expected);
        Assert.IsTrue(result.Error!.EndsWith('.'), result.Error);
    }

    [TestMethod]
    public void Size_AwsLimitCountsNonWhitespace()
    {
        string Document(int length) => "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"iot:Publish\",\"Resource\":\"arn:aws:iot:*:*:topic/" + new string('a', length) + "\"}}";
        int overhead = IotPolicy.CountedCharacters(Document(0));
        Assert.IsTrue(IotPolicy.Parse("P", Document(IotPolicy.MaxCharacters - overhead)).Succeeded);
        var tooLong = IotPolicy.Parse("P", Document(IotPolicy.MaxCharacters - overhead + 1));
        Assert.AreEqual("Policy 'P' has 2049 characters not counting whitespace; AWS IoT allows at most 2048: use wildcards or policy variables, or split it into several policies.", tooLong.Error);
        // Whitespace is free: the same document indented far past 2048 characters still parses.
        string indented = Document(100).Replace(",", ",\n" + new string(' ', 1000));
        Assert.IsTrue(indented.Length > IotPolicy.MaxCharacters);
        Assert.IsTrue(IotPolicy.Parse("P", indented).Succeeded);
    }

    [TestMethod]
    public void AnyInput_NeverThrows()
    {
        var random = new Random(20261206);
        string valid = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"NotAction\":[\"iot:Get*\"],\"NotResource\":\"arn:aws:iot:*:*:topic/${iot:ClientId}/$(*)\",\"Condition\":{\"ForAnyValue:StringLike\":{\"iot:ConnectAttributes\":[\"L*\"]},\"IpAddress\":{\"aws:SourceIp\":\"10.0.0.0/8\"}}}]}";
        Assert.IsTrue(IotPolicy.Parse("P", valid).Succeeded, IotPolicy.Parse("P", valid).Error);
        var inputs = new List<string> { new('[', 5000), new('{', 5000), "{\"Statement\":" + new string('[', 100) + "]", "\0", "{\"Version\":null}", "null", "1e999" };
        for (int i = 0; i <= valid.Length; i++) inputs.Add(valid[..i]);
        for (int i = 0; i < 2000; i++)
        {
            var chars = valid.ToCharArray();
            for (int n = random.Next(1, 4); n > 0; n--) chars[random.Next(chars.Length)] = "{}[]\":,$*?${}() ax\\"[random.Next(19)];
            inputs.Add(new string(chars));
        }

        var context = new AuthorizationContext("c", null, null, null, null);
        foreach (string input in inputs)
        {
            var result = IotPolicy.Parse("P", input);
            Assert.IsTrue(result.Policy is null != (result.Error is null), input);
            if (result.Policy is { } policy)
            {
                PolicyEngine.Authorize([policy], new AuthorizationRequest("iot:Publish", IotArn.Topic("c/x")), context);
            }
        }
    }
}
