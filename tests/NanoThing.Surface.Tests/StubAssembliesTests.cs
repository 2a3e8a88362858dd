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
}
