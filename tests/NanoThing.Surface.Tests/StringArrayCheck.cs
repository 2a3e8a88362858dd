using System.Reflection.Emit;

namespace NanoThing.Surface.Tests;

/// <summary>
/// Fact 4 of reference/nanoclr-runtime.md: in nanoCLR the elements of a new <c>string[]</c> are not null references
/// until something is stored in them, and comparing them crashes the runtime. Core makes string arrays only through
/// <see cref="Helper"/>, which stores null in every element. The one other <c>newarr System.String</c> accepted is
/// the array the compiler builds for <c>String.Concat(String[])</c> (a concatenation of more than four parts),
/// and only when it stores every element before the call (a constant null part would be left unstored).
/// </summary>
public static class StringArrayCheck
{
    /// <summary>The helper that creates every string array in Core.</summary>
    public const string Helper = "NanoThing.Core.Runtime.StringArray.Create(System.Int32)";

    private const string ConcatOfArray = "System.String.Concat(System.String[])";

    /// <summary>One line per <c>newarr System.String</c> outside <paramref name="helper"/> that is not a filled Concat argument.</summary>
    public static IReadOnlyList<string> FindUnfilledArrays(IlAssembly assembly, string helper)
    {
        var found = new List<string>();
        foreach (IlMethod method in assembly.Methods.OrderBy(m => m.FullName, StringComparer.Ordinal))
        {
            for (int i = 0; i < method.Body.Count; i++)
            {
                IlInstruction instruction = method.Body[i];
                if (instruction.OpCode != OpCodes.Newarr || instruction.Target != "System.String" || method.FullName == helper) continue;
                if (!IsFilledConcatArgument(method.Body, i))
                {
                    found.Add($"{method.FullName}: newarr System.String at IL_{instruction.Offset:x4}");
                }
            }
        }

        return found;
    }

    // `ldc.i4 n; newarr String; (dup; ldc.i4 k; <value>; stelem.ref) for every k in 0..n-1; call Concat(String[])`,
    // followed with a stack-depth simulation so that the values may be any expression (calls, ?:, nested concats).
    private static bool IsFilledConcatArgument(IReadOnlyList<IlInstruction> body, int newarr)
    {
        if (newarr == 0 || !IsConstant(body[newarr - 1])) return false;
        int length = body[newarr - 1].Int;
        var stored = new HashSet<int>();
        var depthAt = new Dictionary<int, int>();
        int depth = 1; // the array
        bool reachable = true;
        for (int j = newarr + 1; j < body.Count; j++)
        {
            IlInstruction ins = body[j];
            if (!reachable)
            {
                if (!depthAt.TryGetValue(ins.Offset, out depth)) return false;
                reachable = true;
            }

            if (ins.OpCode == OpCodes.Dup && depth == 1 && j + 1 < body.Count && IsConstant(body[j + 1])) stored.Add(body[j + 1].Int);
            if (ins.Pops < 0 || ins.OpCode == OpCodes.Throw) return false;
            if (depth - ins.Pops < 1 && ins.OpCode != OpCodes.Dup)
            {
                return ins.OpCode == OpCodes.Call && ins.Target == ConcatOfArray && depth == 1
                    && Enumerable.Range(0, length).All(stored.Contains);
            }

            depth = depth - ins.Pops + ins.Pushes;
            if (ins.OpCode.OperandType is OperandType.InlineBrTarget or OperandType.ShortInlineBrTarget)
            {
                depthAt[ins.Int] = depth;
                reachable = ins.OpCode.FlowControl != FlowControl.Branch;
            }
        }

        return false;
    }

    private static bool IsConstant(IlInstruction instruction) =>
        instruction.OpCode == OpCodes.Ldc_I4 || instruction.OpCode == OpCodes.Ldc_I4_S || instruction.OpCode == OpCodes.Ldc_I4_M1
        || (instruction.OpCode.Value >= OpCodes.Ldc_I4_0.Value && instruction.OpCode.Value <= OpCodes.Ldc_I4_8.Value);
}
