using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace NanoThing.Surface.Tests;

[TestClass]
public sealed class StubAssembliesTests
{
    [TestMethod]
    public void EveryListing_CompilesIntoAStubWithoutErrors()
    {
        StubAssemblies stubs = StubAssemblies.Repository;

        Assert.AreEqual(ApiListingSet.Repository.Listings.Count, stubs.References.Count);
        Assert.AreEqual(0, stubs.Errors.Count, string.Join(Environment.NewLine, stubs.Errors.Take(60)));
    }

    [TestMethod]
    public void EveryStub_DeclaresExactlyItsListing()
    {
        var differences = new List<string>();
        foreach (ApiListing listing in ApiListingSet.Repository.Listings)
        {
            IReadOnlyList<MetadataReference> closure = StubAssemblies.Repository.Closure(listing.Assembly, ApiListingSet.Repository);
            CSharpCompilation probe = CSharpCompilation.Create("probe", references: closure);
            var assembly = (IAssemblySymbol)probe.GetAssemblyOrModuleSymbol(StubAssemblies.Repository.References[listing.Assembly])!;
            var declared = new HashSet<string>(VisibleDocIds(assembly.GlobalNamespace), StringComparer.Ordinal);
            var listed = new HashSet<string>(listing.DocIds.Where(id => !IsImplicitStructConstructor(id, listing)), StringComparer.Ordinal);
            differences.AddRange(listed.Except(declared).Select(id => listing.Assembly + ": listed, not declared: " + id));
            differences.AddRange(declared.Except(listed).Select(id => listing.Assembly + ": declared, not listed: " + id));
        }

        Assert.AreEqual(0, differences.Count, string.Join(Environment.NewLine, differences.Take(60)));
    }

    private static bool IsImplicitStructConstructor(string docId, ApiListing listing) =>
        docId.EndsWith(".#ctor", StringComparison.Ordinal) && docId.StartsWith("M:", StringComparison.Ordinal)
        && listing.Entries.Any(e => e.DocId == "T:" + docId[2..^6] && e.Declaration.Contains(" struct ", StringComparison.Ordinal));

    /// <summary>Doc IDs of what code outside the assembly can see: public types and their public members, protected ones unless sealed.</summary>
    private static IEnumerable<string> VisibleDocIds(INamespaceOrTypeSymbol container)
    {
        foreach (ISymbol member in container.GetMembers())
        {
            if (member is INamespaceSymbol ns)
            {
                foreach (string id in VisibleDocIds(ns)) yield return id;
                continue;
            }

            if (member.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Protected or Accessibility.ProtectedOrInternal) || member.IsImplicitlyDeclared) continue;
            if (member is IMethodSymbol { MethodKind: MethodKind.PropertyGet or MethodKind.PropertySet or MethodKind.EventAdd or MethodKind.EventRemove or MethodKind.DelegateInvoke }) continue;
            if (container is INamedTypeSymbol { TypeKind: TypeKind.Delegate }) continue;
            if (container is INamedTypeSymbol { IsSealed: true } && member.DeclaredAccessibility != Accessibility.Public) continue; // the listings' rule
            yield return member.GetDocumentationCommentId()!;
            if (member is INamedTypeSymbol type)
            {
                foreach (string id in VisibleDocIds(type)) yield return id;
            }
        }
    }
}
