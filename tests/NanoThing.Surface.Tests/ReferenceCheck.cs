namespace NanoThing.Surface.Tests;

/// <summary>
/// The portable-surface check: every external type and member a compiled assembly references must be listed
/// in <c>nanoframework-api/</c>, except the compiler-emitted attributes of <see cref="IgnoredCompilerReferences"/>.
/// </summary>
public static class ReferenceCheck
{
    /// <summary>The referenced doc IDs missing from <paramref name="listings"/>, sorted; empty when the assembly stays inside them.</summary>
    public static IReadOnlyList<string> FindUnlisted(IEnumerable<ExternalReference> references, ApiListingSet listings) =>
        references
            .Where(r => !r.IsIn(listings.AllDocIds) && !IgnoredCompilerReferences.IsIgnored(r.DocId))
            .Select(r => r.DocId)
            .Distinct(StringComparer.Ordinal)
            .OrderBy(id => id, StringComparer.Ordinal)
            .ToList();

    /// <summary>Human-readable report: one line per unlisted reference, with what to do about it.</summary>
    public static string Describe(string assemblyPath, IReadOnlyList<string> unlisted) =>
        $"{assemblyPath} uses {unlisted.Count} type(s)/member(s) that nanoFramework does not have (not in nanoframework-api/*.api.txt). "
        + "Rewrite the code with listed APIs (grep the doc ID in nanoframework-api/); a lowering such as string interpolation counts too:"
        + Environment.NewLine + string.Join(Environment.NewLine, unlisted.Select(id => "  " + id));
}
