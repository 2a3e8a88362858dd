namespace NanoThing.Surface.Tests;

[TestClass]
public sealed class ApiListingTests
{
    [TestMethod]
    public void Parse_ReadsHeaderAndEntries()
    {
        ApiListing listing = ApiListing.Parse("x.api.txt", new[]
        {
            "# assembly: System.Net",
            "# package: nanoFramework.System.Net 1.11.60",
            "# references: mscorlib, System.IO.Streams",
            "# columns: documentation-comment-id<TAB>declaration; 2 entries",
            "M:N.C.M(System.Int32)\tpublic System.Void N.C.M(System.Int32 x) [Obsolete]",
            "T:N.C\tpublic class N.C",
        });

        Assert.AreEqual("System.Net", listing.Assembly);
        Assert.AreEqual("nanoFramework.System.Net", listing.PackageId);
        Assert.AreEqual("1.11.60", listing.PackageVersion);
        CollectionAssert.AreEqual(new[] { "mscorlib", "System.IO.Streams" }, listing.References.ToArray());
        Assert.AreEqual(new ApiEntry("M:N.C.M(System.Int32)", "public System.Void N.C.M(System.Int32 x)", true), listing.Entries[0]);
        Assert.IsFalse(listing.Entries[1].IsObsolete);
        Assert.IsTrue(listing.DocIds.Contains("T:N.C"));
        Assert.AreEqual(2, listing.DeclaredEntryCount);
    }

    [TestMethod]
    public void Parse_RejectsMalformedLineWithFileAndLine()
    {
        var e = Assert.ThrowsExactly<FormatException>(() => ApiListing.Parse("bad.api.txt", new[] { "# assembly: A", "# package: P 1.0", "T:N.C public class N.C" }));

        StringAssert.Contains(e.Message, "bad.api.txt:3:");
    }

    [TestMethod]
    public void Repository_HasEveryListingWithTheEntryCountItsHeaderStates()
    {
        ApiListingSet set = ApiListingSet.Repository;

        Assert.AreEqual(Directory.GetFiles(RepoPaths.ApiListingsDirectory, "*.api.txt").Length, set.Listings.Count);
        foreach (ApiListing listing in set.Listings)
        {
            Assert.AreEqual(listing.DeclaredEntryCount, listing.Entries.Count, $"{listing.Path}: header and entries disagree");
            Assert.AreEqual(listing.Entries.Count, listing.DocIds.Count, $"{listing.Path}: a doc ID is listed twice");
        }

        Assert.AreEqual(1197, set.Get("mscorlib").Entries.Count);
        Assert.AreEqual(0, set.Get("mscorlib").References.Count);
        Assert.IsTrue(set.AllDocIds.Contains("M:System.String.Format(System.String,System.Object[])"));
        Assert.IsFalse(set.AllDocIds.Contains("M:System.String.Format(System.String,System.Object)"));
    }
}
