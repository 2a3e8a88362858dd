using NanoThing.LocalIot.Policies;
using static NanoThing.LocalIot.Tests.Policies.PolicyFixture;

namespace NanoThing.LocalIot.Tests.Policies;

/// <summary>
/// AWS's documented example policies, verbatim, with requests the documentation says they allow or refuse. Source:
/// AWS IoT Core Developer Guide as archived in awsdocs/aws-iot-docs @0a6e6df (developerguide/*.md, the same text as
/// https://docs.aws.amazon.com/iot/latest/developerguide/&lt;page&gt;.html); the page is named on each policy.
/// Caller column: "thing:T" = certificate attached to thing T, client id T; "thing:T@C" = same certificate, client id C;
/// "client:C" = certificate attached to no thing, client id C.
/// </summary>
[TestClass]
public sealed class AwsExamplePolicyTests
{
    // pub-sub-policy.html, "Registered devices (5)".
    private const string PublishUnderThingName = """
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Action": [
                        "iot:Connect"
                    ],
                    "Resource": [
                        "arn:aws:iot:us-east-1:123456789012:client/${iot:Connection.Thing.ThingName}"
                    ]
                },
                {
                    "Effect": "Allow",
                    "Action": [
                        "iot:Publish"
                    ],
                    "Resource": [
                        "arn:aws:iot:us-east-1:123456789012:topic/${iot:Connection.Thing.ThingName}/*"
                    ]
                }
            ]
        }
        """;

    [TestMethod]
    [DataRow("thing:thing1", "iot:Connect", "client/thing1", true)]
    [DataRow("thing:thing1@other", "iot:Connect", "client/other", false)] // client id is not the thing name: variable undefined
    [DataRow("client:thing1", "iot:Connect", "client/thing1", false)]     // certificate attached to no thing
    [DataRow("thing:thing1", "iot:Publish", "topic/thing1/temperature", true)]
    [DataRow("thing:thing1", "iot:Publish", "topic/thing1/a/b/c", true)]   // '*' spans levels
    [DataRow("thing:thing1", "iot:Publish", "topic/thing2/temperature", false)]
    [DataRow("thing:thing1", "iot:Publish", "topic/thing1", false)]        // "thing1/*" needs the slash
    [DataRow("thing:thing1", "iot:Subscribe", "topicfilter/thing1/temperature", false)]
    public void RegisteredDevices5(string caller, string action, string resource, bool allowed) =>
        Expect(allowed, Policy(PublishUnderThingName), Caller(caller), action, resource);

    // pub-sub-policy.html, "Unregistered devices (5)".
    private const string PublishUnderClientId = """
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Action": [
                        "iot:Connect"
                    ],
                    "Resource": [
                        "arn:aws:iot:us-east-1:123456789012:client/client1",
                        "arn:aws:iot:us-east-1:123456789012:client/client2",
                        "arn:aws:iot:us-east-1:123456789012:client/client3"
                    ]
                },
                {
                    "Effect": "Allow",
                    "Action": [
                        "iot:Publish"
                    ],
                    "Resource": [
                        "arn:aws:iot:us-east-1:123456789012:topic/${iot:ClientId}/*"
                    ]
                }
            ]
        }
        """;

    [TestMethod]
    [DataRow("client:client1", "iot:Connect", "client/client1", true)]
    [DataRow("client:client3", "iot:Connect", "client/client3", true)]
    [DataRow("client:client4", "iot:Connect", "client/client4", false)]
    [DataRow("client:client1", "iot:Connect", "client/Client1", false)] // client ids are case-sensitive
    [DataRow("client:client2", "iot:Publish", "topic/client2/status", true)]
    [DataRow("client:client2", "iot:Publish", "topic/client1/status", false)]
    public void UnregisteredDevices5(string caller, string action, string resource, bool allowed) =>
        Expect(allowed, Policy(PublishUnderClientId), Caller(caller), action, resource);

    // pub-sub-policy.html, "Registered devices (6)": subscribe and receive "<thing>/room*".
    private const string RoomTopics = """
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Action": [
                        "iot:Connect"
                    ],
                    "Resource": [
                        "arn:aws:iot:us-east-1:123456789012:client/${iot:Connection.Thing.ThingName}"
                    ]
                },
                {
                    "Effect": "Allow",
                    "Action": [
                        "iot:Subscribe"
                    ],
                    "Resource": [
                        "arn:aws:iot:us-east-1:123456789012:topicfilter/${iot:Connection.Thing.ThingName}/room*"
                    ]
                },
                {
                    "Effect": "Allow",
                    "Action": [
                        "iot:Receive"
                    ],
                    "Resource": [
                        "arn:aws:iot:us-east-1:123456789012:topic/${iot:Connection.Thing.ThingName}/room*"
                    ]
                }
            ]
        }
        """;

    [TestMethod]
    [DataRow("thing:thing1", "iot:Subscribe", "topicfilter/thing1/room1", true)]
    [DataRow("thing:thing1", "iot:Subscribe", "topicfilter/thing1/roomba/#", true)] // '#' is an ordinary character in the policy, '*' covers it
    [DataRow("thing:thing1", "iot:Subscribe", "topicfilter/thing1/#", false)]
    [DataRow("thing:thing1", "iot:Subscribe", "topicfilter/thing2/room1", false)]
    [DataRow("thing:thing1", "iot:Receive", "topic/thing1/room2/light", true)]
    [DataRow("thing:thing1", "iot:Receive", "topic/thing1/kitchen", false)]
    [DataRow("thing:thing1", "iot:Publish", "topic/thing1/room1", false)]
    public void RegisteredDevices6(string caller, string action, string resource, bool allowed) =>
        Expect(allowed, Policy(RoomTopics), Caller(caller), action, resource);

    // pub-sub-policy.html, "Registered devices (4)": topicfilter/some/+/topic allows only the literal filter.
    private const string LiteralPlus = """
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Action": [
                        "iot:Connect"
                    ],
                    "Resource": [
                        "arn:aws:iot:us-east-1:123456789012:client/${iot:Connection.Thing.ThingName}"
                    ]
                },
                {
                    "Effect": "Allow",
                    "Action": [
                        "iot:Subscribe"
                    ],
                    "Resource": [
                        "arn:aws:iot:us-east-1:123456789012:topicfilter/some/+/topic"
                    ]
                }
            ]
        }
        """;

    [TestMethod]
    [DataRow("thing:thing1", "topicfilter/some/+/topic", true)]
    [DataRow("thing:thing1", "topicfilter/some/sensor/topic", false)] // '+' in a policy is literal, not an MQTT wildcard
    [DataRow("thing:thing1", "topicfilter/some/#", false)]
    public void RegisteredDevices4_Plus(string caller, string resource, bool allowed) =>
        Expect(allowed, Policy(LiteralPlus), Caller(caller), "iot:Subscribe", resource);

    // pub-sub-policy.html, "Registered devices (4)", second policy: topicfilter/some/*/topic.
    private const string StarFilter = """
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Action": [
                        "iot:Connect"
                    ],
                    "Resource": [
                        "arn:aws:iot:us-east-1:123456789012:client/${iot:Connection.Thing.ThingName}"
                    ]
                },
                {
                    "Effect": "Allow",
                    "Action": [
                        "iot:Subscribe"
                    ],
                    "Resource": [
                        "arn:aws:iot:us-east-1:123456789012:topicfilter/some/*/topic"
                    ]
                }
            ]
        }
        """;

    [TestMethod]
    [DataRow("topicfilter/some/sensor/topic", true)]
    [DataRow("topicfilter/some/+/topic", true)]
    [DataRow("topicfilter/some/a/b/topic", true)] // '*' is not confined to one level
    [DataRow("topicfilter/some/topic", false)]
    [DataRow("topicfilter/other/sensor/topic", false)]
    public void RegisteredDevices4_Star(string resource, bool allowed) =>
        Expect(allowed, Policy(StarFilter), Caller("thing:thing1"), "iot:Subscribe", resource);

    // pub-sub-policy.html: Allow topicfilter/a/*, Deny topicfilter/a/restricted/*, and the Receive NotResource fix.
    private const string RestrictedSubtree = """
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                     "Effect": "Allow",
                     "Action": "iot:Subscribe",
                     "Resource": "arn:aws:iot:us-east-1:123456789012:topicfilter/a/*"
                },
                {
                     "Effect": "Deny",
                     "Action": "iot:Subscribe",
                     "Resource": "arn:aws:iot:us-east-1:123456789012:topicfilter/a/restricted/*"
                },
                {
                   "Effect": "Allow",
                   "Action": "iot:Receive",
                   "NotResource": "arn:aws:iot:us-east-1:123456789012:topic/a/restricted/*"
                }
            ]
        }
        """;

    [TestMethod]
    [DataRow("iot:Subscribe", "topicfilter/a/b", true)]
    [DataRow("iot:Subscribe", "topicfilter/a/#", true)]                 // the documented loophole: "a/#" is not "a/restricted/*"
    [DataRow("iot:Subscribe", "topicfilter/a/restricted/x", false)]     // explicit Deny wins over the Allow of a/*
    [DataRow("iot:Receive", "topic/a/b", true)]
    [DataRow("iot:Receive", "topic/a/restricted/secret", false)]        // ...and Receive closes it
    [DataRow("iot:Receive", "topic/elsewhere", true)]                   // NotResource allows every other topic
    public void RestrictedSubtreeWithNotResource(string action, string resource, bool allowed) =>
        Expect(allowed, Policy(RestrictedSubtree), Caller("client:c1"), action, resource);

    // pub-sub-policy.html: subscribe to device/update allowed, receive on it denied.
    private const string SubscribeButNoReceive = """
        {
           "Version":"2012-10-17",
           "Statement":[
              {
                 "Effect":"Allow",
                 "Action":"iot:Subscribe",
                 "Resource":"arn:aws:iot:us-east-1:123456789012:topicfilter/device/update"
              },
              {
                 "Effect":"Deny",
                 "Action":"iot:Receive",
                 "Resource":"arn:aws:iot:us-east-1:123456789012:topic/device/update"
              }
           ]
        }
        """;

    [TestMethod]
    public void SubscribeAllowedReceiveDenied()
    {
        var policy = Policy(SubscribeButNoReceive);
        Expect(true, policy, Caller("client:c1"), "iot:Subscribe", "topicfilter/device/update");
        var receive = Decide(policy, Caller("client:c1"), "iot:Receive", "topic/device/update");
        Assert.IsFalse(receive.Allowed);
        Assert.AreEqual(1, receive.StatementIndex, "the Deny statement decides, not the default deny");
    }

    // connect-policy.html: Deny client1 and client2, allow a client id that is the thing's name.
    private const string DenyTwoClients = """
        {
            "Version": "2012-10-17",
            "Statement": [
              {
                "Effect": "Deny",
                "Action": [
                  "iot:Connect"
                ],
                "Resource": [
                  "arn:aws:iot:us-east-1:123456789012:client/client1",
                  "arn:aws:iot:us-east-1:123456789012:client/client2"
                ]
              },
              {
                "Effect": "Allow",
                "Action": [
                  "iot:Connect"
                ],
                "Resource": [
                  "arn:aws:iot:us-east-1:123456789012:client/${iot:Connection.Thing.ThingName}"
                ]
              }
            ]
        }
        """;

    [TestMethod]
    [DataRow("thing:sensor7", "client/sensor7", true)]
    [DataRow("thing:client1", "client/client1", false)] // a thing named client1 is still denied: Deny wins
    [DataRow("client:client2", "client/client2", false)]
    [DataRow("client:client9", "client/client9", false)]
    public void ConnectDenyListedClients(string caller, string resource, bool allowed) =>
        Expect(allowed, Policy(DenyTwoClients), Caller(caller), "iot:Connect", resource);

    // thing-policy-examples.html: connect only when the certificate is attached to the thing.
    private const string ConnectIfAttached = """
        {  
            "Version":"2012-10-17",
            "Statement":[
                {  
                    "Effect":"Allow",
                    "Action":["iot:Connect"],
                    "Resource":[ "*" ],
                    "Condition": {
                        "Bool": {
                            "iot:Connection.Thing.IsAttached": ["true"]
                        }
                    }
                }
            ]
        }
        """;

    [TestMethod]
    [DataRow("thing:lamp", "client/lamp", true)]
    [DataRow("thing:lamp@lamp-debug", "client/lamp-debug", false)] // attached, but the client id is not the thing name
    [DataRow("client:lamp", "client/lamp", false)]
    public void ThingIsAttached(string caller, string resource, bool allowed) =>
        Expect(allowed, Policy(ConnectIfAttached), Caller(caller), "iot:Connect", resource);

    // thing-policy-examples.html: publish to device/stats if the thing has a type and an attribute value.
    private const string TypeAndAttribute = """
        {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Effect": "Allow",
              "Action": [
                "iot:Publish"
              ],
              "Resource": "arn:aws:iot:us-east-1:123456789012:topic/device/stats",
              "Condition": {
                "StringEquals": {
                  "iot:Connection.Thing.Attributes[attributeName]": "attributeValue",
                  "iot:Connection.Thing.ThingTypeName": "Thing_Type_Name"
                },
                "Bool": {
                  "iot:Connection.Thing.IsAttached": "true"
                }
              }
            }
          ]
        }
        """;

    [TestMethod]
    [DataRow("attributeValue", "Thing_Type_Name", true)]
    [DataRow("otherValue", "Thing_Type_Name", false)]
    [DataRow("attributeValue", "Other_Type", false)]
    [DataRow(null, "Thing_Type_Name", false)] // no such attribute: the key is absent, StringEquals is false
    [DataRow("attributeValue", null, false)]
    public void ThingTypeAndAttribute(string? attribute, string? type, bool allowed)
    {
        var attributes = attribute is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["attributeName"] = attribute };
        Expect(allowed, Policy(TypeAndAttribute), Device("meter", attributes: attributes, thingType: type), "iot:Publish", "topic/device/stats");
    }

    // thing-policy-examples.html: "If the device certificate is not associated with the thing, this variable won't be
    // resolved and will result in an access denied error."
    private const string AttributeTopic = """
        {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Effect": "Allow",
              "Action": [
                "iot:Publish"
              ],
              "Resource": "arn:aws:iot:us-east-1:123456789012:topic/${iot:Connection.Thing.Attributes[attributeName]}/*"
            }
          ]
        }
        """;

    [TestMethod]
    public void AttributeVariable_ResolvesOnlyForTheAttachedThing()
    {
        var policy = Policy(AttributeTopic);
        var attributes = new Dictionary<string, string> { ["attributeName"] = "building7" };
        Expect(true, policy, Device("meter", attributes: attributes), "iot:Publish", "topic/building7/power");
        Expect(false, policy, Device("meter", attributes: attributes), "iot:Publish", "topic/building8/power");
        Expect(false, policy, Device("meter", clientId: "meter-2", attributes: attributes), "iot:Publish", "topic/building7/power");
        Expect(false, policy, Unattached("meter"), "iot:Publish", "topic/${iot:Connection.Thing.Attributes[attributeName]}/x");
    }

    // connect-policy.html: iot:ConnectAttributes conditions.
    private const string OnlyPersistent = """
        {"Version": "2012-10-17","Statement": [{"Effect": "Allow","Action": ["iot:Connect"],"Resource": "*",
            "Condition": {"ForAllValues:StringEquals": {"iot:ConnectAttributes": ["PersistentConnect"]}}}]}
        """;
    private const string NoPersistent = """
        {"Version": "2012-10-17","Statement": [{"Effect": "Allow","Action": ["iot:Connect"],"Resource": "*",
            "Condition": {"ForAllValues:StringNotEquals": {"iot:ConnectAttributes": ["PersistentConnect"]}}}]}
        """;
    private const string DenyPersistent = """
        {"Version": "2012-10-17","Statement": [{"Effect": "Allow","Action": ["iot:Connect"],"Resource": "*"},
            {"Effect": "Deny","Action": ["iot:Connect"],"Resource": "*",
            "Condition": {"ForAnyValue:StringEquals": {"iot:ConnectAttributes": ["PersistentConnect"]}}}]}
        """;
    private const string DefaultFeaturesOnly = """
        {"Version": "2012-10-17","Statement": [{"Effect": "Allow","Action": ["iot:Connect"],"Resource": "*",
            "Condition": {"ForAllValues:StringEquals": {"iot:ConnectAttributes": []}}}]}
        """;
    private const string RequirePersistent = """
        {"Version": "2012-10-17","Statement": [{"Effect": "Allow","Action": ["iot:Connect"],"Resource": "*",
            "Condition": {"ForAnyValue:StringEquals": {"iot:ConnectAttributes": ["PersistentConnect"]}}}]}
        """;

    [TestMethod]
    [DataRow(nameof(OnlyPersistent), "", true)]
    [DataRow(nameof(OnlyPersistent), "PersistentConnect", true)]
    [DataRow(nameof(OnlyPersistent), "LastWill", false)]
    [DataRow(nameof(OnlyPersistent), "PersistentConnect,LastWill", false)]
    [DataRow(nameof(NoPersistent), "", true)]
    [DataRow(nameof(NoPersistent), "LastWill", true)]
    [DataRow(nameof(NoPersistent), "PersistentConnect", false)]
    [DataRow(nameof(DenyPersistent), "LastWill", true)]
    [DataRow(nameof(DenyPersistent), "LastWill,PersistentConnect", false)]
    [DataRow(nameof(DefaultFeaturesOnly), "", true)]
    [DataRow(nameof(DefaultFeaturesOnly), "LastWill", false)]
    [DataRow(nameof(RequirePersistent), "PersistentConnect", true)]
    [DataRow(nameof(RequirePersistent), "", false)]
    public void ConnectAttributes(string policyName, string attributes, bool allowed)
    {
        string json = policyName switch
        {
            nameof(OnlyPersistent) => OnlyPersistent,
            nameof(NoPersistent) => NoPersistent,
            nameof(DenyPersistent) => DenyPersistent,
            nameof(DefaultFeaturesOnly) => DefaultFeaturesOnly,
            _ => RequirePersistent,
        };
        var caller = Unattached("c1") with { ConnectAttributes = attributes.Split(',', StringSplitOptions.RemoveEmptyEntries) };
        Expect(allowed, Policy(json, policyName), caller, "iot:Connect", "client/c1");
    }

    // cert-policy-variables.html, "Registered devices (2)": publish only with certificates whose subject
    // organizations are all among "Example Corp" and "AnyCompany" (a ForAllValues condition on the .List key).
    private const string OrganizationList = """
        {
            "Version":"2012-10-17",
            "Statement":[
              {
                "Effect":"Allow",
                "Action":[
                  "iot:Connect"
                ],
                "Resource":[
                  "arn:aws:iot:us-east-1:123456789012:client/${iot:Connection.Thing.ThingName}"
                ]
              },
              {
                "Effect":"Allow",
                "Action":[
                  "iot:Publish"
                ],
                "Resource":[
                  "arn:aws:iot:us-east-1:123456789012:topic/my/topic/${iot:Connection.Thing.ThingName}"
                ],
                "Condition":{
                  "ForAllValues:StringEquals":{
                    "iot:Certificate.Subject.Organization.List":[
                      "Example Corp",
                      "AnyCompany"
                    ]
                  }
                }
              }
            ]
        }
        """;

    [TestMethod]
    [DataRow("Example Corp", null, true)]
    [DataRow("Example Corp", "AnyCompany", true)]          // the second value, "Subject.Organization.1"
    [DataRow("Example Corp", "Other Inc", false)]          // every value must be listed
    [DataRow("Other Inc", null, false)]
    public void OrganizationListCondition(string first, string? second, bool allowed)
    {
        var fields = new Dictionary<string, string> { ["Subject.Organization"] = first };
        if (second is not null) fields["Subject.Organization.1"] = second;
        var caller = Device("sensor1") with { CertificateFields = fields };
        Expect(allowed, Policy(OrganizationList), caller, "iot:Publish", "topic/my/topic/sensor1");
        Expect(false, Policy(OrganizationList), caller, "iot:Publish", "topic/my/topic/sensor2");
    }

    // certificate-policy-examples.html, first policy: publish to a topic named after the certificate id.
    private const string CertificateIdTopic = """
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Action": [
                        "iot:Publish"
                    ],
                    "Resource": ["arn:aws:iot:us-east-1:123456789012:topic/${iot:CertificateId}"]
                },
                {
                    "Effect": "Allow",
                    "Action": [
                        "iot:Connect"
                    ],
                    "Resource": ["arn:aws:iot:us-east-1:123456789012:client/${iot:Connection.Thing.ThingName}"]
                }
            ]
        }
        """;

    [TestMethod]
    public void CertificateIdTopic_OnlyTheCertificatesOwnTopic()
    {
        var policy = Policy(CertificateIdTopic);
        Expect(true, policy, Device("sensor1"), "iot:Publish", "topic/" + CertificateId);
        Expect(false, policy, Device("sensor1"), "iot:Publish", "topic/" + CertificateId.Replace('3', '4'));
        Expect(false, policy, AuthorizationContext.WithoutConnection, "iot:Publish", "topic/" + CertificateId); // no certificate: undefined
        Expect(true, policy, Device("sensor1"), "iot:Connect", "client/sensor1");
    }

    internal static AuthorizationContext Caller(string caller)
    {
        string[] kind = caller.Split(':', 2);
        if (kind[0] == "client") return Unattached(kind[1]);
        string[] thing = kind[1].Split('@');
        return Device(thing[0], thing.Length > 1 ? thing[1] : null);
    }
}
