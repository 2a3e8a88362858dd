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
            var declared = new HashSet<string>(PublicSurface.DocIds(assembly.GlobalNamespace), StringComparer.Ordinal);
            var listed = new HashSet<string>(listing.DocIds, StringComparer.Ordinal);
            differences.AddRange(listed.Except(declared).Select(id => listing.Assembly + ": listed, not declared: " + id));
            differences.AddRange(declared.Except(listed).Select(id => listing.Assembly + ": declared, not listed: " + id));
        }

        Assert.AreEqual(0, differences.Count, string.Join(Environment.NewLine, differences.Take(60)));
    }
}
