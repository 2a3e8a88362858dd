using System.Collections.Concurrent;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace NanoThing.Surface.Tests;

/// <summary>
/// Compiles a nanoFramework project on Linux the way its device build binds: its Compile items (including
/// imported .projitems) with the project's LangVersion and the Release symbols <c>TRACE;NANOFRAMEWORK_1_0</c>,
/// against the stubs (<see cref="StubAssemblies"/>) of exactly the assemblies its <c>&lt;Reference&gt;</c> items name
/// (nanoFramework's mscorlib instead of .NET's) plus its ProjectReferences, compiled the same way first.
/// Any error means the device build would fail too (an unknown API, a wrong overload or parameter type,
/// a reference the project lacks, a listed file that is missing).
/// </summary>
public static class SurfaceCompiler
{
    /// <summary>Release preprocessor symbols of a nanoFramework build (NFProjectSystem.Default.props and .CSharp.targets).</summary>
    public static readonly IReadOnlyList<string> PreprocessorSymbols = new[] { "TRACE", "NANOFRAMEWORK_1_0" };

    /// <summary>Referenced assemblies that carry no API the code may call, so have no listing (the test launcher executable).</summary>
    public static readonly IReadOnlyDictionary<string, string> AssembliesWithoutListing = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["nanoFramework.UnitTestLauncher"] = "the unit test launcher executable of the TestFramework package; tests do not call it",
    };

    private static readonly ConcurrentDictionary<string, Lazy<SurfaceCompilation>> Projects = new(StringComparer.Ordinal);

    /// <summary>Compiles the project at <paramref name="nfprojPath"/> (cached per test run; referenced projects first).</summary>
    public static SurfaceCompilation CompileProject(string nfprojPath) =>
        Projects.GetOrAdd(Path.GetFullPath(nfprojPath), p => new Lazy<SurfaceCompilation>(() => Compile(NfprojFile.Load(p)))).Value;

    /// <summary>Compiles <paramref name="project"/> with extra sources added (path, text), e.g. to show that a mistake fails.</summary>
    public static SurfaceCompilation Compile(NfprojFile project, params (string Path, string Text)[] extraSources)
    {
        var problems = new List<string>();
        var references = new List<MetadataReference>();
        foreach (string referenced in project.ProjectReferences)
        {
            if (!File.Exists(referenced))
            {
                problems.Add($"{RepoPaths.Relative(project.Path)}: ProjectReference {RepoPaths.Relative(referenced)} does not exist");
                continue;
            }

            SurfaceCompilation dependency = CompileProject(referenced);
            problems.AddRange(dependency.Errors);
            if (dependency.Reference != null) references.Add(dependency.Reference);
        }

        foreach (ReferenceItem reference in project.References)
        {
            if (StubAssemblies.Repository.References.TryGetValue(reference.AssemblyName, out MetadataReference? stub)) references.Add(stub);
            else if (!AssembliesWithoutListing.ContainsKey(reference.AssemblyName))
            {
                problems.Add($"{RepoPaths.Relative(project.Path)}: Reference {reference.AssemblyName} has no listing in nanoframework-api/; add its listing or remove the reference");
            }
        }

        var sources = new List<(string Path, string Text)>();
        foreach (CompileItem item in project.CompileItems)
        {
            if (File.Exists(item.FullPath)) sources.Add((item.FullPath, File.ReadAllText(item.FullPath)));
            else problems.Add($"{RepoPaths.Relative(item.DeclaredIn)}: Compile item {item.Include} does not exist ({RepoPaths.Relative(item.FullPath)}); create the file or remove the item");
        }

        sources.AddRange(extraSources);
        string name = project.Property("AssemblyName") ?? Path.GetFileNameWithoutExtension(project.Path);
        OutputKind kind = string.Equals(project.Property("OutputType"), "Exe", StringComparison.OrdinalIgnoreCase) ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary;
        bool unsafeCode = string.Equals(project.Property("AllowUnsafeBlocks"), "true", StringComparison.OrdinalIgnoreCase);
        if (!LanguageVersionFacts.TryParse(project.Property("LangVersion") ?? "9.0", out LanguageVersion language)) language = LanguageVersion.CSharp9;
        SurfaceCompilation result = Compile(name, kind, language, unsafeCode, sources, references);
        return problems.Count == 0 ? result : result with { Errors = problems.Concat(result.Errors).ToList() };
    }

    /// <summary>Compiles sources against the given references (stubs and projects); the core of <see cref="Compile(NfprojFile, ValueTuple{string, string}[])"/>.</summary>
    public static SurfaceCompilation Compile(string assemblyName, OutputKind kind, LanguageVersion language, bool allowUnsafe, IEnumerable<(string Path, string Text)> sources, IEnumerable<MetadataReference> references)
    {
        var parse = new CSharpParseOptions(language, preprocessorSymbols: PreprocessorSymbols);
        CSharpCompilation compilation = CSharpCompilation.Create(
            assemblyName,
            sources.Select(s => CSharpSyntaxTree.ParseText(SourceText.From(s.Text, Encoding.UTF8), parse, s.Path)),
            references,
            new CSharpCompilationOptions(kind, optimizationLevel: OptimizationLevel.Release, allowUnsafe: allowUnsafe, nullableContextOptions: NullableContextOptions.Disable));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        List<string> errors = emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(Format).ToList();
        List<string> warnings = emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning).Select(Format).ToList();
        byte[]? bytes = emitted.Success ? image.ToArray() : null;
        return new SurfaceCompilation(assemblyName, errors, warnings, bytes);
    }

    /// <summary>"path/from/repo/File.cs(line,col): error CSxxxx: message".</summary>
    public static string Format(Diagnostic diagnostic)
    {
        FileLinePositionSpan span = diagnostic.Location.GetLineSpan();
        string where = span.Path.Length == 0 ? "" : $"{(Path.IsPathRooted(span.Path) ? RepoPaths.Relative(span.Path) : span.Path)}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}): ";
        return $"{where}{diagnostic.Severity.ToString().ToLowerInvariant()} {diagnostic.Id}: {diagnostic.GetMessage()}";
    }
}

/// <summary>The outcome of a <see cref="SurfaceCompiler"/> compile.</summary>
/// <param name="AssemblyName">The compiled assembly's name.</param>
/// <param name="Errors">Compiler errors and project problems (missing files, references without listing), each naming file and line.</param>
/// <param name="Warnings">Compiler warnings (e.g. use of an [Obsolete] nanoFramework API).</param>
/// <param name="Image">The emitted assembly, null when compilation failed.</param>
public sealed record SurfaceCompilation(string AssemblyName, IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings, byte[]? Image)
{
    /// <summary>True when there is no error.</summary>
    public bool Success => Errors.Count == 0 && Image != null;

    /// <summary>The emitted assembly as a reference for projects that reference this one.</summary>
    public MetadataReference? Reference => Image == null ? null : MetadataReference.CreateFromImage(Image, filePath: AssemblyName + ".dll");

    /// <summary>A test failure message: what failed and every error, one per line.</summary>
    public string Describe() =>
        $"{AssemblyName} does not compile against the nanoFramework API listings ({Errors.Count} error(s)); the device build would fail the same way:"
        + Environment.NewLine + string.Join(Environment.NewLine, Errors.Select(e => "  " + e));
}
