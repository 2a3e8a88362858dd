namespace NanoThing.Surface.Tests;

/// <summary>Locations in the repository, found by walking up from the test assembly to <c>NanoThing.sln</c>.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    /// <summary>The repository root (the folder holding NanoThing.sln).</summary>
    public static string Root => RootPath.Value;

    /// <summary><c>nanoframework-api/</c>.</summary>
    public static string ApiListingsDirectory => Combine("nanoframework-api");

    /// <summary>A path below the root given with forward slashes.</summary>
    public static string Combine(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>The path relative to the root, with forward slashes (for messages).</summary>
    public static string Relative(string path) => Path.GetRelativePath(Root, path).Replace(Path.DirectorySeparatorChar, '/');

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NanoThing.sln"))) return dir.FullName;
        }

        throw new DirectoryNotFoundException($"NanoThing.sln not found above {AppContext.BaseDirectory}; run the tests from the repository's build output");
    }
}
