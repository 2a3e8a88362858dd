using System.Text.Json.Nodes;
using NanoThing.LocalIot.DataPlane.Auth;
using NanoThing.LocalIot.Policies;
using NanoThing.LocalIot.Tests.Shadows;

namespace NanoThing.LocalIot.Tests.DataPlane;

/// <summary>The stand-in's credentials file: created once (0600, AWS-shaped keys, the default policy), then reused; a broken
/// file is reported with its path and the fix, never replaced.</summary>
[TestClass]
public sealed class LocalCredentialsTests
{
    [TestMethod]
    public void Created_once_private_and_read_back_unchanged()
    {
        using var folder = new TempFolder();
        Assert.IsTrue(LocalCredentials.TryLoadOrCreate(folder.Path, out var created, out var error), error);
        Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(created.Path));
        Assert.MatchesRegex("^AKIA[A-Z2-7]{16}$", created.AccessKeyId);
        Assert.AreEqual(40, created.Keys.SecretAccessKey.Length);

        Assert.IsTrue(LocalCredentials.TryLoadOrCreate(folder.Path, out var loaded, out error), error);
        Assert.AreEqual(created.Keys, loaded.Keys);
        Assert.DoesNotContain(created.Keys.SecretAccessKey, created.Keys.ToString());
    }

    [TestMethod]
    [DataRow("iot:GetThingShadow", "thing/any-thing", true)]
    [DataRow("iot:UpdateThingShadow", "thing/any-thing/named", true)]
    [DataRow("iot:DeleteThingShadow", "thing/t", true)]
    [DataRow("iot:ListNamedShadowsForThing", "thing/t", true)]
    [DataRow("iot:Publish", "topic/$aws/things/t/shadow/update", true)]
    [DataRow("iot:RetainPublish", "topic/a", false)]
    [DataRow("iot:Connect", "client/t", false)]
    [DataRow("iot:Subscribe", "topicfilter/#", false)]
    public void The_default_policy_allows_every_shadow_action_and_publish_only(string action, string resource, bool allowed)
    {
        using var folder = new TempFolder();
        Assert.IsTrue(LocalCredentials.TryLoadOrCreate(folder.Path, out var credentials, out var error), error);
        var decision = PolicyEngine.Authorize([credentials.Policy], new AuthorizationRequest(action, IotArn.Prefix + resource), credentials.Principal.Context);
        Assert.AreEqual(allowed, decision.Allowed, decision.Explanation);
    }

    [TestMethod]
    public void An_edited_policy_is_the_one_enforced()
    {
        using var folder = new TempFolder();
        Assert.IsTrue(LocalCredentials.TryLoadOrCreate(folder.Path, out var credentials, out var error), error);
        var document = JsonNode.Parse(File.ReadAllText(credentials.Path))!.AsObject();
        document["policy"] = JsonNode.Parse("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iot:GetThingShadow","Resource":"arn:aws:iot:*:*:thing/kitchen"}]}""");
        File.WriteAllText(credentials.Path, document.ToJsonString());

        Assert.IsTrue(LocalCredentials.TryLoadOrCreate(folder.Path, out var edited, out error), error);
        Assert.IsTrue(PolicyEngine.Authorize([edited.Policy], new AuthorizationRequest(IotActions.GetThingShadow, IotArn.Thing("kitchen")), edited.Principal.Context).Allowed);
        Assert.IsFalse(PolicyEngine.Authorize([edited.Policy], new AuthorizationRequest(IotActions.UpdateThingShadow, IotArn.Thing("kitchen")), edited.Principal.Context).Allowed);
    }

    [TestMethod]
    [DataRow("not json", "cannot be read")]
    [DataRow("""{"accessKeyId":"AKIA"}""", "needs \"accessKeyId\" and \"secretAccessKey\"")]
    [DataRow("""{"accessKeyId":"AKIAAAAAAAAAAAAAAAAA","secretAccessKey":"0123456789abcdef0123"}""", "needs a \"policy\" object")]
    [DataRow("""{"accessKeyId":"AKIAAAAAAAAAAAAAAAAA","secretAccessKey":"0123456789abcdef0123","policy":{"Statement":5}}""", "is not valid")]
    public void A_broken_file_is_reported_with_its_path_and_left_as_it_is(string content, string problem)
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, LocalCredentials.FileName);
        File.WriteAllText(path, content);
        Assert.IsFalse(LocalCredentials.TryLoadOrCreate(folder.Path, out _, out var error));
        StringAssert.Contains(error, path);
        StringAssert.Contains(error, problem);
        StringAssert.Contains(error, "remove it and restart the stand-in");
        Assert.AreEqual(content, File.ReadAllText(path));
    }
}
