using System.Reflection;

namespace NanoThing.Surface.Tests;

/// <summary>
/// Core's folders (namespaces) form layers: no two depend on each other, directly or around a loop, in what Core
/// compiles to. A cycle means two concerns that cannot be understood, tested or reused apart.
/// </summary>
[TestClass]
public sealed class CoreNamespaceTests
{
    private const string Root = "NanoThing.Core";

    private static readonly Lazy<SortedDictionary<string, SortedSet<string>>> Core = new(() =>
    {
        string path = typeof(CoreNamespaceTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "CoreHostAssembly").Value!;
        Assert.IsTrue(File.Exists(path), $"{path} is missing: build firmware/NanoThing.Core/host first (this project references it)");
        using FileStream stream = File.OpenRead(path);
        return NamespaceDependencies.Of(stream, Root);
    });

    [TestMethod]
    public void Core_FoldersHaveNoDependencyCycle()
    {
        IReadOnlyList<string> cycles = NamespaceDependencies.Cycles(Core.Value);
        Assert.AreEqual(0, cycles.Count, "namespaces of Core that depend on each other (move the shared piece to the lower one, or pass it in through an interface of the upper one):"
            + Environment.NewLine + string.Join(Environment.NewLine, cycles) + Environment.NewLine + Describe(Core.Value));
    }

    [TestMethod]
    public void Core_DesiredStateDoesNotDependOnReportingOrTheAgent()
    {
        SortedSet<string> uses = Core.Value["Desired"];
        Assert.IsFalse(uses.Contains("Reporting"), "Desired uses Reporting: " + Describe(Core.Value));
        Assert.IsFalse(uses.Contains("Agent"), "Desired uses Agent: " + Describe(Core.Value));
    }

    [TestMethod]
    public void Core_TheGraphSeesEveryFolderAndTheAgentOnTop()
    {
        string[] folders = { "Agent", "Config", "Connection", "Desired", "Io", "Json", "Reporting", "Runtime", "Seams", "Sensors", "Shadow", "Telemetry" };
        CollectionAssert.IsSubsetOf(folders, Core.Value.Keys.ToArray(), Describe(Core.Value));
        CollectionAssert.IsSubsetOf(new[] { "Desired", "Io", "Reporting", "Shadow", "Telemetry" }, Core.Value["Agent"].ToArray(), "the agent composes the features");
        foreach (string folder in folders.Where(f => f != "Agent"))
        {
            Assert.IsFalse(Core.Value[folder].Contains("Agent"), folder + " uses the agent: " + Describe(Core.Value));
        }
    }

    [TestMethod]
    public void NamespaceDependencies_FindLoopsThroughSignaturesBodiesAndInterfaces()
    {
        const string source = """
            namespace S.A { public sealed class Holder { public S.B.Worker Worker; /// <see cref="S.D.Top"/>
                public string Say() { return "S.D.Top."; } } }
            namespace S.B { public sealed class Worker { public int Run() { return S.C.Helper.Count(); } } }
            namespace S.C { public static class Helper { public static int Count() { return 1; } }
                public sealed class Listener : S.A.IListen { public void Heard() { } } }
            namespace S.A { public interface IListen { void Heard(); } }
            namespace S.D { public sealed class Top { public S.A.Holder Holder = new S.A.Holder(); } }
            """;
        using MemoryStream sample = HostCompiler.Compile("Layers", source);

        SortedDictionary<string, SortedSet<string>> graph = NamespaceDependencies.Of(sample, "S");

        Assert.AreEqual("A -> B; B -> C; C -> A; D -> A", Describe(graph), "a doc comment and a string literal are not uses");
        CollectionAssert.AreEqual(new[] { "A -> B -> C -> A" }, NamespaceDependencies.Cycles(graph).ToArray());
    }

    private static string Describe(SortedDictionary<string, SortedSet<string>> graph) =>
        string.Join("; ", graph.Where(p => p.Value.Count > 0).Select(p => p.Key + " -> " + string.Join(", ", p.Value)));
}
