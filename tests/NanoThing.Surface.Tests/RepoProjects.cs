namespace NanoThing.Surface.Tests;

/// <summary>The project files of the repository and the folders that belong to each.</summary>
public static class RepoProjects
{
    private static readonly string[] SkippedFolders = { "bin", "obj", ".git", "node_modules", "packages", "TestResults" };

    /// <summary>Every .nfproj, .csproj and .shproj below the root, relative with forward slashes, sorted.</summary>
    public static IReadOnlyList<string> All() =>
        Files(RepoPaths.Root, "*.*proj").Select(RepoPaths.Relative).Where(p => p.EndsWith(".nfproj") || p.EndsWith(".csproj") || p.EndsWith(".shproj")).ToList();

    /// <summary>Every .nfproj, relative with forward slashes, sorted.</summary>
    public static IReadOnlyList<string> Nfprojs() => All().Where(p => p.EndsWith(".nfproj", StringComparison.Ordinal)).ToList();

    /// <summary>Full paths of the .cs files under <paramref name="projectDirectory"/> that belong to it: not in bin/obj nor in a subfolder with a project of its own.</summary>
    public static IReadOnlyList<string> OwnSources(string projectDirectory) =>
        Files(projectDirectory, "*.cs").Where(f => !HasOwnProjectBetween(projectDirectory, Path.GetDirectoryName(f)!)).ToList();

    private static bool HasOwnProjectBetween(string projectDirectory, string directory)
    {
        for (string d = directory; d.Length > projectDirectory.Length; d = Path.GetDirectoryName(d)!)
        {
            if (Directory.EnumerateFiles(d, "*.*proj").Any()) return true;
        }

        return false;
    }

    private static IEnumerable<string> Files(string directory, string pattern)
    {
        var found = new List<string>();
        var pending = new Stack<string>();
        pending.Push(directory);
        while (pending.Count > 0)
        {
            string d = pending.Pop();
            found.AddRange(Directory.EnumerateFiles(d, pattern).Select(Path.GetFullPath));
            foreach (string sub in Directory.EnumerateDirectories(d))
            {
                if (!SkippedFolders.Contains(Path.GetFileName(sub), StringComparer.OrdinalIgnoreCase)) pending.Push(sub);
            }
        }

        return found.OrderBy(p => p, StringComparer.Ordinal);
    }
}
