using System.Runtime.InteropServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace NanoThing.Surface.Tests;

/// <summary>
/// Compiles C# in memory the way NanoThing.Core.Host.csproj does: .NET 10 reference assemblies, C# 9,
/// nullable off, no implicit usings, Release. Used to show what a .NET build references.
/// </summary>
public static class HostCompiler
{
    private static readonly Lazy<IReadOnlyList<MetadataReference>> References = new(LoadReferencePack);

    /// <summary>The .NET reference assemblies compiled against.</summary>
    public static IReadOnlyList<MetadataReference> ReferencePack => References.Value;

    /// <summary>The emitted assembly image; throws with the compiler errors when the source does not compile.</summary>
    public static MemoryStream Compile(string assemblyName, params string[] sources) => Compile(assemblyName, Array.Empty<MetadataReference>(), sources);

    /// <summary>As <see cref="Compile(string, string[])"/>, also against <paramref name="references"/> (e.g. the TestFramework host stand-in).</summary>
    public static MemoryStream Compile(string assemblyName, IEnumerable<MetadataReference> references, params string[] sources)
    {
        var parse = new CSharpParseOptions(LanguageVersion.CSharp9);
        CSharpCompilation compilation = CSharpCompilation.Create(
            assemblyName,
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, parse, $"source{i}.cs")),
            References.Value.Concat(references),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release, nullableContextOptions: NullableContextOptions.Disable));
        var image = new MemoryStream();
        var result = compilation.Emit(image);
        if (!result.Success)
        {
            throw new InvalidOperationException("host compilation failed:" + Environment.NewLine
                + string.Join(Environment.NewLine, result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        }

        image.Position = 0;
        return image;
    }

    /// <summary>The Microsoft.NETCore.App reference pack of the running .NET major version.</summary>
    private static IReadOnlyList<MetadataReference> LoadReferencePack()
    {
        string dotnetRoot = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        string packs = Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref");
        string tfm = "net" + Environment.Version.Major + ".0";
        string? refDir = Directory.Exists(packs)
            ? Directory.GetDirectories(packs, Environment.Version.Major + ".*")
                .Select(d => Path.Combine(d, "ref", tfm))
                .Where(Directory.Exists)
                .OrderByDescending(d => d, StringComparer.Ordinal)
                .FirstOrDefault()
            : null;
        if (refDir == null) throw new DirectoryNotFoundException($"no {tfm} reference pack under {packs}; install the .NET {Environment.Version.Major} SDK");
        return Directory.GetFiles(refDir, "*.dll").Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToList();
    }
}
