using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace NanoThing.Surface.Tests;

/// <summary>
/// The .nfproj files have the anatomy that Visual Studio's nanoFramework extension loads and builds
/// (reference/nanoframework.md section 2), agree with packages.config and nfproj.props, list every source,
/// and every project is in the solution (and every .csproj in the host solution filter).
/// </summary>
[TestClass]
public sealed class NfprojAnatomyTests
{
    private const string ProjectTypeGuids = "{11A8DD76-328B-46DF-9F39-F559912D0360};{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}";

    private static readonly string[] SystemImports =
    {
        "$(NanoFrameworkProjectSystemPath)NFProjectSystem.Default.props",
        "$(NanoFrameworkProjectSystemPath)NFProjectSystem.props",
        "$(NanoFrameworkProjectSystemPath)NFProjectSystem.CSharp.targets",
    };

    public static IEnumerable<object[]> Nfprojs => RepoProjects.Nfprojs().Select(p => new object[] { p });

    [TestMethod]
    public void Repository_HasTheThreeNanoFrameworkProjects()
    {
        CollectionAssert.IsSubsetOf(
            new[] { "device-tests/NanoThing.DeviceTests/NanoThing.DeviceTests.nfproj", "firmware/NanoThing.Core/NanoThing.Core.nfproj", "firmware/NanoThing/NanoThing.nfproj" },
            RepoProjects.Nfprojs().ToArray());
    }

    [TestMethod]
    [DynamicData(nameof(Nfprojs))]
    public void Nfproj_HasTheProjectTypeAndTheProjectSystemImportsInOrder(string nfproj)
    {
        NfprojFile project = NfprojFile.Load(RepoPaths.Combine(nfproj));
        XElement first = project.Document.Root!.Elements().First();

        Assert.AreEqual(ProjectTypeGuids, project.Property("ProjectTypeGuids"), $"{nfproj}: ProjectTypeGuids must be the nanoFramework and C# project types");
        Assert.AreEqual("Globals", (string?)first.Attribute("Label"), $"{nfproj}: the first element must be the Globals PropertyGroup");
        Assert.AreEqual(@"$(MSBuildExtensionsPath)\nanoFramework\v1.0\", first.Elements().Single(e => e.Name.LocalName == "NanoFrameworkProjectSystemPath").Value, $"{nfproj}: NanoFrameworkProjectSystemPath");
        List<ImportItem> system = project.Imports.Where(i => SystemImports.Contains(i.Project)).ToList();
        CollectionAssert.AreEqual(SystemImports, system.Select(i => i.Project).ToArray(), $"{nfproj}: the NFProjectSystem imports must appear once each, in this order");
        foreach (ImportItem import in system)
        {
            Assert.AreEqual($"Exists('{import.Project}')", import.Condition, $"{nfproj}: import {import.Project} must be conditioned on Exists (dotnet on Linux has no nanoFramework project system)");
        }

        int props = project.Imports.FindIndex(i => i.Project == SystemImports[1]);
        int shared = project.Imports.FindIndex(i => i.Project.EndsWith("nfproj.props", StringComparison.Ordinal));
        int targets = project.Imports.FindIndex(i => i.Project == SystemImports[2]);
        Assert.IsTrue(shared > props && shared < targets, $"{nfproj}: nfproj.props must be imported after NFProjectSystem.props and before NFProjectSystem.CSharp.targets");
        Assert.AreEqual(RepoPaths.Combine("nfproj.props"), Path.GetFullPath(Path.Combine(project.Directory, project.Imports[shared].Project.Replace('\\', '/'))), $"{nfproj}: import the repository's nfproj.props");
    }

    [TestMethod]
    [DynamicData(nameof(Nfprojs))]
    public void Nfproj_CompilesExactlyItsOwnSources(string nfproj)
    {
        NfprojFile project = NfprojFile.Load(RepoPaths.Combine(nfproj));
        var listed = project.CompileItems.Select(i => i.FullPath).ToList();

        string[] missing = project.CompileItems.Where(i => !File.Exists(i.FullPath)).Select(i => $"{RepoPaths.Relative(i.DeclaredIn)}: {i.Include}").ToArray();
        string[] wildcards = project.CompileItems.Where(i => i.Include.IndexOfAny(new[] { '*', '?' }) >= 0).Select(i => i.Include).ToArray();
        string[] unlisted = RepoProjects.OwnSources(project.Directory).Where(f => !listed.Contains(f)).Select(RepoPaths.Relative).ToArray();
        string[] duplicates = listed.GroupBy(f => f).Where(g => g.Count() > 1).Select(g => RepoPaths.Relative(g.Key)).ToArray();

        Assert.AreEqual(0, missing.Length, $"Compile items naming files that do not exist (create them or remove the items):{Environment.NewLine}{string.Join(Environment.NewLine, missing)}");
        Assert.AreEqual(0, wildcards.Length, $"{nfproj}: nanoFramework needs explicit Compile items, not wildcards: {string.Join(", ", wildcards)}");
        Assert.AreEqual(0, unlisted.Length, $"{nfproj} does not compile these files; add a <Compile Include=...> line for each (Core: in NanoThing.Core.projitems):{Environment.NewLine}{string.Join(Environment.NewLine, unlisted)}");
        Assert.AreEqual(0, duplicates.Length, $"{nfproj} lists these files twice: {string.Join(", ", duplicates)}");
    }

    [TestMethod]
    public void CoreSources_AreListedInTheSharedProjectItems()
    {
        string core = RepoPaths.Combine("firmware/NanoThing.Core");
        var items = XDocument.Load(Path.Combine(core, "NanoThing.Core.projitems")).Descendants().Where(e => e.Name.LocalName == "Compile")
            .Select(e => Path.GetFullPath(Path.Combine(core, ((string)e.Attribute("Include")!).Replace("$(MSBuildThisFileDirectory)", "").Replace('\\', '/'))))
            .ToList();
        string[] notShared = RepoProjects.OwnSources(core)
            .Where(f => !RepoPaths.Relative(f).StartsWith("firmware/NanoThing.Core/Properties/", StringComparison.Ordinal) && !items.Contains(f))
            .Select(RepoPaths.Relative).ToArray();

        Assert.IsTrue(items.Count > 0, "NanoThing.Core.projitems has no Compile item");
        Assert.AreEqual(0, notShared.Length, $"add these to NanoThing.Core.projitems (the host build compiles only its items):{Environment.NewLine}{string.Join(Environment.NewLine, notShared)}");
        string[] names = items.Select(RepoPaths.Relative).ToArray();
        string[] sorted = names.OrderBy(n => n, StringComparer.OrdinalIgnoreCase).ToArray();
        string? firstOutOfOrder = names.Where((n, i) => n != sorted[i]).FirstOrDefault();
        Assert.IsNull(firstOutOfOrder, $"keep NanoThing.Core.projitems sorted (case-insensitive): {firstOutOfOrder} is out of place");
    }

    [TestMethod]
    [DynamicData(nameof(Nfprojs))]
    public void TestProjects_AreNamedNFUnitTestWithRunSettings(string nfproj)
    {
        NfprojFile project = NfprojFile.Load(RepoPaths.Combine(nfproj));
        if (!string.Equals(project.Property("IsTestProject"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.IsFalse(project.ProjectCapabilities.Contains("TestContainer"), $"{nfproj}: TestContainer capability without IsTestProject");
            return;
        }

        Assert.AreEqual("NFUnitTest", project.Property("AssemblyName"), $"{nfproj}: the unit test launcher loads the assembly 'NFUnitTest'");
        CollectionAssert.Contains(project.ProjectCapabilities, "TestContainer", $"{nfproj}: needs <ProjectCapability Include=\"TestContainer\" />");
        Assert.AreEqual(Path.Combine(project.Directory, "nano.runsettings"), project.Property("RunSettingsFilePath")?.Replace('\\', '/'), $"{nfproj}: RunSettingsFilePath must be $(MSBuildProjectDirectory)\\nano.runsettings");
        XDocument settings = XDocument.Load(Path.Combine(project.Directory, "nano.runsettings"));
        Assert.IsNotNull(settings.Root!.Element("nanoFrameworkAdapter")?.Element("IsRealHardware"), $"{nfproj}: nano.runsettings needs nanoFrameworkAdapter/IsRealHardware");
        Assert.IsTrue(project.Packages.ContainsKey("nanoFramework.TestFramework"), $"{nfproj}: packages.config needs nanoFramework.TestFramework");
    }

    [TestMethod]
    [DynamicData(nameof(Nfprojs))]
    public void PackagesConfig_PinsTheVersionsOfNfprojProps(string nfproj)
    {
        NfprojFile project = NfprojFile.Load(RepoPaths.Combine(nfproj));
        var problems = new List<string>();
        Assert.IsTrue(project.Packages.Count > 0, $"{nfproj}: packages.config is missing or empty");
        foreach ((string id, string version) in project.Packages)
        {
            string property = PinProperty(id);
            string? pinned = project.Property(property);
            if (pinned == null) problems.Add($"{id}: nfproj.props has no <{property}>; add it with the pinned version");
            else if (pinned != version) problems.Add($"{id}: packages.config has {version}, nfproj.props <{property}> has {pinned}");
            foreach (ApiListing listing in ApiListingSet.Repository.Listings.Where(l => l.PackageId == id && l.PackageVersion != version))
            {
                problems.Add($"{id}: packages.config has {version}, but nanoframework-api/{Path.GetFileName(listing.Path)} lists version {listing.PackageVersion}");
            }
        }

        Assert.AreEqual(0, problems.Count, $"{nfproj}/packages.config:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
    }

    [TestMethod]
    [DynamicData(nameof(Nfprojs))]
    public void References_PointIntoPinnedPackagesOfPackagesConfig(string nfproj)
    {
        NfprojFile project = NfprojFile.Load(RepoPaths.Combine(nfproj));
        var problems = new List<string>();
        foreach (ReferenceItem reference in project.References)
        {
            Match m = Regex.Match(reference.HintPath ?? "", @"^\$\(NanoPackagesDir\)(?<id>[A-Za-z0-9.]+?)\.\$\((?<property>\w+)\)\\lib\\(?<file>[^\\]+)$");
            if (!m.Success)
            {
                problems.Add($"{reference.AssemblyName}: HintPath must be $(NanoPackagesDir)<package>.$(Nano...Version)\\lib\\<file>, is '{reference.HintPath}'");
                continue;
            }

            string id = m.Groups["id"].Value;
            if (!project.Packages.TryGetValue(id, out string? version)) problems.Add($"{reference.AssemblyName}: package {id} is not in packages.config");
            else if (project.Property(m.Groups["property"].Value) != version) problems.Add($"{reference.AssemblyName}: $({m.Groups["property"].Value}) is not the packages.config version {version} of {id}");
            if (Path.GetFileNameWithoutExtension(m.Groups["file"].Value) != reference.AssemblyName) problems.Add($"{reference.AssemblyName}: HintPath names another file, {m.Groups["file"].Value}");
            if (ApiListingSet.Repository.ByAssembly.TryGetValue(reference.AssemblyName, out ApiListing? listing) && listing.PackageId != id)
            {
                problems.Add($"{reference.AssemblyName}: ships in package {listing.PackageId} (nanoframework-api), not {id}");
            }
        }

        Assert.AreEqual(0, problems.Count, $"{nfproj} references:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
    }

    [TestMethod]
    public void EveryProject_IsInTheSolution_AndEveryCsproj_InTheHostFilter()
    {
        string solution = File.ReadAllText(RepoPaths.Combine("NanoThing.sln"));
        var inSolution = Regex.Matches(solution, @"^Project\(""\{[^}]+\}""\) = ""[^""]+"", ""(?<path>[^""]+)""", RegexOptions.Multiline)
            .Select(m => m.Groups["path"].Value.Replace('\\', '/')).ToHashSet(StringComparer.Ordinal);
        using JsonDocument filter = JsonDocument.Parse(File.ReadAllText(RepoPaths.Combine("NanoThing.Host.slnf")));
        var inFilter = filter.RootElement.GetProperty("solution").GetProperty("projects").EnumerateArray()
            .Select(p => p.GetString()!.Replace('\\', '/')).ToHashSet(StringComparer.Ordinal);

        string[] notInSolution = RepoProjects.All().Where(p => !inSolution.Contains(p)).ToArray();
        string[] notInFilter = RepoProjects.All().Where(p => p.EndsWith(".csproj", StringComparison.Ordinal) && !inFilter.Contains(p)).ToArray();
        string[] filterWithoutProject = inFilter.Where(p => !File.Exists(RepoPaths.Combine(p))).ToArray();

        Assert.AreEqual(0, notInSolution.Length, $"add to NanoThing.sln (dotnet sln add): {string.Join(", ", notInSolution)}");
        Assert.AreEqual(0, notInFilter.Length, $"add to NanoThing.Host.slnf: {string.Join(", ", notInFilter)}");
        Assert.AreEqual(0, filterWithoutProject.Length, $"NanoThing.Host.slnf names projects that do not exist: {string.Join(", ", filterWithoutProject)}");
    }

    /// <summary>nfproj.props property pinning a package: nanoFramework.System.IO.FileSystem -> NanoSystemIOFileSystemVersion.</summary>
    private static string PinProperty(string packageId)
    {
        string name = packageId.StartsWith("nanoFramework.", StringComparison.Ordinal) ? packageId["nanoFramework.".Length..] : packageId;
        return "Nano" + name.Replace(".", "") + "Version";
    }
}
