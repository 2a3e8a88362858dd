using System.Reflection.Emit;

namespace NanoThing.Surface.Tests;

/// <summary>
/// Fact 8 (nanoframework/Home#1156): on devices a static field initialised from another class's static field can
/// come up null, because the order in which nanoCLR runs static constructors is not the order .NET guarantees.
/// This names every static constructor (type initialiser) in the assembly that, itself or through the assembly's
/// methods it calls, loads a static field of another type. Constants are inlined by the compiler and do not count.
/// </summary>
public static class StaticInitializerCheck
{
    /// <summary>One line per static-field load of another type reachable from a static constructor.</summary>
    public static IReadOnlyList<string> FindCrossTypeLoads(IlAssembly assembly)
    {
        var found = new List<string>();
        foreach (IlMethod cctor in assembly.Methods.Where(m => m.Name == ".cctor").OrderBy(m => m.FullName, StringComparer.Ordinal))
        {
            var seen = new HashSet<IlMethod>();
            var pending = new Stack<IlMethod>();
            pending.Push(cctor);
            while (pending.Count > 0)
            {
                IlMethod method = pending.Pop();
                if (!seen.Add(method)) continue;
                foreach (IlInstruction instruction in method.Body)
                {
                    if ((instruction.OpCode == OpCodes.Ldsfld || instruction.OpCode == OpCodes.Ldsflda) && instruction.Target != null
                        && instruction.Target[..instruction.Target.LastIndexOf('.')] != cctor.Type)
                    {
                        found.Add($"{cctor.FullName}: loads {instruction.Target} in {method.FullName}");
                    }

                    foreach (IlMethod target in assembly.Targets(instruction)) pending.Push(target);
                }
            }
        }

        return found;
    }
}
