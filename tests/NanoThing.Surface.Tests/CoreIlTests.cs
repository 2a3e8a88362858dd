using System.Reflection;

namespace NanoThing.Surface.Tests;

/// <summary>
/// What nanoCLR does differently from .NET that shows in Core's compiled IL (reference/nanoclr-runtime.md): string
/// arrays made only through the helper that nulls every element (fact 4), no literal loaded and nothing allocated
/// on the steady-state path (fact 7a), no static field initialised from another type's static field (fact 8).
/// Each check is also shown to catch a violation in a small compiled sample.
/// </summary>
[TestClass]
public sealed class CoreIlTests
{
    private static readonly Lazy<IlAssembly> Core = new(() =>
    {
        string path = typeof(CoreIlTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "CoreHostAssembly").Value!;
        Assert.IsTrue(File.Exists(path), $"{path} is missing: build firmware/NanoThing.Core/host first (this project references it)");
        return IlAssembly.Read(path);
    });

    [TestMethod]
    public void Core_MakesStringArraysOnlyThroughTheHelper()
    {
        Assert.IsNotNull(Core.Value.Find(StringArrayCheck.Helper), "the helper " + StringArrayCheck.Helper + " is missing");
        IReadOnlyList<string> found = StringArrayCheck.FindUnfilledArrays(Core.Value, StringArrayCheck.Helper);
        Assert.AreEqual(0, found.Count, "string arrays made without " + StringArrayCheck.Helper
            + " (in nanoCLR their elements are not null references and comparing them crashes; use the helper):"
            + Environment.NewLine + string.Join(Environment.NewLine, found));
    }

    [TestMethod]
    public void StringArrayCheck_NamesEveryArrayThatIsNotFilled()
    {
        const string source = """
            public static class Arrays
            {
                public static string[] Create(int n) { return new string[n]; }
                public static string[] Empty() { return new string[3]; }
                public static string[] WithNull() { return new string[] { null, "a" }; }
                public static string Concat5(string a, int b) { return "x" + a + "y" + b.ToString() + (a == null ? "n" : a); }
                public static string[] Filled(string a) { return new string[] { a, a }; }
            }
            """;
        IlAssembly sample = IlAssembly.Read(HostCompiler.Compile("Arrays", source));

        IReadOnlyList<string> found = StringArrayCheck.FindUnfilledArrays(sample, "Arrays.Create(System.Int32)");

        CollectionAssert.AreEqual(
            new[] { "Arrays.Empty(): newarr System.String at IL_0001", "Arrays.Filled(System.String): newarr System.String at IL_0001", "Arrays.WithNull(): newarr System.String at IL_0001" },
            found.ToArray(),
            string.Join(Environment.NewLine, found));
    }

    [TestMethod]
    public void Core_SteadyStateLoadsNoLiteralAndAllocatesNothing()
    {
        IReadOnlyList<SteadyStatePath.Finding> found = SteadyStatePath.FindAllocations(Core.Value, CoreSteadyState.EntryPoints, CoreSteadyState.ColdMethods.Keys);
        Assert.AreEqual(0, found.Count, "the steady state loads string literals or allocates (in nanoCLR every ldstr creates a string: use a static "
            + "readonly field; move a failure's message into a method listed in CoreSteadyState.ColdMethods):"
            + Environment.NewLine + string.Join(Environment.NewLine, found));
    }

    [TestMethod]
    public void Core_SteadyStateWalkReachesTheReportCycleAndIncomingReplies()
    {
        IReadOnlySet<string> reached = SteadyStatePath.Reached(Core.Value, CoreSteadyState.EntryPoints, CoreSteadyState.ColdMethods.Keys);
        string[] expected =
        {
            "NanoThing.Core.Shadow.ShadowRequestWriter.WriteUpdate(NanoThing.Core.Shadow.IReportedStateWriter,System.Byte[],System.Int32,System.Int32,System.Int64)",
            "NanoThing.Core.Agent.ShadowReporter.WriteReported(NanoThing.Core.Json.JsonWriter)",
            "NanoThing.Core.Reporting.ReportingPolicy.WriteReport(System.Int64,NanoThing.Core.Json.JsonWriter)",
            "NanoThing.Core.Desired.DesiredState.WritePending(NanoThing.Core.Json.JsonWriter)",
            "NanoThing.Core.Shadow.ClientTokenSource.Next(System.Byte[],System.Int32)",
            "NanoThing.Core.Json.JsonWriter.Name(System.String)",
            "NanoThing.Core.Shadow.ShadowResponse.Read(NanoThing.Core.Shadow.ShadowTopicType,System.Byte[],System.Int32,System.Int32)",
            "NanoThing.Core.Json.JsonReader.Parse(System.Byte[],System.Int32,System.Int32)",
            "NanoThing.Core.Agent.ShadowReporter.OnUpdateAccepted()",
            "NanoThing.Core.Agent.DesiredStateHandler.WriteReported(NanoThing.Core.Json.JsonWriter,System.Boolean)",
            "NanoThing.Core.Shadow.ShadowTopics.TypeOf(System.String,System.String,System.String)",
            "NanoThing.Core.Desired.DesiredState.Apply(NanoThing.Core.Json.JsonReader,System.Int32)",
            "NanoThing.Core.Agent.MessageInbox.TryAdd(System.String,System.Byte[],System.Int32,System.Int32)",
        };
        string[] missing = expected.Where(m => !reached.Contains(m)).ToArray();
        Assert.AreEqual(0, missing.Length, "not reached from the entry points: " + string.Join(", ", missing));
    }

    [TestMethod]
    public void SteadyStatePath_NamesMethodAndOpcodeThroughCallsAndInterfaces()
    {
        const string source = """
            public interface IContent { void Write(System.Text.StringBuilder b); }
            public sealed class Names { public static readonly string Field = "field"; }
            public sealed class Content : IContent
            {
                public void Write(System.Text.StringBuilder b) { b.Append("literal"); }
            }
            public sealed class Cycle
            {
                private readonly IContent _content = new Content();
                private int _n;
                public void Run(System.Text.StringBuilder b) { _content.Write(b); Helper(b); if (_n++ < 0) Fail(); }
                private void Helper(System.Text.StringBuilder b) { b.Append(Names.Field); object o = _n; b.Append(o); }
                private void Fail() { throw new System.Exception("cold " + _n.ToString()); }
            }
            """;
        IlAssembly sample = IlAssembly.Read(HostCompiler.Compile("Cycle", source));

        IReadOnlyList<SteadyStatePath.Finding> found = SteadyStatePath.FindAllocations(sample, new[] { "Cycle.Run(System.Text.StringBuilder)" }, new[] { "Cycle.Fail()", "Cycle.Gone()" });

        CollectionAssert.AreEqual(
            new[]
            {
                "Content.Write(System.Text.StringBuilder): ldstr \"literal\" at IL_0001 (reached via Cycle.Run(System.Text.StringBuilder))",
                "Cycle.Gone(): listed as cold but no such method (reached via the cold list)",
                "Cycle.Helper(System.Text.StringBuilder): box System.Int32 at IL_0012 (reached via Cycle.Run(System.Text.StringBuilder))",
            },
            found.Select(f => f.ToString()).ToArray(),
            string.Join(Environment.NewLine, found));
    }

    [TestMethod]
    public void Core_NoStaticFieldIsInitialisedFromAnotherTypesStaticField()
    {
        IReadOnlyList<string> found = StaticInitializerCheck.FindCrossTypeLoads(Core.Value);
        Assert.AreEqual(0, found.Count, "static initialisers that read another type's static field (nanoframework/Home#1156: null on devices; "
            + "compute the value where it is first used, or in a constructor):" + Environment.NewLine + string.Join(Environment.NewLine, found));
    }

    [TestMethod]
    public void StaticInitializerCheck_NamesTheLoadAndWhereItHappens()
    {
        const string source = """
            public static class Specs { public static readonly string[] Names = { "a" }; public const int Count = 1; }
            public static class Uses
            {
                public static readonly int Direct = Specs.Names.Length;
                public static readonly string Built = Build();
                public static readonly int Constant = Specs.Count;
                private static string Build() { return Specs.Names[0]; }
            }
            """;
        IlAssembly sample = IlAssembly.Read(HostCompiler.Compile("Statics", source));

        IReadOnlyList<string> found = StaticInitializerCheck.FindCrossTypeLoads(sample);

        CollectionAssert.AreEqual(
            new[] { "Uses..cctor(): loads Specs.Names in Uses..cctor()", "Uses..cctor(): loads Specs.Names in Uses.Build()" },
            found.ToArray(),
            string.Join(Environment.NewLine, found));
    }
}
