using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace NanoThing.Surface.Tests;

/// <summary>
/// The portable-surface check: every external type and member a compiled .NET assembly references must be
/// listed in <c>nanoframework-api/</c>. Accepted besides the listed IDs:
/// <list type="bullet">
/// <item>the compiler-emitted references of <see cref="IgnoredCompilerReferences"/>;</item>
/// <item>the constructor and Invoke of a listed delegate (the listings leave delegate members out);</item>
/// <item>a member that .NET declares on a base class nanoFramework lacks, when a listed type deriving from that
/// base on .NET lists the same member itself (<c>AutoResetEvent.Set</c> is <c>EventWaitHandle.Set</c> on .NET),
/// and that base's type reference. The compile against the listing stubs (<see cref="SurfaceCompiler"/>) binds
/// against nanoFramework's own hierarchy and is the exact check for these.</item>
/// </list>
/// </summary>
public static class ReferenceCheck
{
    private static readonly Lazy<CSharpCompilation> DotNet = new(() => CSharpCompilation.Create("hierarchy", references: HostCompiler.ReferencePack));

    /// <summary>The referenced doc IDs missing from <paramref name="listings"/>, sorted; empty when the assembly stays inside them.</summary>
    public static IReadOnlyList<string> FindUnlisted(IEnumerable<ExternalReference> references, ApiListingSet listings)
    {
        List<ExternalReference> candidates = references.Where(r => !r.IsIn(listings.AllDocIds) && !IgnoredCompilerReferences.IsIgnored(r.DocId) && !IsDelegateMember(r.DocId, listings)).ToList();
        var inheritedBases = new HashSet<string>(StringComparer.Ordinal);
        var unlisted = new List<string>();
        foreach (ExternalReference reference in candidates.Where(r => r.DocId[0] != 'T'))
        {
            string? listedOnDerived = ListedOnDerivedType(reference.DocId, listings);
            if (listedOnDerived != null) inheritedBases.Add(ListingStubGenerator.OwnerTypeId(reference.DocId));
            else unlisted.Add(reference.DocId);
        }

        unlisted.AddRange(candidates.Where(r => r.DocId[0] == 'T' && !inheritedBases.Contains(r.DocId[2..])).Select(r => r.DocId));
        return unlisted.Distinct(StringComparer.Ordinal).OrderBy(id => id, StringComparer.Ordinal).ToList();
    }

    /// <summary>Human-readable report: one line per unlisted reference, with what to do about it.</summary>
    public static string Describe(string assemblyPath, IReadOnlyList<string> unlisted) =>
        $"{assemblyPath} uses {unlisted.Count} type(s)/member(s) that nanoFramework does not have (not in nanoframework-api/*.api.txt). "
        + "Rewrite the code with listed APIs (grep the doc ID in nanoframework-api/); a lowering such as string interpolation counts too:"
        + Environment.NewLine + string.Join(Environment.NewLine, unlisted.Select(id => "  " + id));

    private static bool IsDelegateMember(string docId, ApiListingSet listings)
    {
        if (docId[0] != 'M') return false;
        string owner = ListingStubGenerator.OwnerTypeId(docId);
        string member = docId[(2 + owner.Length + 1)..];
        return (member.StartsWith("#ctor(", StringComparison.Ordinal) || member.StartsWith("Invoke", StringComparison.Ordinal))
            && listings.Listings.Any(l => l.Entries.Any(e => e.DocId == "T:" + owner && e.Declaration.Contains(" delegate ", StringComparison.Ordinal)));
    }

    /// <summary>The listed ID of the same member on a listed type that derives, on .NET, from the member's declaring type; else null.</summary>
    private static string? ListedOnDerivedType(string docId, ApiListingSet listings)
    {
        string owner = ListingStubGenerator.OwnerTypeId(docId);
        INamedTypeSymbol? declaring = DotNet.Value.GetTypeByMetadataName(owner);
        if (declaring == null) return null;
        string member = docId[(2 + owner.Length)..];
        foreach (string listedType in listings.AllDocIds.Where(id => id.StartsWith("T:", StringComparison.Ordinal)))
        {
            string candidate = docId[..2] + listedType[2..] + member;
            if (!listings.AllDocIds.Contains(candidate)) continue;
            for (INamedTypeSymbol? t = DotNet.Value.GetTypeByMetadataName(listedType[2..])?.BaseType; t != null; t = t.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(t.OriginalDefinition, declaring)) return candidate;
            }
        }

        return null;
    }
}
