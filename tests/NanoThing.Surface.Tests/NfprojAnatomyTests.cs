using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace NanoThing.Surface.Tests;

/// <summary>
/// The .nfproj files have the anatomy that Visual Studio's nanoFramework extension loads and builds
/// (<see cref="NfprojAnatomy"/>), Core's sources are all in its shared project, and every project is in
/// the solution (every .csproj also in the host solution filter).
/// </summary>
[TestClass]
public sealed class NfprojAnatomyTests
{
    public static IEnumerable<object[]> Nfprojs => RepoProjects.Nfprojs().Select(p => new object[] { p });

    /// <summary>The device-test assemblies, split by concern so that each stays far under MetadataProcessor's 65,535-byte string table.</summary>
    public static readonly string[] DeviceTestAssemblies = { "Agent", "Board", "Json", "Shadow", "State", "Telemetry" };

    [TestMethod]
    public void Repository_HasCoreTheAppAndEveryDeviceTestAssembly()
    {
        CollectionAssert.IsSubsetOf(
            DeviceTestAssemblies.Select(c => $"device-tests/NanoThing.DeviceTests.{c}/NanoThing.DeviceTests.{c}.nfproj")
                .Concat(new[] { "firmware/NanoThing.Core/NanoThing.Core.nfproj", "firmware/NanoThing/NanoThing.nfproj" }).ToArray(),
            RepoProjects.Nfprojs().ToArray());
    }

    [TestMethod]
    public void EveryDeviceTestNfproj_HasAHostProject_AndImportsTheSharedTestSupport()
    {
        string[] nfprojs = RepoProjects.Nfprojs().Where(p => p.StartsWith("device-tests/NanoThing.DeviceTests.", StringComparison.Ordinal)).ToArray();
        string[] concerns = nfprojs.Select(p => Path.GetFileNameWithoutExtension(p)["NanoThing.DeviceTests.".Length..]).OrderBy(c => c, StringComparer.Ordinal).ToArray();

        CollectionAssert.AreEqual(DeviceTestAssemblies, concerns, "device-test assemblies on disk: " + string.Join(", ", concerns));
        foreach (string nfproj in nfprojs)
        {
            string name = Path.GetFileNameWithoutExtension(nfproj);
            string host = $"{Path.GetDirectoryName(nfproj)!.Replace('\\', '/')}/host/{name}.Host.csproj";
            Assert.IsTrue(File.Exists(RepoPaths.Combine(host)), $"{nfproj} has no host project {host} (it imports ../../host/DeviceTests.Host.props)");
            NfprojFile project = NfprojFile.Load(RepoPaths.Combine(nfproj));
            Assert.IsTrue(project.CompileItems.Any(i => i.DeclaredIn.EndsWith("NanoThing.DeviceTests.Support.projitems", StringComparison.Ordinal)),
                $"{nfproj} must import ..\\NanoThing.DeviceTests.Support\\NanoThing.DeviceTests.Support.projitems (Label=\"Shared\")");
        }
    }

    [TestMethod]
    [DynamicData(nameof(Nfprojs))]
    public void Nfproj_HasTheExpectedAnatomy(string nfproj)
    {
        IReadOnlyList<string> problems = NfprojAnatomy.Check(NfprojFile.Load(RepoPaths.Combine(nfproj)));

        Assert.AreEqual(0, problems.Count, string.Join(Environment.NewLine, problems));
    }

    [TestMethod]
    public void BrokenNfproj_HasEveryProblemReported()
    {
        string root = Directory.CreateTempSubdirectory("nfproj-anatomy-").FullName;
        try
        {
            File.Copy(RepoPaths.Combine("nfproj.props"), Path.Combine(root, "nfproj.props"));
            string dir = Directory.CreateDirectory(Path.Combine(root, "firmware", "Broken")).FullName;
            File.WriteAllText(Path.Combine(dir, "Broken.nfproj"), BrokenTestProject);
            Directory.CreateDirectory(Path.Combine(dir, "Properties"));
            File.WriteAllText(Path.Combine(dir, "Properties", "AssemblyInfo.cs"), "");
            File.WriteAllText(Path.Combine(dir, "packages.config"), BrokenPackagesConfig);
            File.WriteAllText(Path.Combine(dir, "Forgotten.cs"), "");
            NfprojFile project = NfprojFile.Load(Path.Combine(dir, "Broken.nfproj"));

            string[] problems = NfprojAnatomy.Check(project).Select(p => p[(project.Path.Length + 2)..]).ToArray();

            string[] expected =
            {
                "ProjectTypeGuids must be {11A8DD76-328B-46DF-9F39-F559912D0360};{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}, is '{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}'",
                "Compile item Gone.cs (in Broken.nfproj) names a file that does not exist; create it or remove the item",
                "Forgotten.cs is not compiled; add a <Compile Include=...> item (Core: in NanoThing.Core.projitems)",
                "AssemblyName must be NFUnitTest (the unit test launcher loads that assembly)",
                "nano.runsettings is missing",
                "packages.config has nanoFramework.TestFramework 3.0.77, nfproj.props <NanoTestFrameworkVersion> has 3.0.80",
                "packages.config has nanoFramework.TestFramework 3.0.77, but nanoframework-api/nanoFramework.TestFramework.api.txt lists version 3.0.80",
                "Reference System.Math: package nanoFramework.System.Maths is not in packages.config",
                "Reference System.Math: ships in package nanoFramework.System.Math (nanoframework-api), not nanoFramework.System.Maths",
                "Reference nanoFramework.TestFramework: $(NanoTestFrameworkVersion) is not 3.0.77, the packages.config version of nanoFramework.TestFramework",
            };
            Assert.AreEqual(string.Join(Environment.NewLine, expected), string.Join(Environment.NewLine, problems));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>A test project with a C#-only project type, a missing source, the wrong assembly name and a misspelt package in a HintPath.</summary>
    private const string BrokenTestProject = """
        <?xml version="1.0" encoding="utf-8"?>
        <Project ToolsVersion="Current" DefaultTargets="Build" xmlns="http://schemas.microsoft.com/developer/msbuild/2003">
          <PropertyGroup Label="Globals">
            <NanoFrameworkProjectSystemPath>$(MSBuildExtensionsPath)\nanoFramework\v1.0\</NanoFrameworkProjectSystemPath>
          </PropertyGroup>
          <Import Project="$(NanoFrameworkProjectSystemPath)NFProjectSystem.Default.props" Condition="Exists('$(NanoFrameworkProjectSystemPath)NFProjectSystem.Default.props')" />
          <ItemGroup>
            <ProjectCapability Include="TestContainer" />
          </ItemGroup>
          <PropertyGroup>
            <ProjectTypeGuids>{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}</ProjectTypeGuids>
            <OutputType>Library</OutputType>
            <AssemblyName>Broken</AssemblyName>
            <IsTestProject>true</IsTestProject>
          </PropertyGroup>
          <Import Project="$(NanoFrameworkProjectSystemPath)NFProjectSystem.props" Condition="Exists('$(NanoFrameworkProjectSystemPath)NFProjectSystem.props')" />
          <Import Project="..\..\nfproj.props" />
          <PropertyGroup>
            <RunSettingsFilePath>$(MSBuildProjectDirectory)\nano.runsettings</RunSettingsFilePath>
          </PropertyGroup>
          <ItemGroup>
            <Compile Include="Gone.cs" />
            <Compile Include="Properties\AssemblyInfo.cs" />
          </ItemGroup>
          <ItemGroup>
            <Reference Include="System.Math, Version=1.5.116.0, Culture=neutral, PublicKeyToken=c07d481e9758c731">
              <HintPath>$(NanoPackagesDir)nanoFramework.System.Maths.$(NanoSystemMathVersion)\lib\System.Math.dll</HintPath>
            </Reference>
            <Reference Include="nanoFramework.TestFramework, Version=3.0.80.0, Culture=neutral, PublicKeyToken=c07d481e9758c731">
              <HintPath>$(NanoPackagesDir)nanoFramework.TestFramework.$(NanoTestFrameworkVersion)\lib\nanoFramework.TestFramework.dll</HintPath>
            </Reference>
          </ItemGroup>
          <Import Project="$(NanoFrameworkProjectSystemPath)NFProjectSystem.CSharp.targets" Condition="Exists('$(NanoFrameworkProjectSystemPath)NFProjectSystem.CSharp.targets')" />
        </Project>
        """;

    private const string BrokenPackagesConfig = """
        <?xml version="1.0" encoding="utf-8"?>
        <packages>
          <package id="nanoFramework.CoreLibrary" version="1.17.11" targetFramework="netnano1.0" />
          <package id="nanoFramework.System.Math" version="1.5.116" targetFramework="netnano1.0" />
          <package id="nanoFramework.TestFramework" version="3.0.77" targetFramework="netnano1.0" developmentDependency="true" />
        </packages>
        """;

    [TestMethod]
    public void BrokenImports_AreReported()
    {
        string root = Directory.CreateTempSubdirectory("nfproj-imports-").FullName;
        try
        {
            string path = Path.Combine(root, "Swapped.nfproj");
            XDocument document = XDocument.Load(RepoPaths.Combine("firmware/NanoThing/NanoThing.nfproj"));
            XElement[] imports = document.Root!.Elements().Where(e => e.Name.LocalName == "Import").ToArray();
            imports[0].SetAttributeValue("Condition", null);
            imports[1].SetAttributeValue("Project", NfprojAnatomy.SystemImports[2]);
            imports[^1].SetAttributeValue("Project", NfprojAnatomy.SystemImports[1]);
            document.Save(path);

            string[] problems = NfprojAnatomy.Structure(NfprojFile.Load(path)).ToArray();

            CollectionAssert.AreEqual(
                new[]
                {
                    "the NFProjectSystem imports must appear once each in the order $(NanoFrameworkProjectSystemPath)NFProjectSystem.Default.props, $(NanoFrameworkProjectSystemPath)NFProjectSystem.props, $(NanoFrameworkProjectSystemPath)NFProjectSystem.CSharp.targets; found $(NanoFrameworkProjectSystemPath)NFProjectSystem.Default.props, $(NanoFrameworkProjectSystemPath)NFProjectSystem.CSharp.targets, $(NanoFrameworkProjectSystemPath)NFProjectSystem.props",
                    "import $(NanoFrameworkProjectSystemPath)NFProjectSystem.Default.props needs Condition=\"Exists('$(NanoFrameworkProjectSystemPath)NFProjectSystem.Default.props')\" (dotnet on Linux has no nanoFramework project system)",
                    "import $(NanoFrameworkProjectSystemPath)NFProjectSystem.CSharp.targets needs Condition=\"Exists('$(NanoFrameworkProjectSystemPath)NFProjectSystem.CSharp.targets')\" (dotnet on Linux has no nanoFramework project system)",
                    "import $(NanoFrameworkProjectSystemPath)NFProjectSystem.props needs Condition=\"Exists('$(NanoFrameworkProjectSystemPath)NFProjectSystem.props')\" (dotnet on Linux has no nanoFramework project system)",
                    "nfproj.props must be imported after NFProjectSystem.props and before NFProjectSystem.CSharp.targets",
                },
                problems,
                string.Join(Environment.NewLine, problems));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    public static IEnumerable<object[]> SharedProjects => new[]
    {
        new object[] { "firmware/NanoThing.Core/NanoThing.Core.projitems" },
        new object[] { "device-tests/NanoThing.DeviceTests.Support/NanoThing.DeviceTests.Support.projitems" },
    };

    [TestMethod]
    [DynamicData(nameof(SharedProjects))]
    public void SharedSources_AreListedInTheSharedProjectItems(string projitems)
    {
        string folder = Path.GetDirectoryName(RepoPaths.Combine(projitems))!;
        string file = Path.GetFileName(projitems);
        string properties = RepoPaths.Relative(Path.Combine(folder, "Properties")) + "/";
        var items = XDocument.Load(RepoPaths.Combine(projitems)).Descendants().Where(e => e.Name.LocalName == "Compile")
            .Select(e => Path.GetFullPath(Path.Combine(folder, ((string)e.Attribute("Include")!).Replace("$(MSBuildThisFileDirectory)", "").Replace('\\', '/'))))
            .ToList();
        string[] notShared = RepoProjects.OwnSources(folder)
            .Where(f => !RepoPaths.Relative(f).StartsWith(properties, StringComparison.Ordinal) && !items.Contains(f))
            .Select(RepoPaths.Relative).ToArray();

        Assert.IsTrue(items.Count > 0, $"{file} has no Compile item");
        Assert.AreEqual(0, notShared.Length, $"add these to {file} (the host build compiles only its items):{Environment.NewLine}{string.Join(Environment.NewLine, notShared)}");
        string[] names = items.Select(RepoPaths.Relative).ToArray();
        string[] sorted = names.OrderBy(n => n, StringComparer.OrdinalIgnoreCase).ToArray();
        string? firstOutOfOrder = names.Where((n, i) => n != sorted[i]).FirstOrDefault();
        Assert.IsNull(firstOutOfOrder, $"keep {file} sorted (case-insensitive): {firstOutOfOrder} is out of place");
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
}
