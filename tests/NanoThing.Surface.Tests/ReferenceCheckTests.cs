using System.Reflection;

namespace NanoThing.Surface.Tests;

[TestClass]
public sealed class ReferenceCheckTests
{
    [TestMethod]
    public void CoreHostBuild_ReferencesOnlyListedApi()
    {
        string path = typeof(ReferenceCheckTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "CoreHostAssembly").Value!;
        Assert.IsTrue(File.Exists(path), $"{path} is missing: build firmware/NanoThing.Core/host first (this project references it)");

        IReadOnlyList<ExternalReference> references = ExternalReferenceReader.Read(path);
        IReadOnlyList<string> unlisted = ReferenceCheck.FindUnlisted(references, ApiListingSet.Repository);

        Assert.IsTrue(references.Count > 0, "no external reference read: the reader is broken");
        Assert.AreEqual(0, unlisted.Count, ReferenceCheck.Describe(RepoPaths.Relative(path), unlisted));
    }

    [TestMethod]
    public void GenericsAndLinq_AreReportedExactly()
    {
        const string source = """
            using System.Collections.Generic;
            using System.Linq;
            public static class UsesLinq
            {
                public static int CountPositive(int[] values)
                {
                    var list = new List<int>(values);
                    list.Add(1);
                    return list.Where(IsPositive).Count() + list.Count;
                }

                private static bool IsPositive(int v) { return v > 0; }
            }
            """;

        IReadOnlyList<string> unlisted = ReferenceCheck.FindUnlisted(ExternalReferenceReader.Read(HostCompiler.Compile("UsesLinq", source)), ApiListingSet.Repository);

        CollectionAssert.AreEqual(
            new[]
            {
                "M:System.Collections.Generic.List`1.#ctor(System.Collections.Generic.IEnumerable{`0})",
                "M:System.Collections.Generic.List`1.Add(`0)",
                "M:System.Linq.Enumerable.Count``1(System.Collections.Generic.IEnumerable{``0})",
                "M:System.Linq.Enumerable.Where``1(System.Collections.Generic.IEnumerable{``0},System.Func{``0,System.Boolean})",
                "P:System.Collections.Generic.List`1.Count",
                "T:System.Collections.Generic.IEnumerable`1",
                "T:System.Collections.Generic.List`1",
                "T:System.Linq.Enumerable",
            },
            unlisted.ToArray(),
            string.Join(Environment.NewLine, unlisted));
    }

    [TestMethod]
    public void Interpolation_IsReportedAsTheDotNetHandlerLowering()
    {
        // On .NET 10 the compiler lowers $"..." to DefaultInterpolatedStringHandler even at C# 9; with
        // nanoFramework's mscorlib it binds String.Format instead (see SurfaceCompilerTests).
        const string source = "public static class Greets { public static string Hello(int n) { return $\"hello {n}\"; } }";

        IReadOnlyList<string> unlisted = ReferenceCheck.FindUnlisted(ExternalReferenceReader.Read(HostCompiler.Compile("Greets", source)), ApiListingSet.Repository);

        CollectionAssert.AreEqual(
            new[]
            {
                "M:System.Runtime.CompilerServices.DefaultInterpolatedStringHandler.#ctor(System.Int32,System.Int32)",
                "M:System.Runtime.CompilerServices.DefaultInterpolatedStringHandler.AppendFormatted``1(``0)",
                "M:System.Runtime.CompilerServices.DefaultInterpolatedStringHandler.AppendLiteral(System.String)",
                "M:System.Runtime.CompilerServices.DefaultInterpolatedStringHandler.ToStringAndClear",
                "T:System.Runtime.CompilerServices.DefaultInterpolatedStringHandler",
            },
            unlisted.ToArray(),
            string.Join(Environment.NewLine, unlisted));
    }

    [TestMethod]
    public void ListedApiAndLowerings_AreAccepted()
    {
        const string source = """
            using System.Collections;
            public sealed class Uses
            {
                private readonly object _gate = new object();
                public string Join(ArrayList items)
                {
                    string s = "";
                    lock (_gate)
                    {
                        foreach (object o in items) { s = s + o + ";"; }
                    }
                    return s + items.Count;
                }
            }
            """;

        IReadOnlyList<ExternalReference> references = ExternalReferenceReader.Read(HostCompiler.Compile("Uses", source));

        IReadOnlyList<string> unlisted = ReferenceCheck.FindUnlisted(references, ApiListingSet.Repository);
        Assert.AreEqual(0, unlisted.Count, string.Join(Environment.NewLine, unlisted));
        CollectionAssert.IsSubsetOf(
            new[] { "M:System.Threading.Monitor.Enter(System.Object,System.Boolean@)", "M:System.Collections.ArrayList.GetEnumerator", "M:System.Collections.IEnumerator.MoveNext", "P:System.Collections.IEnumerator.Current", "M:System.IDisposable.Dispose", "P:System.Collections.ArrayList.Count" },
            references.Select(r => r.DocId).ToArray());
    }

    [TestMethod]
    public void IgnoreList_NamesOnlyUnlistedIdsWithReasons()
    {
        foreach (KeyValuePair<string, string> entry in IgnoredCompilerReferences.Reasons)
        {
            Assert.IsFalse(ApiListingSet.Repository.AllDocIds.Contains(entry.Key), $"{entry.Key} is listed: it needs no ignore entry");
            Assert.IsTrue(entry.Value.Length > 20, $"{entry.Key}: give the reason it is ignored");
        }

        Assert.IsTrue(IgnoredCompilerReferences.IsIgnored("M:System.Runtime.CompilerServices.CompilerGeneratedAttribute.#ctor"));
        Assert.IsFalse(IgnoredCompilerReferences.IsIgnored("M:System.Threading.Monitor.Enter(System.Object)"));
    }

    [TestMethod]
    public void InheritedOnDotNet_AndDelegateConstructors_AreAccepted_ButUnlistedBaseMembersAreNot()
    {
        const string source = """
            using System.Threading;
            public sealed class Worker
            {
                private readonly AutoResetEvent _wake = new AutoResetEvent(false);
                public Thread Start() { var t = new Thread(Run); _wake.Set(); return t; }
                public bool Reset(EventWaitHandle handle) { return handle.Reset(); }
                private void Run() { }
            }
            """;

        IReadOnlyList<string> unlisted = ReferenceCheck.FindUnlisted(ExternalReferenceReader.Read(HostCompiler.Compile("Worker", source)), ApiListingSet.Repository);

        // AutoResetEvent.Set (EventWaitHandle.Set on .NET) and ThreadStart's constructor pass; EventWaitHandle.Reset
        // called on an EventWaitHandle is listed on AutoResetEvent too, so only the stub compile catches the parameter type.
        CollectionAssert.AreEqual(Array.Empty<string>(), unlisted.ToArray(), string.Join(Environment.NewLine, unlisted));
    }
}
