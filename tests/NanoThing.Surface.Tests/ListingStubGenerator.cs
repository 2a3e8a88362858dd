using System.Text;
using System.Text.RegularExpressions;

namespace NanoThing.Surface.Tests;

/// <summary>
/// Turns one listing's declaration column into C# source that declares the same public surface, every body
/// <c>throw null</c>: namespaces, (nested) types with their modifiers, bases and interfaces, constructors,
/// methods, operators, conversions, properties, indexers, events, fields, constants and enum members,
/// with parameter modifiers and default values as listed. The result compiles into a reference assembly
/// of the listed name (see <see cref="StubAssemblies"/>).
/// <para>
/// Additions that keep the stubs compilable without widening what user code may use:
/// every type is <c>partial</c> (so <see cref="StubAssemblies"/> can add explicit implementations of interface
/// members the listings omit); a class without a listed parameterless constructor gets an
/// <c>internal</c> one (the listed class has only non-public ones, which derived listed classes in other
/// assemblies reach as friends; the stubs declare each other <c>InternalsVisibleTo</c>); <c>extern</c> is
/// dropped (a stub has a body); <c>System.Attribute</c> gets <c>AttributeUsage(All, AllowMultiple = true)</c>
/// because the listings do not carry attribute usages (so a misplaced or repeated attribute is not caught);
/// an indexer whose doc ID is not named Item (<c>String.Chars</c>) gets its <c>IndexerName</c>.
/// </para>
/// </summary>
public static class ListingStubGenerator
{
    private static readonly Regex TypeDeclaration = new(
        @"^(?<mods>(?:(?:public|protected|internal|private|static|abstract|sealed|readonly|ref|new) )*)(?<kind>class|struct|interface|enum|delegate) (?<rest>.+)$",
        RegexOptions.Compiled);

    /// <summary>The first namespace segments of all listed types; written with <c>global::</c> in the stubs.</summary>
    private static readonly string[] RootNamespaces = { "System", "nanoFramework", "TestFrameworkShared" };

    private static readonly Regex RootNamespace = new(@"(?<![\w.:])(" + string.Join("|", RootNamespaces) + @")\.", RegexOptions.Compiled);
    private static readonly Regex VoidType = new(@"(?<![\w.:])System\.Void(?![\w.])", RegexOptions.Compiled);
    private static readonly Regex Extern = new(@"\bextern ", RegexOptions.Compiled);

    /// <summary>[Obsolete] entries whose attribute has error: true (the listings drop the flag; nanoframework-api/README.md names these).</summary>
    private static readonly HashSet<string> ObsoleteAsError = new(StringComparer.Ordinal) { "F:System.DateTimeKind.Local" };

    private static readonly Dictionary<string, string> EnumUnderlying = new(StringComparer.Ordinal)
    {
        ["System.Byte"] = "byte", ["System.SByte"] = "sbyte", ["System.Int16"] = "short", ["System.UInt16"] = "ushort",
        ["System.Int32"] = "int", ["System.UInt32"] = "uint", ["System.Int64"] = "long", ["System.UInt64"] = "ulong",
    };

    private static readonly HashSet<string> ConstantTypes = new(StringComparer.Ordinal)
    {
        "System.Boolean", "System.Char", "System.String", "System.Single", "System.Double", "System.Object",
        "System.Byte", "System.SByte", "System.Int16", "System.UInt16", "System.Int32", "System.UInt32", "System.Int64", "System.UInt64",
    };

    /// <summary>C# source declaring the surface of <paramref name="listing"/>.</summary>
    /// <param name="listing">The listing to declare.</param>
    /// <param name="friends">Assemblies to name in <c>InternalsVisibleTo</c> (the other stub assemblies).</param>
    /// <param name="allTypeIds">Every listed <c>T:</c> ID of all listings, to tell nested types from namespaces.</param>
    public static string Generate(ApiListing listing, IEnumerable<string> friends, IReadOnlySet<string> allTypeIds)
    {
        string? unknownRoot = allTypeIds.Select(id => id[2..].Split('.')[0]).FirstOrDefault(root => !RootNamespaces.Contains(root));
        if (unknownRoot != null) throw new NotSupportedException($"a listed type is in namespace {unknownRoot}, which ListingStubGenerator.RootNamespaces does not name; add it there");
        var types = new Dictionary<string, StubType>(StringComparer.Ordinal);
        foreach (ApiEntry entry in listing.Entries.Where(e => e.Kind == 'T'))
        {
            types[entry.DocId[2..]] = new StubType(entry);
        }

        foreach (ApiEntry entry in listing.Entries.Where(e => e.Kind != 'T'))
        {
            string owner = OwnerTypeId(entry.DocId);
            if (!types.TryGetValue(owner, out StubType? type)) throw new FormatException($"{listing.Path}: {entry.DocId} belongs to {owner}, which is not listed");
            type.Members.Add(entry);
        }

        var source = new StringBuilder();
        foreach (string friend in friends.Where(f => f != listing.Assembly))
        {
            source.Append("[assembly: global::System.Runtime.CompilerServices.InternalsVisibleTo(\"").Append(friend).AppendLine("\")]");
        }

        foreach (StubType type in types.Values)
        {
            int dot = type.Id.LastIndexOf('.');
            string parent = dot < 0 ? "" : type.Id[..dot];
            if (allTypeIds.Contains("T:" + parent))
            {
                if (!types.TryGetValue(parent, out StubType? outer)) throw new FormatException($"{listing.Path}: nested type {type.Id} of a type of another assembly");
                outer.Nested.Add(type);
            }
            else
            {
                type.Namespace = parent;
            }
        }

        foreach (IGrouping<string, StubType> ns in types.Values.Where(t => t.Namespace != null).GroupBy(t => t.Namespace!))
        {
            bool named = ns.Key.Length > 0;
            if (named) source.Append("namespace ").Append(ns.Key).AppendLine(" {");
            foreach (StubType type in ns) AppendType(source, type);
            if (named) source.AppendLine("}");
        }

        return source.ToString();
    }

    /// <summary>The type part of a member's doc ID: <c>M:N.C.M(System.Int32)</c> -> <c>N.C</c>.</summary>
    public static string OwnerTypeId(string memberDocId)
    {
        string body = memberDocId[2..];
        int paren = body.IndexOf('(');
        if (paren >= 0) body = body[..paren];
        int tilde = body.IndexOf('~');
        if (tilde >= 0) body = body[..tilde];
        return body[..body.LastIndexOf('.')];
    }

    private static void AppendType(StringBuilder source, StubType type)
    {
        Match m = TypeDeclaration.Match(type.Entry.Declaration);
        if (!m.Success) throw new FormatException($"unexpected type declaration: {type.Entry.Declaration}");
        string mods = m.Groups["mods"].Value, kind = m.Groups["kind"].Value, rest = m.Groups["rest"].Value;
        string simple = SimpleName(type.Id);
        string fullName = StripArity(type.Id);
        if (type.Entry.IsObsolete) source.Append("[global::System.Obsolete] ");
        if (type.Id == "System.Attribute") source.Append("[global::System.AttributeUsage(global::System.AttributeTargets.All, AllowMultiple = true)] ");

        if (kind == "delegate")
        {
            int at = rest.IndexOf(" " + fullName, StringComparison.Ordinal);
            string declaration = rest[..at] + " " + StripArity(simple) + rest[(at + 1 + fullName.Length)..];
            source.Append(Globalize(mods + "delegate " + declaration)).AppendLine(";");
            return;
        }

        if (!rest.StartsWith(fullName, StringComparison.Ordinal)) throw new FormatException($"type name {fullName} not where expected: {type.Entry.Declaration}");
        string tail = rest[fullName.Length..];
        if (kind == "enum")
        {
            string underlying = tail.StartsWith(" : ", StringComparison.Ordinal) ? EnumUnderlying[tail[3..]] : "int";
            source.Append(mods).Append("enum ").Append(simple).Append(" : ").Append(underlying).AppendLine(" {");
            foreach (ApiEntry field in type.Members.Where(e => e.Kind == 'F'))
            {
                string declaration = field.Declaration;
                int eq = declaration.IndexOf(" = ", StringComparison.Ordinal);
                source.Append("  ").Append(Obsolete(field)).Append(MemberName(field)).Append(eq < 0 ? "" : declaration[eq..]).AppendLine(",");
            }

            source.AppendLine("}");
            return;
        }

        source.Append(Globalize(mods + "partial " + kind + " " + StripArity(simple) + tail)).AppendLine(" {");
        bool isInterface = kind == "interface";
        bool isStruct = kind == "struct";
        bool isStatic = mods.Contains("static ", StringComparison.Ordinal);
        if (kind == "class" && !isStatic && !type.Members.Any(e => e.DocId == "M:" + type.Id + ".#ctor"))
        {
            source.Append("  internal ").Append(simple).AppendLine("() { throw null; }");
        }

        foreach (ApiEntry member in type.Members)
        {
            if (isStruct && member.DocId == "M:" + type.Id + ".#ctor") continue; // implicit; C# 9 structs cannot declare it
            source.Append("  ").AppendLine(MemberSource(member, type.Id, simple, isInterface));
        }

        foreach (StubType nested in type.Nested) AppendType(source, nested);
        source.AppendLine("}");
    }

    private static string MemberSource(ApiEntry member, string typeId, string simple, bool isInterface)
    {
        string declaration = WithoutOwner(member, typeId, simple);
        declaration = Extern.Replace(declaration, "");
        if (isInterface && declaration.StartsWith("public ", StringComparison.Ordinal)) declaration = declaration["public ".Length..];
        bool bodiless = isInterface || declaration.Contains("abstract ", StringComparison.Ordinal);
        switch (member.Kind)
        {
            case 'F':
                declaration = FixConstant(declaration);
                return Obsolete(member) + Globalize(declaration) + ";";
            case 'E':
                return Obsolete(member) + Globalize(declaration) + (bodiless ? ";" : " { add { } remove { } }");
            case 'P':
                string indexerName = member.DocId.Contains('(') && MemberName(member) != "Item"
                    ? "[global::System.Runtime.CompilerServices.IndexerName(\"" + MemberName(member) + "\")] "
                    : "";
                if (!bodiless)
                {
                    declaration = declaration.Replace("get;", "get { throw null; }", StringComparison.Ordinal)
                        .Replace("set;", "set { throw null; }", StringComparison.Ordinal)
                        .Replace("init;", "init { throw null; }", StringComparison.Ordinal);
                }

                return indexerName + Obsolete(member) + Globalize(declaration);
            default:
                return Obsolete(member) + Globalize(declaration) + (bodiless ? ";" : " { throw null; }");
        }
    }

    /// <summary>Removes the declaring type's name in front of the member name (<c>N.C.M(</c> -> <c>M(</c>, ctor <c>N.C(</c> -> <c>C(</c>).</summary>
    private static string WithoutOwner(ApiEntry member, string typeId, string simple)
    {
        string declaration = member.Declaration;
        string name = MemberName(member);
        if (name == "#ctor")
        {
            string ctor = " " + typeId + "(";
            int at = declaration.IndexOf(ctor, StringComparison.Ordinal);
            if (at < 0) throw new FormatException($"constructor name not found: {member.DocId}\t{declaration}");
            return declaration[..(at + 1)] + simple + declaration[(at + ctor.Length - 1)..];
        }

        string token = name.StartsWith("op_", StringComparison.Ordinal) ? "operator"
            : member.Kind == 'P' && member.DocId.Contains('(') ? "this["
            : name;
        string prefix = " " + typeId + "." + token;
        for (int at = declaration.LastIndexOf(prefix, StringComparison.Ordinal); at >= 0; at = at == 0 ? -1 : declaration.LastIndexOf(prefix, at - 1, StringComparison.Ordinal))
        {
            int after = at + prefix.Length;
            if (token.EndsWith('[') || after == declaration.Length || !char.IsLetterOrDigit(declaration[after]) && declaration[after] != '_')
            {
                return declaration[..(at + 1)] + declaration[(at + 1 + typeId.Length + 1)..];
            }
        }

        throw new FormatException($"member name not found: {member.DocId}\t{declaration}");
    }

    /// <summary>The member's simple name from its doc ID (<c>#ctor</c>, <c>op_Equality</c>, <c>Item</c>, <c>M</c>).</summary>
    private static string MemberName(ApiEntry member)
    {
        string body = member.DocId[2..];
        int paren = body.IndexOfAny(new[] { '(', '~' });
        if (paren >= 0) body = body[..paren];
        string name = body[(body.LastIndexOf('.') + 1)..];
        int tick = name.IndexOf('`');
        return tick < 0 ? name : name[..tick];
    }

    /// <summary>Makes a constant's value valid C#: float/double suffixes and specials, enum-typed values cast.</summary>
    private static string FixConstant(string declaration)
    {
        int eq = declaration.IndexOf(" = ", StringComparison.Ordinal);
        if (eq < 0 || !declaration.Contains("const ", StringComparison.Ordinal)) return declaration;
        string left = declaration[..eq], value = declaration[(eq + 3)..];
        string[] words = left.Split(' ');
        string type = words[^2];
        string fixedValue = type switch
        {
            "System.Single" => Floating(value, "F"),
            "System.Double" => Floating(value, "D"),
            _ when !ConstantTypes.Contains(type) && (char.IsDigit(value[0]) || value[0] == '-') => "(" + type + ")(" + value + ")",
            _ => value,
        };
        return left + " = " + fixedValue;
    }

    private static string Floating(string value, string suffix) => value switch
    {
        "NaN" => "0.0" + suffix + " / 0.0" + suffix,
        "Infinity" => "1.0" + suffix + " / 0.0" + suffix,
        "-Infinity" => "-1.0" + suffix + " / 0.0" + suffix,
        _ => value + suffix,
    };

    private static string Obsolete(ApiEntry entry) =>
        !entry.IsObsolete ? "" : ObsoleteAsError.Contains(entry.DocId) ? "[global::System.Obsolete(\"\", true)] " : "[global::System.Obsolete] ";

    /// <summary>Prefixes root namespaces with <c>global::</c> (a namespace such as nanoFramework.System.IO would
    /// otherwise capture <c>System.X</c>) and writes System.Void as <c>void</c>; string and char literals are left alone.</summary>
    private static string Globalize(string code)
    {
        var result = new StringBuilder();
        int start = 0;
        for (int i = 0; i < code.Length; i++)
        {
            if (code[i] != '"' && code[i] != '\'') continue;
            result.Append(GlobalizeCode(code[start..i]));
            int end = i + 1;
            while (end < code.Length && code[end] != code[i]) end += code[end] == '\\' ? 2 : 1;
            result.Append(code, i, Math.Min(end + 1, code.Length) - i);
            i = end;
            start = end + 1;
        }

        if (start < code.Length) result.Append(GlobalizeCode(code[start..]));
        return result.ToString();
    }

    private static string GlobalizeCode(string code) => RootNamespace.Replace(VoidType.Replace(code, "void"), "global::$1.");

    private static string SimpleName(string typeId) => typeId[(typeId.LastIndexOf('.') + 1)..];

    private static string StripArity(string name) => Regex.Replace(name, @"`\d+", "");

    private sealed class StubType(ApiEntry entry)
    {
        public ApiEntry Entry { get; } = entry;

        public string Id => Entry.DocId[2..];

        public string? Namespace { get; set; }

        public List<ApiEntry> Members { get; } = new();

        public List<StubType> Nested { get; } = new();
    }
}
