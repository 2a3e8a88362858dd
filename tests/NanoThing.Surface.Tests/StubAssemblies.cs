using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace NanoThing.Surface.Tests;

/// <summary>
/// Reference assemblies compiled in memory from the listings, one per listed assembly, each against the
/// stubs of its <c># references:</c> (mscorlib with no standard library: it defines <c>System.Object</c>).
/// Built once per test run (<see cref="Repository"/>).
/// <para>
/// The listings omit explicit interface implementations and non-public overrides, so after a first
/// compile every class or struct that leaves an interface member or an inherited abstract member without an
/// implementation gets one (an explicit implementation or a matching override, body <c>throw null</c>) in a
/// second syntax tree, and the assembly is compiled again. <see cref="Errors"/> must stay empty.
/// </para>
/// </summary>
public sealed class StubAssemblies
{
    private static readonly Lazy<StubAssemblies> RepositoryStubs = new(() => Build(ApiListingSet.Repository));

    private static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat;

    private StubAssemblies(IReadOnlyDictionary<string, MetadataReference> references, IReadOnlyDictionary<string, string> sources, IReadOnlyList<string> errors)
    {
        References = references;
        Sources = sources;
        Errors = errors;
    }

    /// <summary>Stubs of the repository's listings, compiled once per test run.</summary>
    public static StubAssemblies Repository => RepositoryStubs.Value;

    /// <summary>The compiled stub per assembly name.</summary>
    public IReadOnlyDictionary<string, MetadataReference> References { get; }

    /// <summary>The generated source per assembly name, fix-ups included (for diagnosis).</summary>
    public IReadOnlyDictionary<string, string> Sources { get; }

    /// <summary>Compiler errors in the stubs themselves, "assembly: error"; expected empty.</summary>
    public IReadOnlyList<string> Errors { get; }

    /// <summary>The stub of <paramref name="assembly"/> and of everything it references, transitively.</summary>
    public IReadOnlyList<MetadataReference> Closure(string assembly, ApiListingSet listings)
    {
        var names = new List<string>();
        AddClosure(assembly, listings, names);
        return names.Select(n => References[n]).ToList();
    }

    /// <summary>Generates and compiles the stubs of every listing.</summary>
    public static StubAssemblies Build(ApiListingSet listings)
    {
        var typeIds = new HashSet<string>(listings.AllDocIds.Where(id => id.StartsWith("T:", StringComparison.Ordinal)), StringComparer.Ordinal);
        var friends = listings.Listings.Select(l => l.Assembly).ToList();
        var references = new Dictionary<string, MetadataReference>(StringComparer.Ordinal);
        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        var errors = new List<string>();
        foreach (ApiListing listing in DependencyOrder(listings))
        {
            var closure = new List<string>();
            foreach (string r in listing.References) AddClosure(r, listings, closure);
            string source = ListingStubGenerator.Generate(listing, friends, typeIds);
            var parse = new CSharpParseOptions(LanguageVersion.Latest);
            SyntaxTree tree = CSharpSyntaxTree.ParseText(source, parse, listing.Assembly + ".stubs.cs", Encoding.UTF8);
            CSharpCompilation compilation = CSharpCompilation.Create(
                listing.Assembly,
                new[] { tree },
                closure.Select(n => references[n]),
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true, nullableContextOptions: NullableContextOptions.Disable,
                    specificDiagnosticOptions: new Dictionary<string, ReportDiagnostic> { ["CS0626"] = ReportDiagnostic.Suppress }));
            string fixups = ImplementationFixups(compilation);
            if (fixups.Length > 0)
            {
                compilation = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(fixups, parse, listing.Assembly + ".fixups.cs", Encoding.UTF8));
                source += fixups;
            }

            using var image = new MemoryStream();
            var result = compilation.Emit(image);
            errors.AddRange(result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => listing.Assembly + ": " + d));
            references[listing.Assembly] = MetadataReference.CreateFromImage(image.ToArray(), filePath: listing.Assembly + ".dll");
            sources[listing.Assembly] = source;
        }

        return new StubAssemblies(references, sources, errors);
    }

    private static void AddClosure(string assembly, ApiListingSet listings, List<string> names)
    {
        if (names.Contains(assembly)) return;
        foreach (string r in listings.Get(assembly).References) AddClosure(r, listings, names);
        names.Add(assembly);
    }

    private static IEnumerable<ApiListing> DependencyOrder(ApiListingSet listings)
    {
        var order = new List<string>();
        foreach (ApiListing listing in listings.Listings) AddClosure(listing.Assembly, listings, order);
        return order.Select(listings.Get);
    }

    /// <summary>Source adding, to each class or struct, what its interfaces and abstract bases require but the listing omits.</summary>
    private static string ImplementationFixups(CSharpCompilation compilation)
    {
        var source = new StringBuilder();
        foreach (INamedTypeSymbol type in AllTypes(compilation.Assembly.GlobalNamespace))
        {
            if (type.TypeKind is not (TypeKind.Class or TypeKind.Struct)) continue;
            var members = new List<string>();
            foreach (INamedTypeSymbol iface in type.AllInterfaces)
            {
                foreach (ISymbol member in iface.GetMembers())
                {
                    if (member.IsStatic || member is ITypeSymbol || member is IMethodSymbol { MethodKind: not MethodKind.Ordinary }) continue;
                    if (type.FindImplementationForInterfaceMember(member) == null) members.Add(Implementation(member, iface.ToDisplayString(TypeFormat) + ".", ""));
                }
            }

            if (!type.IsAbstract && type.TypeKind == TypeKind.Class)
            {
                foreach (ISymbol member in UnimplementedAbstractMembers(type))
                {
                    string access = member.DeclaredAccessibility == Accessibility.Public ? "public" : "protected";
                    members.Add(Implementation(member, "", access + " override "));
                }
            }

            if (members.Count > 0) AppendPartial(source, type, members);
        }

        return source.ToString();
    }

    private static IEnumerable<INamedTypeSymbol> AllTypes(INamespaceOrTypeSymbol container)
    {
        foreach (INamespaceOrTypeSymbol member in container.GetMembers().OfType<INamespaceOrTypeSymbol>())
        {
            if (member is INamedTypeSymbol type) yield return type;
            foreach (INamedTypeSymbol nested in AllTypes(member)) yield return nested;
        }
    }

    private static IEnumerable<ISymbol> UnimplementedAbstractMembers(INamedTypeSymbol type)
    {
        var overridden = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        for (INamedTypeSymbol? t = type; t != null; t = t.BaseType)
        {
            foreach (ISymbol member in t.GetMembers())
            {
                if (member.IsAbstract && !overridden.Contains(member.OriginalDefinition) && t.TypeKind == TypeKind.Class && !SymbolEqualityComparer.Default.Equals(t, type))
                {
                    if (member is not IMethodSymbol { AssociatedSymbol: not null }) yield return member;
                }

                for (ISymbol? o = Overridden(member); o != null; o = Overridden(o)) overridden.Add(o.OriginalDefinition);
            }
        }
    }

    private static ISymbol? Overridden(ISymbol member) => member switch
    {
        IMethodSymbol m => m.OverriddenMethod,
        IPropertySymbol p => p.OverriddenProperty,
        IEventSymbol e => e.OverriddenEvent,
        _ => null,
    };

    private static string Implementation(ISymbol member, string explicitPrefix, string modifiers) => member switch
    {
        IMethodSymbol m => modifiers + Type(m.ReturnType, m.ReturnsVoid) + " " + explicitPrefix + m.Name + "(" + Parameters(m.Parameters) + ") { throw null; }",
        IPropertySymbol p => modifiers + Type(p.Type, false) + " " + explicitPrefix + (p.IsIndexer ? "this[" + Parameters(p.Parameters) + "]" : p.Name) + " {"
            + (p.GetMethod != null ? " get { throw null; }" : "") + (p.SetMethod != null ? " set { throw null; }" : "") + " }",
        IEventSymbol e => modifiers + "event " + Type(e.Type, false) + " " + explicitPrefix + e.Name + " { add { } remove { } }",
        _ => throw new NotSupportedException(member.ToString()),
    };

    private static string Type(ITypeSymbol type, bool isVoid) => isVoid ? "void" : type.ToDisplayString(TypeFormat);

    private static string Parameters(ImmutableArray<IParameterSymbol> parameters) =>
        string.Join(", ", parameters.Select((p, i) => (p.RefKind switch { RefKind.Ref => "ref ", RefKind.Out => "out ", RefKind.In => "in ", _ => "" }) + Type(p.Type, false) + " p" + i));

    private static void AppendPartial(StringBuilder source, INamedTypeSymbol type, List<string> members)
    {
        var chain = new List<INamedTypeSymbol>();
        for (INamedTypeSymbol? t = type; t != null; t = t.ContainingType) chain.Insert(0, t);
        string ns = type.ContainingNamespace.IsGlobalNamespace ? "" : type.ContainingNamespace.ToDisplayString();
        if (ns.Length > 0) source.Append("namespace ").Append(ns).AppendLine(" {");
        foreach (INamedTypeSymbol t in chain) source.Append("partial ").Append(t.TypeKind == TypeKind.Struct ? "struct " : "class ").Append(t.Name).AppendLine(" {");
        foreach (string member in members) source.Append("  ").AppendLine(member);
        source.Append('}', chain.Count).AppendLine();
        if (ns.Length > 0) source.AppendLine("}");
    }
}
