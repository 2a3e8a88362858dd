extern alias nano;

using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace NanoThing.Surface.Tests;

/// <summary>The host shim (device-tests/TestFramework.Host) offers exactly nanoFramework.TestFramework's API, so device tests compile against both.</summary>
[TestClass]
public sealed class TestFrameworkShimTests
{
    [TestMethod]
    public void ShimSurface_EqualsTheListingWithoutObsoleteMembers()
    {
        string shimPath = typeof(nano::nanoFramework.TestFramework.Assert).Assembly.Location;
        MetadataReference shim = MetadataReference.CreateFromFile(shimPath);
        CSharpCompilation probe = CSharpCompilation.Create("probe", references: HostCompiler.ReferencePack.Append(shim));
        var assembly = (IAssemblySymbol)probe.GetAssemblyOrModuleSymbol(shim)!;
        var declared = PublicSurface.DocIds(assembly.GlobalNamespace)
            .Where(id => !id[2..].StartsWith("nanoFramework.TestFramework.TestRunner", StringComparison.Ordinal))
            .ToHashSet(StringComparer.Ordinal);
        var listed = ApiListingSet.Repository.Get("nanoFramework.TestFramework").Entries.Where(e => !e.IsObsolete).Select(e => e.DocId).ToHashSet(StringComparer.Ordinal);

        string[] missing = listed.Except(declared).Order(StringComparer.Ordinal).ToArray();
        string[] extra = declared.Except(listed).Order(StringComparer.Ordinal).ToArray();

        Assert.AreEqual(0, missing.Length + extra.Length,
            "device-tests/TestFramework.Host must match nanoframework-api/nanoFramework.TestFramework.api.txt (without [Obsolete]); "
            + $"missing: {string.Join(", ", missing)}; not in nanoFramework: {string.Join(", ", extra)}");
    }
}
