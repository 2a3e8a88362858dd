using NanoThing.LocalIot.Shadows;

namespace NanoThing.LocalIot.WebConsole;

/// <summary>Reads a shadow reply topic (<c>…/update/accepted</c>, <c>…/update/documents</c>, …) back into its shadow and kind.</summary>
public static class ShadowReplyTopic
{
    private static readonly (string Suffix, ShadowResponseKind Kind)[] Replies =
    [
        ("/accepted", ShadowResponseKind.UpdateAccepted),
        ("/rejected", ShadowResponseKind.UpdateRejected),
        ("/delta", ShadowResponseKind.UpdateDelta),
        ("/documents", ShadowResponseKind.UpdateDocuments),
    ];

    /// <summary>True for a reply topic of a valid shadow: the request topic it answers is the topic without its last segment.</summary>
    public static bool TryParse(string topic, out ShadowId id, out ShadowResponseKind kind)
    {
        foreach (var (suffix, updateKind) in Replies)
        {
            if (topic.EndsWith(suffix, StringComparison.Ordinal) && ShadowTopics.TryParseRequest(topic[..^suffix.Length], out id, out var operation))
            {
                kind = (operation, updateKind) switch
                {
                    (ShadowOperation.Update, _) => updateKind,
                    (ShadowOperation.Get, ShadowResponseKind.UpdateAccepted) => ShadowResponseKind.GetAccepted,
                    (ShadowOperation.Get, ShadowResponseKind.UpdateRejected) => ShadowResponseKind.GetRejected,
                    (ShadowOperation.Delete, ShadowResponseKind.UpdateAccepted) => ShadowResponseKind.DeleteAccepted,
                    (ShadowOperation.Delete, ShadowResponseKind.UpdateRejected) => ShadowResponseKind.DeleteRejected,
                    _ => (ShadowResponseKind)(-1),
                };
                if (kind != (ShadowResponseKind)(-1) && ShadowTopics.Response(id, kind) == topic)
                {
                    return true;
                }
            }
        }

        id = default;
        kind = default;
        return false;
    }
}
