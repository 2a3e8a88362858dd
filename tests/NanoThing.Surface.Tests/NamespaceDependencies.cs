using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;

namespace NanoThing.Surface.Tests;

/// <summary>
/// Which namespaces under a root (Core's folders: NanoThing.Core.Agent, .Shadow, ...) a compiled assembly's code uses,
/// from what it compiles to: base types, implemented interfaces, field and method signatures, and every method, field
/// and type each method body names (documentation comments do not count). Nested types count as their namespace's.
/// </summary>
public static class NamespaceDependencies
{
    /// <summary>For each namespace just below <paramref name="root"/> (its last part: "Agent"), the others it uses.</summary>
    public static SortedDictionary<string, SortedSet<string>> Of(Stream peImage, string root)
    {
        var graph = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        var pattern = new Regex(Regex.Escape(root) + @"\.(\w+)\.", RegexOptions.CultureInvariant);
        void Add(string fromType, string? text)
        {
            string? from = Part(pattern, fromType);
            if (from == null || text == null) return;
            if (!graph.TryGetValue(from, out SortedSet<string>? uses)) graph[from] = uses = new SortedSet<string>(StringComparer.Ordinal);
            foreach (Match m in pattern.Matches(text))
            {
                if (m.Groups[1].Value != from) uses.Add(m.Groups[1].Value);
            }
        }

        peImage.Position = 0;
        using (var pe = new PEReader(peImage, PEStreamOptions.LeaveOpen | PEStreamOptions.PrefetchEntireImage))
        {
            MetadataReader reader = pe.GetMetadataReader();
            foreach (TypeDefinitionHandle handle in reader.TypeDefinitions)
            {
                TypeDefinition type = reader.GetTypeDefinition(handle);
                string name = DocIdTypeProvider.TypeName(reader, handle);
                Add(name, name);
                Add(name, TypeOf(reader, type.BaseType));
                foreach (InterfaceImplementationHandle i in type.GetInterfaceImplementations()) Add(name, TypeOf(reader, reader.GetInterfaceImplementation(i).Interface));
                foreach (FieldDefinitionHandle f in type.GetFields()) Add(name, reader.GetFieldDefinition(f).DecodeSignature(DocIdTypeProvider.Instance, null));
                foreach (MethodDefinitionHandle m in type.GetMethods()) Add(name, reader.GetMethodDefinition(m).DecodeSignature(DocIdTypeProvider.Instance, null).ReturnType);
            }
        }

        peImage.Position = 0;
        foreach (IlMethod method in IlAssembly.Read(peImage).Methods)
        {
            Add(method.Type, method.Parameters);
            foreach (IlInstruction instruction in method.Body.Where(i => i.OpCode != System.Reflection.Emit.OpCodes.Ldstr))
            {
                Add(method.Type, instruction.Target);
            }
        }

        return graph;
    }

    /// <summary>
    /// Every group of namespaces that use each other (directly or around a loop), as "A -> B -> A" following one
    /// loop through the group; empty when the graph has no cycle.
    /// </summary>
    public static IReadOnlyList<string> Cycles(SortedDictionary<string, SortedSet<string>> graph)
    {
        var found = new List<string>();
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (string start in graph.Keys)
        {
            if (reported.Contains(start)) continue;
            List<string>? loop = ShortestLoop(graph, start);
            if (loop == null) continue;
            foreach (string n in loop) reported.Add(n);
            found.Add(string.Join(" -> ", loop));
        }

        return found;
    }

    // Breadth-first from start's neighbours back to start: the shortest loop through start, or null.
    private static List<string>? ShortestLoop(SortedDictionary<string, SortedSet<string>> graph, string start)
    {
        var previous = new Dictionary<string, string>(StringComparer.Ordinal);
        var queue = new Queue<string>();
        queue.Enqueue(start);
        while (queue.Count > 0)
        {
            string at = queue.Dequeue();
            foreach (string next in graph.GetValueOrDefault(at) ?? new SortedSet<string>())
            {
                if (next == start)
                {
                    var loop = new List<string> { start };
                    for (string n = at; n != start; n = previous[n]) loop.Insert(1, n);
                    loop.Add(start);
                    return loop;
                }

                if (previous.TryAdd(next, at)) queue.Enqueue(next);
            }
        }

        return null;
    }

    private static string? Part(Regex pattern, string typeName)
    {
        Match m = pattern.Match(typeName);
        return m.Success && m.Index == 0 ? m.Groups[1].Value : null;
    }

    private static string? TypeOf(MetadataReader reader, EntityHandle handle) => handle.IsNil ? null : handle.Kind switch
    {
        HandleKind.TypeDefinition => DocIdTypeProvider.TypeName(reader, (TypeDefinitionHandle)handle),
        HandleKind.TypeReference => DocIdTypeProvider.TypeName(reader, (TypeReferenceHandle)handle),
        _ => null,
    };
}
