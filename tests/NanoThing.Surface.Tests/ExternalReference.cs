namespace NanoThing.Surface.Tests;

/// <summary>
/// A type or member that an assembly uses from another assembly, named by documentation-comment ID.
/// Property and event accessors (<c>get_X</c>, <c>add_E</c>) are named by their property or event
/// (<c>P:N.C.X</c>, <c>E:N.C.E</c>), as the listings do; <see cref="MethodDocId"/> keeps the accessor's own
/// method ID so that a plain method that merely looks like an accessor still matches.
/// </summary>
/// <param name="DocId">The ID reported (the property/event ID for accessors).</param>
/// <param name="MethodDocId">The raw method ID for accessors, otherwise null.</param>
public sealed record ExternalReference(string DocId, string? MethodDocId = null)
{
    /// <summary>True when the ID, or the raw accessor ID, is in <paramref name="docIds"/>.</summary>
    public bool IsIn(IReadOnlySet<string> docIds) => docIds.Contains(DocId) || (MethodDocId != null && docIds.Contains(MethodDocId));
}
