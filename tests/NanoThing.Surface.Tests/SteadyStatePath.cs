using System.Reflection.Emit;

namespace NanoThing.Surface.Tests;

/// <summary>
/// Fact 7a of reference/nanoclr-runtime.md: in nanoCLR every <c>ldstr</c> creates a new string object (a
/// <c>static readonly</c> string field does not), so the host's 0 B per report cycle was 222 B on the device.
/// This walks Core's IL from named entry points of the steady state, following every call into Core (a call
/// through an interface or virtual method reaches every Core implementation), and names each method on the way
/// that loads a literal or allocates: <c>ldstr</c>, <c>newobj</c>, <c>newarr</c>, <c>box</c>, or a call to a
/// library method that returns a new string (String.Concat, ToString, Substring...).
/// <para>
/// Why transitive from entry points and not marked methods: a helper that the steady state starts to call is
/// checked without anyone remembering to mark it. The walk stops only at the methods listed as cold, each with
/// the reason it runs off the steady state (a failure, a log line about a failure, the first connect); a list
/// entry that names no method fails the check, so the list cannot go stale.
/// </para>
/// </summary>
public static class SteadyStatePath
{
    /// <summary>A method on the path and the way it was reached, for messages.</summary>
    public sealed record Finding(string Method, string Instruction, string ReachedFrom)
    {
        public override string ToString() => $"{Method}: {Instruction} (reached via {ReachedFrom})";
    }

    private static readonly string[] AllocatingLibraryPrefixes =
    {
        "System.String.Concat(", "System.String.Format(", "System.String.Substring(", "System.String.Split(",
        "System.String.ToLower(", "System.String.ToUpper(", "System.String.Trim", "System.String.PadLeft(", "System.String.PadRight(",
        "System.String.ToCharArray(", "System.Text.Encoding.GetBytes(System.String)", "System.Text.Encoding.GetString(",
    };

    /// <summary>
    /// The findings (sorted) on the path from <paramref name="entryPoints"/>, not walking into
    /// <paramref name="coldMethods"/>; plus one finding per entry point or cold method that names no method.
    /// </summary>
    public static IReadOnlyList<Finding> FindAllocations(IlAssembly assembly, IEnumerable<string> entryPoints, IEnumerable<string> coldMethods)
    {
        var findings = new List<Finding>();
        var cold = new HashSet<string>(coldMethods, StringComparer.Ordinal);
        foreach (string name in cold.Where(n => assembly.Find(n) == null))
        {
            findings.Add(new Finding(name, "listed as cold but no such method", "the cold list"));
        }

        foreach (string name in entryPoints.Where(n => assembly.Find(n) == null))
        {
            findings.Add(new Finding(name, "listed as an entry point but no such method", "the entry points"));
        }

        foreach ((IlMethod method, string via) in Walk(assembly, entryPoints, cold))
        {
            findings.AddRange(method.Body.Where(Allocates).Select(i => new Finding(method.FullName, $"{i} at IL_{i.Offset:x4}", via)));
        }

        return findings.OrderBy(f => f.Method, StringComparer.Ordinal).ThenBy(f => f.Instruction, StringComparer.Ordinal).ToList();
    }

    /// <summary>The methods the walk reaches (for the test that shows it covers what it claims).</summary>
    public static IReadOnlySet<string> Reached(IlAssembly assembly, IEnumerable<string> entryPoints, IEnumerable<string> coldMethods) =>
        Walk(assembly, entryPoints, new HashSet<string>(coldMethods, StringComparer.Ordinal)).Select(r => r.Method.FullName).ToHashSet(StringComparer.Ordinal);

    // Breadth first from the entry points through every call into the assembly, not entering cold methods; each
    // method once, with the method it was first reached from.
    private static IEnumerable<(IlMethod Method, string Via)> Walk(IlAssembly assembly, IEnumerable<string> entryPoints, ISet<string> cold)
    {
        var via = new Dictionary<IlMethod, string>();
        var pending = new Queue<IlMethod>();
        foreach (IlMethod entry in entryPoints.Select(assembly.Find).OfType<IlMethod>())
        {
            if (via.TryAdd(entry, "entry point")) pending.Enqueue(entry);
        }

        while (pending.Count > 0)
        {
            IlMethod method = pending.Dequeue();
            yield return (method, via[method]);
            foreach (IlMethod target in method.Body.SelectMany(assembly.Targets))
            {
                if (cold.Contains(target.FullName) || !via.TryAdd(target, method.FullName)) continue;
                pending.Enqueue(target);
            }
        }
    }

    private static bool Allocates(IlInstruction instruction)
    {
        OpCode op = instruction.OpCode;
        if (op == OpCodes.Ldstr || op == OpCodes.Newobj || op == OpCodes.Newarr || op == OpCodes.Box) return true;
        if ((op != OpCodes.Call && op != OpCodes.Callvirt) || instruction.Callee != null || instruction.Target == null) return false;
        return AllocatingLibraryPrefixes.Any(p => instruction.Target.StartsWith(p, StringComparison.Ordinal))
            || instruction.Target.Contains(".ToString(", StringComparison.Ordinal);
    }
}
