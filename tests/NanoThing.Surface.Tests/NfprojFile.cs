using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace NanoThing.Surface.Tests;

/// <summary>A <c>&lt;Compile Include&gt;</c> item: the file it names and the project file that lists it.</summary>
public sealed record CompileItem(string FullPath, string Include, string DeclaredIn);

/// <summary>A <c>&lt;Reference&gt;</c> item: assembly name (the part of Include before the first comma) and HintPath as written and expanded.</summary>
public sealed record ReferenceItem(string AssemblyName, string Include, string? HintPath, string? ExpandedHintPath);

/// <summary>An <c>&lt;Import&gt;</c> in document order, with its attributes as written.</summary>
public sealed record ImportItem(string Project, string? Condition, string? Label);

/// <summary>
/// What the tests need from a nanoFramework <c>.nfproj</c>, read as XML with a minimal property evaluation
/// (<c>$(MSBuildThisFileDirectory)</c>, <c>$(MSBuildProjectDirectory)</c> and the plain properties of the project
/// and of its imports that exist on disk, e.g. nfproj.props). Imports of the nanoFramework project system
/// (absent on Linux) are recorded but not followed.
/// </summary>
public sealed class NfprojFile
{
    private static readonly Regex PropertyReference = new(@"\$\((\w+)\)", RegexOptions.Compiled);

    private NfprojFile(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        Directory = System.IO.Path.GetDirectoryName(Path)!;
        Document = XDocument.Load(Path);
    }

    /// <summary>Full path of the .nfproj.</summary>
    public string Path { get; }

    /// <summary>The folder of the .nfproj.</summary>
    public string Directory { get; }

    /// <summary>The project XML.</summary>
    public XDocument Document { get; }

    /// <summary>Evaluated properties (later definitions win), including those of imported files that exist.</summary>
    public Dictionary<string, string> Properties { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The project's own imports, in order.</summary>
    public List<ImportItem> Imports { get; } = new();

    /// <summary>Compile items of the project and of the imported shared projects (.projitems).</summary>
    public List<CompileItem> CompileItems { get; } = new();

    /// <summary>Assembly references.</summary>
    public List<ReferenceItem> References { get; } = new();

    /// <summary>Full paths of referenced projects.</summary>
    public List<string> ProjectReferences { get; } = new();

    /// <summary>Values of ProjectCapability items.</summary>
    public List<string> ProjectCapabilities { get; } = new();

    /// <summary>packages.config next to the project: package id -> version (empty when absent).</summary>
    public Dictionary<string, string> Packages { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A property's value, or null.</summary>
    public string? Property(string name) => Properties.TryGetValue(name, out string? value) ? value : null;

    /// <summary>Reads the project, the files it imports from the repository, and its packages.config.</summary>
    public static NfprojFile Load(string path)
    {
        var project = new NfprojFile(path);
        project.Properties["MSBuildProjectDirectory"] = project.Directory;
        project.Read(project.Document, project.Path, isProject: true);
        string packagesConfig = System.IO.Path.Combine(project.Directory, "packages.config");
        if (File.Exists(packagesConfig))
        {
            foreach (XElement package in XDocument.Load(packagesConfig).Root!.Elements("package"))
            {
                project.Packages[(string)package.Attribute("id")!] = (string)package.Attribute("version")!;
            }
        }

        return project;
    }

    private void Read(XDocument document, string file, bool isProject)
    {
        string fileDirectory = System.IO.Path.GetDirectoryName(file)! + System.IO.Path.DirectorySeparatorChar;
        foreach (XElement element in document.Root!.Elements())
        {
            Properties["MSBuildThisFileDirectory"] = fileDirectory;
            switch (element.Name.LocalName)
            {
                case "PropertyGroup":
                    foreach (XElement property in element.Elements())
                    {
                        if (property.Attribute("Condition") == null || !Properties.ContainsKey(property.Name.LocalName))
                        {
                            Properties[property.Name.LocalName] = Expand(property.Value);
                        }
                    }

                    break;
                case "Import":
                    string raw = (string)element.Attribute("Project")!;
                    if (isProject) Imports.Add(new ImportItem(raw, (string?)element.Attribute("Condition"), (string?)element.Attribute("Label")));
                    string target = System.IO.Path.GetFullPath(System.IO.Path.Combine(fileDirectory, Expand(raw).Replace('\\', '/')));
                    if (!raw.Contains("$(NanoFrameworkProjectSystemPath)", StringComparison.Ordinal) && File.Exists(target))
                    {
                        Read(XDocument.Load(target), target, isProject: false);
                        Properties["MSBuildThisFileDirectory"] = fileDirectory;
                    }

                    break;
                case "ItemGroup":
                    ReadItems(element, file, fileDirectory);
                    break;
            }
        }
    }

    private void ReadItems(XElement group, string file, string fileDirectory)
    {
        foreach (XElement item in group.Elements())
        {
            string include = (string?)item.Attribute("Include") ?? "";
            switch (item.Name.LocalName)
            {
                case "Compile":
                    CompileItems.Add(new CompileItem(ResolvePath(fileDirectory, include), include, file));
                    break;
                case "Reference":
                    string? hint = item.Elements().FirstOrDefault(e => e.Name.LocalName == "HintPath")?.Value;
                    References.Add(new ReferenceItem(include.Split(',')[0].Trim(), include, hint, hint == null ? null : ResolvePath(fileDirectory, hint)));
                    break;
                case "ProjectReference":
                    ProjectReferences.Add(ResolvePath(fileDirectory, include));
                    break;
                case "ProjectCapability":
                    ProjectCapabilities.Add(include);
                    break;
            }
        }
    }

    private string ResolvePath(string baseDirectory, string value) =>
        System.IO.Path.GetFullPath(System.IO.Path.Combine(baseDirectory, Expand(value).Replace('\\', '/')));

    private string Expand(string value) =>
        PropertyReference.Replace(value, m => Properties.TryGetValue(m.Groups[1].Value, out string? v) ? v : "");
}
