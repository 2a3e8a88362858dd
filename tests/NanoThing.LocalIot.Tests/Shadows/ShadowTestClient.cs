using System.Text;
using NanoThing.LocalIot.Shadows;

namespace NanoThing.LocalIot.Tests.Shadows;

/// <summary>Sends requests to a <see cref="ShadowStore"/> and indexes the replies by kind.</summary>
internal sealed class ShadowTestClient(ShadowStore store, ShadowId id)
{
    public IReadOnlyList<ShadowResponse> Update(string json) => store.Handle(id, ShadowOperation.Update, Encoding.UTF8.GetBytes(json));

    public IReadOnlyList<ShadowResponse> Get(string json = "") => store.Handle(id, ShadowOperation.Get, Encoding.UTF8.GetBytes(json));

    public IReadOnlyList<ShadowResponse> Delete(string json = "") => store.Handle(id, ShadowOperation.Delete, Encoding.UTF8.GetBytes(json));

    /// <summary>The one response of <paramref name="kind"/>; fails when there is none or several.</summary>
    public static string Single(IReadOnlyList<ShadowResponse> responses, ShadowResponseKind kind)
    {
        var matches = responses.Where(r => r.Kind == kind).ToList();
        Assert.HasCount(1, matches, "expected one " + kind + " in: " + string.Join(" | ", responses.Select(r => r.Kind + " " + r.Json)));
        return matches[0].Json;
    }

    /// <summary>An update of <paramref name="thing"/>'s classic shadow through <paramref name="committer"/>.</summary>
    public static Task<IReadOnlyList<ShadowResponse>> Update(ShadowCommitter committer, string thing, string json) =>
        committer.HandleAsync(ShadowId.Classic(thing), ShadowOperation.Update, Encoding.UTF8.GetBytes(json));

    /// <summary>The version in the answer's one <c>/update/accepted</c>.</summary>
    public static long AcceptedVersion(IReadOnlyList<ShadowResponse> answer) =>
        (long)System.Text.Json.Nodes.JsonNode.Parse(Single(answer, ShadowResponseKind.UpdateAccepted))!["version"]!;

    public static void AssertKinds(IReadOnlyList<ShadowResponse> responses, params ShadowResponseKind[] kinds) =>
        CollectionAssert.AreEqual(kinds, responses.Select(r => r.Kind).ToArray(), string.Join(" | ", responses.Select(r => r.Kind + " " + r.Json)));
}
