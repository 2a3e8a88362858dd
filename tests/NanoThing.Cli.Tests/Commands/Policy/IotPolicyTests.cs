using System.Text.Json;
using NanoThing.Cli.Commands.Policy;
using NanoThing.Cli.Execution;
using NanoThing.Cli.Tests.Support;

namespace NanoThing.Cli.Tests.Commands.Policy;

[TestClass]
public sealed class IotPolicyTests
{
    private const string ShadowOnly = """
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "iot:Connect",
      "Resource": "arn:aws:iot:*:*:client/${iot:Connection.Thing.ThingName}",
      "Condition": {
        "Bool": {
          "iot:Connection.Thing.IsAttached": "true"
        }
      }
    },
    {
      "Effect": "Allow",
      "Action": "iot:Publish",
      "Resource": [
        "arn:aws:iot:*:*:topic/$aws/things/${iot:Connection.Thing.ThingName}/shadow/get",
        "arn:aws:iot:*:*:topic/$aws/things/${iot:Connection.Thing.ThingName}/shadow/update",
        "arn:aws:iot:*:*:topic/$aws/things/${iot:Connection.Thing.ThingName}/shadow/delete"
      ]
    },
    {
      "Effect": "Allow",
      "Action": "iot:Subscribe",
      "Resource": [
        "arn:aws:iot:*:*:topicfilter/$aws/things/${iot:Connection.Thing.ThingName}/shadow/get/accepted",
        "arn:aws:iot:*:*:topicfilter/$aws/things/${iot:Connection.Thing.ThingName}/shadow/get/rejected",
        "arn:aws:iot:*:*:topicfilter/$aws/things/${iot:Connection.Thing.ThingName}/shadow/update/accepted",
        "arn:aws:iot:*:*:topicfilter/$aws/things/${iot:Connection.Thing.ThingName}/shadow/update/rejected",
        "arn:aws:iot:*:*:topicfilter/$aws/things/${iot:Connection.Thing.ThingName}/shadow/update/delta",
        "arn:aws:iot:*:*:topicfilter/$aws/things/${iot:Connection.Thing.ThingName}/shadow/delete/accepted",
        "arn:aws:iot:*:*:topicfilter/$aws/things/${iot:Connection.Thing.ThingName}/shadow/delete/rejected"
      ]
    },
    {
      "Effect": "Allow",
      "Action": "iot:Receive",
      "Resource": [
        "arn:aws:iot:*:*:topic/$aws/things/${iot:Connection.Thing.ThingName}/shadow/get/accepted",
        "arn:aws:iot:*:*:topic/$aws/things/${iot:Connection.Thing.ThingName}/shadow/get/rejected",
        "arn:aws:iot:*:*:topic/$aws/things/${iot:Connection.Thing.ThingName}/shadow/update/accepted",
        "arn:aws:iot:*:*:topic/$aws/things/${iot:Connection.Thing.ThingName}/shadow/update/rejected",
        "arn:aws:iot:*:*:topic/$aws/things/${iot:Connection.Thing.ThingName}/shadow/update/delta",
        "arn:aws:iot:*:*:topic/$aws/things/${iot:Connection.Thing.ThingName}/shadow/delete/accepted",
        "arn:aws:iot:*:*:topic/$aws/things/${iot:Connection.Thing.ThingName}/shadow/delete/rejected"
      ]
    }
  ]
}
""";

    private const string WithTelemetry = """
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "iot:Connect",
      "Resource": "arn:aws:iot:*:*:client/${iot:Connection.Thing.ThingName}",
      "Condition": {
        "Bool": {
          "iot:Connection.Thing.IsAttached": "true"
        }
      }
    },
    {
      "Effect": "Allow",
      "Action": "iot:Publish",
      "Resource": [
        "arn:aws:iot:*:*:topic/$aws/things/${iot:Connection.Thing.ThingName}/shadow/get",
        "arn:aws:iot:*:*:topic/$aws/things/${iot:Connection.Thing.ThingName}/shadow/update",
        "arn:aws:iot:*:*:topic/$aws/things/${iot:Connection.Thing.ThingName}/shadow/delete",
        "arn:aws:iot:*:*:topic/dt/nanothing/${iot:Connection.Thing.ThingName}/telemetry"
      ]
    },
    {
      "Effect": "Allow",
      "Action": "iot:Subscribe",
      "Resource": [
        "arn:aws:iot:*:*:topicfilter/$aws/things/${iot:Connection.Thing.ThingName}/shadow/get/accepted",
        "arn:aws:iot:*:*:topicfilter/$aws/things/${iot:Connection.Thing.ThingName}/shadow/get/rejected",
        "arn:aws:iot:*:*:topicfilter/$aws/things/${iot:Connection.Thing.ThingName}/shadow/update/accepted",
        "arn:aws:iot:*:*:topicfilter/$aws/things/${iot:Connection.Thing.ThingName}/shadow/update/rejected",
        "arn:aws:iot:*:*:topicfilter/$aws/things/${iot:Connection.Thing.ThingName}/shadow/update/delta",
        "arn:aws:iot:*:*:topicfilter/$aws/things/${iot:Connection.Thing.ThingName}/shadow/delete/accepted",
        "arn:aws:iot:*:*:topicfilter/$aws/things/${iot:Connection.Thing.ThingName}/shadow/delete/rejected"
      ]
    },
    {
      "Effect": "Allow",
      "Action": "iot:Receive",
      "Resource": [
        "arn:aws:iot:*:*:topic/$aws/things/${iot:Connection.Thing.ThingName}/shadow/get/accepted",
        "arn:aws:iot:*:*:topic/$aws/things/${iot:Connection.Thing.ThingName}/shadow/get/rejected",
        "arn:aws:iot:*:*:topic/$aws/things/${iot:Connection.Thing.ThingName}/shadow/update/accepted",
        "arn:aws:iot:*:*:topic/$aws/things/${iot:Connection.Thing.ThingName}/shadow/update/rejected",
        "arn:aws:iot:*:*:topic/$aws/things/${iot:Connection.Thing.ThingName}/shadow/update/delta",
        "arn:aws:iot:*:*:topic/$aws/things/${iot:Connection.Thing.ThingName}/shadow/delete/accepted",
        "arn:aws:iot:*:*:topic/$aws/things/${iot:Connection.Thing.ThingName}/shadow/delete/rejected"
      ]
    }
  ]
}
""";

    private const string NamedShadow = """
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "iot:Connect",
      "Resource": "arn:aws:iot:*:*:client/${iot:Connection.Thing.ThingName}",
      "Condition": {
        "Bool": {
          "iot:Connection.Thing.IsAttached": "true"
        }
      }
    },
    {
      "Effect": "Allow",
      "Action": "iot:Publish",
      "Resource": [
        "arn:aws:iot:*:*:topic/$aws/things/${iot:Connection.Thing.ThingName}/shadow/name/config/get",
        "arn:aws:iot:*:*:topic/$aws/things/${iot:Connection.Thing.ThingName}/shadow/name/config/update",
        "arn:aws:iot:*:*:topic/$aws/things/${iot:Connection.Thing.ThingName}/shadow/name/config/delete"
      ]
    },
    {
      "Effect": "Allow",
      "Action": "iot:Subscribe",
      "Resource": [
        "arn:aws:iot:*:*:topicfilter/$aws/things/${iot:Connection.Thing.ThingName}/shadow/name/config/get/*",
        "arn:aws:iot:*:*:topicfilter/$aws/things/${iot:Connection.Thing.ThingName}/shadow/name/config/update/*",
        "arn:aws:iot:*:*:topicfilter/$aws/things/${iot:Connection.Thing.ThingName}/shadow/name/config/delete/*"
      ]
    },
    {
      "Effect": "Allow",
      "Action": "iot:Receive",
      "Resource": [
        "arn:aws:iot:*:*:topic/$aws/things/${iot:Connection.Thing.ThingName}/shadow/name/config/get/*",
        "arn:aws:iot:*:*:topic/$aws/things/${iot:Connection.Thing.ThingName}/shadow/name/config/update/*",
        "arn:aws:iot:*:*:topic/$aws/things/${iot:Connection.Thing.ThingName}/shadow/name/config/delete/*"
      ]
    }
  ]
}
""";

    private const string NamedShadowWithTelemetry = """
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "iot:Connect",
      "Resource": "arn:aws:iot:*:*:client/${iot:Connection.Thing.ThingName}",
      "Condition": {
        "Bool": {
          "iot:Connection.Thing.IsAttached": "true"
        }
      }
    },
    {
      "Effect": "Allow",
      "Action": "iot:Publish",
      "Resource": [
        "arn:aws:iot:*:*:topic/$aws/things/${iot:Connection.Thing.ThingName}/shadow/name/config/get",
        "arn:aws:iot:*:*:topic/$aws/things/${iot:Connection.Thing.ThingName}/shadow/name/config/update",
        "arn:aws:iot:*:*:topic/$aws/things/${iot:Connection.Thing.ThingName}/shadow/name/config/delete",
        "arn:aws:iot:*:*:topic/dt/nanothing/${iot:Connection.Thing.ThingName}/telemetry"
      ]
    },
    {
      "Effect": "Allow",
      "Action": "iot:Subscribe",
      "Resource": [
        "arn:aws:iot:*:*:topicfilter/$aws/things/${iot:Connection.Thing.ThingName}/shadow/name/config/get/*",
        "arn:aws:iot:*:*:topicfilter/$aws/things/${iot:Connection.Thing.ThingName}/shadow/name/config/update/*",
        "arn:aws:iot:*:*:topicfilter/$aws/things/${iot:Connection.Thing.ThingName}/shadow/name/config/delete/*"
      ]
    },
    {
      "Effect": "Allow",
      "Action": "iot:Receive",
      "Resource": [
        "arn:aws:iot:*:*:topic/$aws/things/${iot:Connection.Thing.ThingName}/shadow/name/config/get/*",
        "arn:aws:iot:*:*:topic/$aws/things/${iot:Connection.Thing.ThingName}/shadow/name/config/update/*",
        "arn:aws:iot:*:*:topic/$aws/things/${iot:Connection.Thing.ThingName}/shadow/name/config/delete/*"
      ]
    }
  ]
}
""";

    [TestMethod]
    public void Generate_ShadowOnly_IsExactlyTheGolden() => Assert.AreEqual(ShadowOnly, IotPolicy.Generate(telemetry: false));

    [TestMethod]
    public void Generate_Telemetry_IsExactlyTheGolden() => Assert.AreEqual(WithTelemetry, IotPolicy.Generate(telemetry: true));

    [TestMethod]
    public void Generate_NamedShadow_IsExactlyTheGolden() => Assert.AreEqual(NamedShadow, IotPolicy.Generate(new DevicePolicy(false, "config")));

    [TestMethod]
    public void Generate_NamedShadowTelemetry_IsExactlyTheGolden() => Assert.AreEqual(NamedShadowWithTelemetry, IotPolicy.Generate(new DevicePolicy(true, "config")));

    [TestMethod]
    public void Generate_ClassicOverload_IsTheClassicDevicePolicy()
    {
        Assert.AreEqual(IotPolicy.Generate(DevicePolicy.Classic), IotPolicy.Generate(false));
        Assert.AreEqual(IotPolicy.Generate(new DevicePolicy(true, null)), IotPolicy.Generate(true));
    }

    [TestMethod]
    [DataRow(false, null)]
    [DataRow(true, null)]
    [DataRow(false, "a")]
    [DataRow(true, "config")]
    [DataRow(true, "$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$$")] // the longest shadow name AWS allows
    public void Generate_EveryOption_FitsAwsSizeLimitAndParsesAsAnAwsIotPolicy(bool telemetry, string? shadow)
    {
        string document = IotPolicy.Generate(new DevicePolicy(telemetry, shadow));
        int counted = IotPolicy.CountedCharacters(document);
        Assert.IsTrue(counted <= IotPolicy.MaxCharacters, counted.ToString());
        var parsed = NanoThing.LocalIot.Policies.IotPolicy.Parse("generated", document);
        Assert.IsNull(parsed.Error, parsed.Error);
        Assert.AreEqual(4, parsed.Policy!.Statements.Count);
    }

    [TestMethod]
    [DataRow(false, null, "NanoThingShadow", "")]
    [DataRow(true, null, "NanoThingShadowTelemetry", " --telemetry")]
    [DataRow(false, "config", "NanoThingShadow@config", " --shadow config")]
    [DataRow(true, "a:b$c", "NanoThingShadowTelemetry@a.b=c", " --shadow a:b$c --telemetry")]
    public void DevicePolicy_NameAndFlags(bool telemetry, string? shadow, string name, string flags)
    {
        var device = new DevicePolicy(telemetry, shadow);
        Assert.AreEqual(name, device.Name);
        Assert.AreEqual(flags, device.Flags);
        StringAssert.Matches(device.Name, new System.Text.RegularExpressions.Regex(@"^[\w+=,.@-]{1,128}$")); // CreatePolicy's policyName pattern
    }

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public void Generate_FitsAwsSizeLimitAndIsValidJson(bool telemetry)
    {
        string document = IotPolicy.Generate(telemetry);
        Assert.IsTrue(IotPolicy.CountedCharacters(document) <= IotPolicy.MaxCharacters, IotPolicy.CountedCharacters(document).ToString());
        using var parsed = JsonDocument.Parse(document);
        Assert.AreEqual(4, parsed.RootElement.GetProperty("Statement").GetArrayLength());
    }

    [TestMethod]
    public void Generate_EveryResourceIsScopedToTheConnectedThing()
    {
        using var parsed = JsonDocument.Parse(IotPolicy.Generate(telemetry: true));
        foreach (JsonElement statement in parsed.RootElement.GetProperty("Statement").EnumerateArray())
        {
            JsonElement resource = statement.GetProperty("Resource");
            var resources = resource.ValueKind == JsonValueKind.Array ? resource.EnumerateArray().Select(r => r.GetString()!) : [resource.GetString()!];
            foreach (string arn in resources)
            {
                StringAssert.StartsWith(arn, "arn:aws:iot:*:*:");
                StringAssert.Contains(arn, "/${iot:Connection.Thing.ThingName}");
                Assert.IsFalse(arn.EndsWith('*') || arn.Contains('#') || arn.Contains('+'), arn);
            }
        }
    }

    [TestMethod]
    public void PolicyCommand_PrintsTheDocument()
    {
        using var cli = new CliHarness();
        CliRun run = cli.Run("policy", "--thing", "kitchen", "--telemetry");
        Assert.AreEqual(ExitCodes.Ok, run.ExitCode, run.ToString());
        Assert.AreEqual(WithTelemetry + "\n", run.Out);
    }

    [TestMethod]
    public void PolicyCommand_AllowsTelemetryByDefault_AndNotWhenTurnedOff()
    {
        using var cli = new CliHarness();
        CliRun byDefault = cli.Run("policy", "--thing", "kitchen");
        CliRun off = cli.Run("policy", "--thing", "kitchen", "--telemetry", "false");
        Assert.AreEqual(ExitCodes.Ok, byDefault.ExitCode, byDefault.ToString());
        Assert.AreEqual(WithTelemetry + "\n", byDefault.Out);
        Assert.AreEqual(ShadowOnly + "\n", off.Out);
    }

    [TestMethod]
    public void PolicyCommand_Shadow_PrintsTheNamedShadowDocument()
    {
        using var cli = new CliHarness();
        CliRun run = cli.Run("policy", "--thing", "kitchen", "--shadow", "config", "--telemetry");
        Assert.AreEqual(ExitCodes.Ok, run.ExitCode, run.ToString());
        Assert.AreEqual(NamedShadowWithTelemetry + "\n", run.Out);
    }

    [TestMethod]
    [DataRow("a/b")]
    [DataRow("")]
    [DataRow("65-characters-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")]
    public void PolicyCommand_InvalidShadow_IsInputInvalid(string shadow)
    {
        using var cli = new CliHarness();
        CliRun run = cli.Run("policy", "--thing", "kitchen", "--shadow", shadow);
        Assert.AreEqual(ExitCodes.InputInvalid, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Error, "the shadow name '" + shadow + "' is not valid");
        Assert.AreEqual("", run.Out);
    }

    [TestMethod]
    public void PolicyCommand_InvalidThing_IsInputInvalid()
    {
        using var cli = new CliHarness();
        Assert.AreEqual(ExitCodes.InputInvalid, cli.Run("policy", "--thing", "a/b").ExitCode);
    }
}
