namespace NanoThing.Surface.Tests;

/// <summary>All listings of <c>nanoframework-api/</c>, by assembly name.</summary>
public sealed class ApiListingSet
{
    private static readonly Lazy<ApiListingSet> RepositoryListings = new(() => Load(RepoPaths.ApiListingsDirectory));

    private ApiListingSet(IReadOnlyList<ApiListing> listings)
    {
        Listings = listings;
        ByAssembly = listings.ToDictionary(l => l.Assembly, StringComparer.Ordinal);
        AllDocIds = new HashSet<string>(listings.SelectMany(l => l.DocIds), StringComparer.Ordinal);
    }

    /// <summary>The repository's listings, read once per test run.</summary>
    public static ApiListingSet Repository => RepositoryListings.Value;

    /// <summary>Listings sorted by assembly name.</summary>
    public IReadOnlyList<ApiListing> Listings { get; }

    /// <summary>Listing per assembly name.</summary>
    public IReadOnlyDictionary<string, ApiListing> ByAssembly { get; }

    /// <summary>Union of every listing's documentation-comment IDs.</summary>
    public IReadOnlySet<string> AllDocIds { get; }

    /// <summary>Reads every <c>*.api.txt</c> of <paramref name="directory"/>.</summary>
    public static ApiListingSet Load(string directory)
    {
        string[] files = Directory.GetFiles(directory, "*.api.txt");
        if (files.Length == 0) throw new FileNotFoundException($"no *.api.txt listing in {directory}; the nanoFramework API listings belong there (see its README.md)");
        return new ApiListingSet(files.Select(ApiListing.Load).OrderBy(l => l.Assembly, StringComparer.Ordinal).ToList());
    }

    /// <summary>The listing of the assembly <paramref name="assembly"/>; throws naming the known assemblies when absent.</summary>
    public ApiListing Get(string assembly) =>
        ByAssembly.TryGetValue(assembly, out ApiListing? listing)
            ? listing
            : throw new KeyNotFoundException($"no listing for assembly '{assembly}' in nanoframework-api/ (known: {string.Join(", ", ByAssembly.Keys)})");
}
