namespace NanoThing.Surface.Tests;

/// <summary>
/// The one list of external references that the .NET host build of Core contains but that the nanoFramework
/// build would not: attributes the C# compiler emits on its own only when the target library defines them
/// (nanoFramework's mscorlib does not, so its build, the same Roslyn compiler, leaves them out or embeds its
/// own copy), and lowerings for which the compiler picks a richer .NET member when present and a listed one
/// otherwise. They say nothing about the API that Core's code uses.
/// </summary>
public static class IgnoredCompilerReferences
{
    /// <summary>Doc ID -> why it is ignored; a <c>T:</c> ID covers the type and all its members.</summary>
    public static readonly IReadOnlyDictionary<string, string> Reasons = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["T:System.Runtime.CompilerServices.CompilationRelaxationsAttribute"] =
            "emitted by the compiler on every assembly when the type exists; absent from nanoFramework's mscorlib, so not emitted there",
        ["T:System.Runtime.CompilerServices.RuntimeCompatibilityAttribute"] =
            "emitted by the compiler on every assembly (WrapNonExceptionThrows) when the type exists; absent from nanoFramework's mscorlib",
        ["T:System.Runtime.CompilerServices.CompilerGeneratedAttribute"] =
            "marks compiler-made closures, lambdas' display classes and auto-property backing fields; omitted when the type is absent",
        ["T:System.Runtime.CompilerServices.NullableAttribute"] =
            "nullable metadata; the device build has nullable annotations off and embeds the attribute if ever needed",
        ["T:System.Runtime.CompilerServices.NullableContextAttribute"] =
            "nullable metadata; see NullableAttribute",
        ["T:System.Runtime.CompilerServices.IsReadOnlyAttribute"] =
            "marks 'in' parameters and readonly members; the compiler embeds its own copy when the library lacks it",
        ["T:System.Runtime.CompilerServices.RefSafetyRulesAttribute"] =
            "emitted only for C# 11 and later; the device build is C# 9",
        ["M:System.Threading.Monitor.Enter(System.Object,System.Boolean@)"] =
            "'lock' lowers to Enter(Object, ref Boolean) when the library has it; nanoFramework's build uses the listed Enter(Object)",
    };

    /// <summary>True when <paramref name="docId"/> names an ignored type or one of its members.</summary>
    public static bool IsIgnored(string docId)
    {
        if (Reasons.ContainsKey(docId)) return true;
        string name = docId[2..];
        foreach (string key in Reasons.Keys)
        {
            if (key.StartsWith("T:", StringComparison.Ordinal) && name.StartsWith(key[2..] + ".", StringComparison.Ordinal)) return true;
        }

        return false;
    }
}
