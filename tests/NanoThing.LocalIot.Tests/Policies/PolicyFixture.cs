using NanoThing.LocalIot.Policies;

namespace NanoThing.LocalIot.Tests.Policies;

/// <summary>Builds policies, callers and requests for the policy tables.</summary>
internal static class PolicyFixture
{
    public const string CertificateId = "3f1b2c0e9a8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b";

    /// <summary>The policy, failing the test with the parser's message when it does not parse.</summary>
    public static IotPolicy Policy(string json, string name = "P")
    {
        var result = IotPolicy.Parse(name, json);
        Assert.IsNull(result.Error, result.Error);
        return result.Policy!;
    }

    /// <summary>A device whose certificate is attached to thing <paramref name="thing"/>, connected with client id <paramref name="clientId"/>
    /// (the thing variables are defined only when they are equal, as AWS defines them).</summary>
    public static AuthorizationContext Device(string thing, string? clientId = null, IReadOnlyDictionary<string, string>? attributes = null, string? thingType = null)
    {
        clientId ??= thing;
        return new AuthorizationContext(clientId, CertificateId, thing, clientId == thing ? thing : null, clientId == thing ? attributes : null)
        {
            ThingTypeName = clientId == thing ? thingType : null,
        };
    }

    /// <summary>A client whose certificate is attached to no thing.</summary>
    public static AuthorizationContext Unattached(string clientId) => new(clientId, CertificateId, clientId, null, null);

    /// <summary>
    /// A request from "kind/rest": client/…, topic/…, topicfilter/…, thing/… become the stand-in's ARNs; anything
    /// else (e.g. a full ARN) is taken as the resource itself.
    /// </summary>
    public static AuthorizationRequest Request(string action, string resource) => new(action, Arn(resource));

    public static string Arn(string resource)
    {
        int slash = resource.IndexOf('/');
        string kind = slash < 0 ? resource : resource[..slash];
        string rest = slash < 0 ? "" : resource[(slash + 1)..];
        return kind switch
        {
            "client" => IotArn.Client(rest),
            "topic" => IotArn.Topic(rest),
            "topicfilter" => IotArn.TopicFilter(rest),
            "thing" => IotArn.Prefix + "thing/" + rest,
            _ => resource,
        };
    }

    public static AuthorizationDecision Decide(IotPolicy policy, AuthorizationContext caller, string action, string resource) =>
        PolicyEngine.Authorize([policy], Request(action, resource), caller);

    /// <summary>Asserts the decision and that its explanation names the request.</summary>
    public static void Expect(bool allowed, IotPolicy policy, AuthorizationContext caller, string action, string resource)
    {
        var decision = Decide(policy, caller, action, resource);
        Assert.AreEqual(allowed, decision.Allowed, action + " " + resource + " by " + caller.ClientId + ": " + decision.Explanation);
        StringAssert.Contains(decision.Explanation, action + " on " + Arn(resource));
    }
}
