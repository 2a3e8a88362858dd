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

    public static void AssertKinds(IReadOnlyList<ShadowResponse> responses, params ShadowResponseKind[] kinds) =>
        CollectionAssert.AreEqual(kinds, responses.Select(r => r.Kind).ToArray(), string.Join(" | ", responses.Select(r => r.Kind + " " + r.Json)));
}
