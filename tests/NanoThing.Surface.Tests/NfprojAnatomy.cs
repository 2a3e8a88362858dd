using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace NanoThing.Surface.Tests;

/// <summary>
/// The rules a .nfproj must follow so that Visual Studio's nanoFramework extension loads and builds it
/// (reference/nanoframework.md section 2) and so that it agrees with packages.config, nfproj.props and the
/// listings. Each check returns the problems found, one sentence each naming the project and what to do.
/// </summary>
public static class NfprojAnatomy
{
    /// <summary>The nanoFramework project type followed by the C# project type.</summary>
    public const string ProjectTypeGuids = "{11A8DD76-328B-46DF-9F39-F559912D0360};{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}";

    /// <summary>The project system imports, in the order they must appear.</summary>
    public static readonly IReadOnlyList<string> SystemImports = new[]
    {
        "$(NanoFrameworkProjectSystemPath)NFProjectSystem.Default.props",
        "$(NanoFrameworkProjectSystemPath)NFProjectSystem.props",
        "$(NanoFrameworkProjectSystemPath)NFProjectSystem.CSharp.targets",
    };

    /// <summary>Every problem of <paramref name="project"/>: structure, sources, test-project settings, package pins and references.</summary>
    public static IReadOnlyList<string> Check(NfprojFile project) =>
        Structure(project).Concat(Sources(project)).Concat(TestProject(project)).Concat(PackagePins(project)).Concat(References(project))
            .Select(p => RepoPathsOrAbsolute(project.Path) + ": " + p).ToList();

    /// <summary>Project type GUIDs, the Globals group first, the three NFProjectSystem imports in order with Exists conditions, nfproj.props between them.</summary>
    public static IEnumerable<string> Structure(NfprojFile project)
    {
        if (project.Property("ProjectTypeGuids") != ProjectTypeGuids) yield return $"ProjectTypeGuids must be {ProjectTypeGuids}, is '{project.Property("ProjectTypeGuids")}'";
        XElement first = project.Document.Root!.Elements().First();
        string? systemPath = first.Elements().FirstOrDefault(e => e.Name.LocalName == "NanoFrameworkProjectSystemPath")?.Value;
        if ((string?)first.Attribute("Label") != "Globals" || systemPath != @"$(MSBuildExtensionsPath)\nanoFramework\v1.0\")
        {
            yield return @"the first element must be <PropertyGroup Label=""Globals""> setting NanoFrameworkProjectSystemPath to $(MSBuildExtensionsPath)\nanoFramework\v1.0\";
        }

        List<string> system = project.Imports.Select(i => i.Project).Where(SystemImports.Contains).ToList();
        if (!system.SequenceEqual(SystemImports)) yield return $"the NFProjectSystem imports must appear once each in the order {string.Join(", ", SystemImports)}; found {string.Join(", ", system)}";
        foreach (ImportItem import in project.Imports.Where(i => SystemImports.Contains(i.Project) && i.Condition != $"Exists('{i.Project}')"))
        {
            yield return $"import {import.Project} needs Condition=\"Exists('{import.Project}')\" (dotnet on Linux has no nanoFramework project system)";
        }

        int props = project.Imports.FindIndex(i => i.Project == SystemImports[1]);
        int shared = project.Imports.FindIndex(i => i.Project.EndsWith("nfproj.props", StringComparison.Ordinal));
        int targets = project.Imports.FindIndex(i => i.Project == SystemImports[2]);
        if (shared < 0) yield return "must import the repository's nfproj.props";
        else if (!(shared > props && shared < targets)) yield return "nfproj.props must be imported after NFProjectSystem.props and before NFProjectSystem.CSharp.targets";
        else if (!File.Exists(Path.Combine(project.Directory, project.Imports[shared].Project.Replace('\\', '/')))) yield return $"imported {project.Imports[shared].Project} does not exist";
    }

    /// <summary>Every Compile item exists, none is a wildcard or listed twice, and every .cs of the project's folder is compiled.</summary>
    public static IEnumerable<string> Sources(NfprojFile project)
    {
        var listed = project.CompileItems.Select(i => i.FullPath).ToHashSet(StringComparer.Ordinal);
        foreach (CompileItem item in project.CompileItems)
        {
            if (item.Include.IndexOfAny(new[] { '*', '?' }) >= 0) yield return $"Compile item {item.Include} (in {Path.GetFileName(item.DeclaredIn)}) is a wildcard; nanoFramework needs explicit items";
            else if (!File.Exists(item.FullPath)) yield return $"Compile item {item.Include} (in {Path.GetFileName(item.DeclaredIn)}) names a file that does not exist; create it or remove the item";
        }

        foreach (IGrouping<string, CompileItem> twice in project.CompileItems.GroupBy(i => i.FullPath).Where(g => g.Count() > 1))
        {
            yield return $"{twice.First().Include} is listed {twice.Count()} times";
        }

        foreach (string file in RepoProjects.OwnSources(project.Directory).Where(f => !listed.Contains(f)))
        {
            yield return $"{Path.GetRelativePath(project.Directory, file)} is not compiled; add a <Compile Include=...> item (Core: in NanoThing.Core.projitems)";
        }
    }

    /// <summary>A test project (IsTestProject) is named NFUnitTest, has the TestContainer capability, nano.runsettings and the TestFramework package.</summary>
    public static IEnumerable<string> TestProject(NfprojFile project)
    {
        bool isTest = string.Equals(project.Property("IsTestProject"), "true", StringComparison.OrdinalIgnoreCase);
        if (!isTest)
        {
            if (project.ProjectCapabilities.Contains("TestContainer")) yield return "has the TestContainer capability but IsTestProject is not true";
            yield break;
        }

        if (project.Property("AssemblyName") != "NFUnitTest") yield return "AssemblyName must be NFUnitTest (the unit test launcher loads that assembly)";
        if (!project.ProjectCapabilities.Contains("TestContainer")) yield return "needs <ProjectCapability Include=\"TestContainer\" />";
        string runSettings = Path.Combine(project.Directory, "nano.runsettings");
        if (project.Property("RunSettingsFilePath")?.Replace('\\', '/') != runSettings) yield return @"RunSettingsFilePath must be $(MSBuildProjectDirectory)\nano.runsettings";
        if (!File.Exists(runSettings)) yield return "nano.runsettings is missing";
        else if (XDocument.Load(runSettings).Root!.Element("nanoFrameworkAdapter")?.Element("IsRealHardware") == null) yield return "nano.runsettings needs nanoFrameworkAdapter/IsRealHardware";
        if (!project.Packages.ContainsKey("nanoFramework.TestFramework")) yield return "packages.config needs nanoFramework.TestFramework";
    }

    /// <summary>packages.config exists; each version equals its nfproj.props pin and the version its listing was made from.</summary>
    public static IEnumerable<string> PackagePins(NfprojFile project)
    {
        if (project.Packages.Count == 0) yield return "packages.config is missing or empty";
        foreach ((string id, string version) in project.Packages)
        {
            string property = PinProperty(id);
            string? pinned = project.Property(property);
            if (pinned == null) yield return $"packages.config has {id} but nfproj.props has no <{property}>; add it with the pinned version";
            else if (pinned != version) yield return $"packages.config has {id} {version}, nfproj.props <{property}> has {pinned}";
            foreach (ApiListing listing in ApiListingSet.Repository.Listings.Where(l => l.PackageId == id && l.PackageVersion != version))
            {
                yield return $"packages.config has {id} {version}, but nanoframework-api/{Path.GetFileName(listing.Path)} lists version {listing.PackageVersion}";
            }
        }
    }

    /// <summary>Each Reference's HintPath is $(NanoPackagesDir)&lt;id&gt;.$(pin)\lib\&lt;assembly&gt;.dll of a package in packages.config at that pin, the package that ships it.</summary>
    public static IEnumerable<string> References(NfprojFile project)
    {
        foreach (ReferenceItem reference in project.References)
        {
            Match m = Regex.Match(reference.HintPath ?? "", @"^\$\(NanoPackagesDir\)(?<id>[A-Za-z0-9.]+?)\.\$\((?<property>\w+)\)\\lib\\(?<file>[^\\]+)$");
            if (!m.Success)
            {
                yield return $"Reference {reference.AssemblyName}: HintPath must be $(NanoPackagesDir)<package>.$(Nano...Version)\\lib\\<file>, is '{reference.HintPath}'";
                continue;
            }

            string id = m.Groups["id"].Value, property = m.Groups["property"].Value;
            if (!project.Packages.TryGetValue(id, out string? version)) yield return $"Reference {reference.AssemblyName}: package {id} is not in packages.config";
            else if (project.Property(property) != version) yield return $"Reference {reference.AssemblyName}: $({property}) is not {version}, the packages.config version of {id}";
            if (Path.GetFileNameWithoutExtension(m.Groups["file"].Value) != reference.AssemblyName) yield return $"Reference {reference.AssemblyName}: HintPath names another file, {m.Groups["file"].Value}";
            if (ApiListingSet.Repository.ByAssembly.TryGetValue(reference.AssemblyName, out ApiListing? listing) && listing.PackageId != id)
            {
                yield return $"Reference {reference.AssemblyName}: ships in package {listing.PackageId} (nanoframework-api), not {id}";
            }
        }
    }

    /// <summary>nfproj.props property pinning a package: nanoFramework.System.IO.FileSystem -> NanoSystemIOFileSystemVersion.</summary>
    public static string PinProperty(string packageId)
    {
        string name = packageId.StartsWith("nanoFramework.", StringComparison.Ordinal) ? packageId["nanoFramework.".Length..] : packageId;
        return "Nano" + name.Replace(".", "") + "Version";
    }

    private static string RepoPathsOrAbsolute(string path)
    {
        string relative = RepoPaths.Relative(path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative;
    }
}
