extern alias nano;

using System.Text.RegularExpressions;
using Nano = nano::nanoFramework.TestFramework;

namespace NanoThing.Surface.Tests;

/// <summary>
/// The host TestRunner refuses a device-test assembly that nanoFramework's MetadataProcessor would not build, or would
/// build so that the device skips tests silently (device-tests/TestFramework.Host/README.md): attribute arguments it
/// cannot encode, and a string table past the allowance. Each fixture is a small assembly compiled for the purpose.
/// </summary>
[TestClass]
public sealed class TestRunnerToolchainTests
{
    [TestMethod]
    public void EnumDataRowArgument_RefusesTheAssembly_NamingTheTestAndTheValue()
    {
        (Nano.TestRunner.Summary summary, string output) = RunFixture("EnumRow", """
            public enum Colour { Red = 1, Green = 2 }
            [TestClass]
            public class Palette
            {
                [TestMethod]
                public void Plain() { }

                [DataRow(Colour.Green, 2)]
                public void HasAColour(Colour colour, int number) { Assert.AreEqual(number, (int)colour); }
            }
            """);

        Assert.AreEqual(1, summary.Failed, output);
        Assert.AreEqual(0, summary.Passed, "no test runs in a refused assembly: " + output);
        Assert.AreEqual(1, summary.ExitCode);
        StringAssert.Contains(output, "REFUSED Palette.HasAColour: [DataRow] argument 1 is the enum value Colour.Green: MetadataProcessor writes no value for an enum");
        StringAssert.Contains(output, "pass (int)Colour.Green to an int parameter");
    }

    [TestMethod]
    public void EnumPassedAsItsNumber_Runs()
    {
        (Nano.TestRunner.Summary summary, string output) = RunFixture("IntRow", """
            public enum Colour { Red = 1, Green = 2 }
            [TestClass]
            public class Palette
            {
                [DataRow((int)Colour.Green, 2)]
                public void HasAColour(int colour, int number) { Assert.AreEqual(number, colour); }
            }
            """);

        Assert.AreEqual(1, summary.Passed, output);
        Assert.AreEqual(0, summary.Failed, output);
        Assert.IsFalse(output.Contains("REFUSED", StringComparison.Ordinal), output);
    }

    [TestMethod]
    public void NullDataRowArgument_RefusesTheAssembly()
    {
        (Nano.TestRunner.Summary summary, string output) = RunFixture("NullRow", """
            [TestClass]
            public class Topics
            {
                [DataRow("a", 1)]
                [DataRow(null, 0)]
                public void Length(string topic, int length) { Assert.AreEqual(length, topic == null ? 0 : topic.Length); }
            }
            """);

        Assert.AreEqual(1, summary.Failed, output);
        Assert.AreEqual(0, summary.Passed, output);
        StringAssert.Contains(output, "REFUSED Topics.Length: [DataRow] argument 1 is null: MetadataProcessor puts the argument into its string table, which takes no null");
    }

    [TestMethod]
    public void TypedArrayAndObjectArguments_AreRefused()
    {
        (Nano.TestRunner.Summary summary, string output) = RunFixture("OddArgs", """
            public class TakesInts : System.Attribute { public TakesInts(int[] values) { } }
            public class TakesObject : System.Attribute { public TakesObject(object value) { } }
            [TestClass]
            public class Odd
            {
                [TestMethod, TakesInts(new[] { 1, 2 })]
                public void Ints() { }

                [TestMethod, TakesObject(3)]
                public void Boxed() { }
            }
            """);

        Assert.AreEqual(2, summary.Failed, output);
        StringAssert.Contains(output, "REFUSED Odd.Ints: [TakesInts] argument 1 is of type Int32[]");
        StringAssert.Contains(output, "REFUSED Odd.Boxed: [TakesObject] argument 1 is typed object outside a params object[]");
    }

    [TestMethod]
    public void StringTablePastTheAllowance_RefusesTheAssembly_WithTheFigure()
    {
        // 50 distinct literals of 1,000 ASCII characters: 50,050 bytes of literals alone, over 49,152 and under 65,535
        string methods = string.Concat(Enumerable.Range(0, 50).Select(i => $"public static string L{i}() {{ return \"{i:D3}{new string('x', 997)}\"; }}\n"));
        (Nano.TestRunner.Summary summary, string output) = RunFixture("Big", "[TestClass]\npublic class Big\n{\n[TestMethod] public void Runs() { }\n" + methods + "}");

        Assert.AreEqual(1, summary.Failed, output);
        Assert.AreEqual(0, summary.Passed, output);
        int bytes = StringTableBytes(output);
        Assert.IsTrue(bytes > 50_050 && bytes < 52_000, $"figure {bytes}: {output}");
        StringAssert.Contains(output, $"REFUSED Probe.Big: string table of {bytes:N0} bytes is over the 49,152 this runner allows");
    }

    [TestMethod]
    public void StringTable_CountsDistinctUtf8StringsPlusTheirTerminator_AsMetadataProcessorStoresThem()
    {
        const string body = """
            [TestClass]
            public class Counted
            {
                MEMBER
                public static string First() { return "LITERAL1"; }
                public static string Second() { return "LITERAL2"; }
                [TestMethod]
                [DataRow("ROW")]
                public void Row(string s) { }
            }
            """;
        int Figure(string name, string member, string literal1, string literal2, string row) =>
            StringTableBytes(RunFixture(name, body.Replace("MEMBER", member).Replace("LITERAL1", literal1).Replace("LITERAL2", literal2).Replace("ROW", row)).Output);

        int baseline = Figure("Counted", "", "", "", "");
        Assert.AreEqual(baseline + 6 + 1, Figure("Counted", "", "h\u00e9llo", "", ""), "a literal costs its UTF-8 bytes (h\u00e9llo: 6) + 1");
        Assert.AreEqual(baseline + 6 + 1, Figure("Counted", "", "h\u00e9llo", "h\u00e9llo", ""), "the same literal twice is stored once");
        Assert.AreEqual(baseline + 7 + 1, Figure("Counted", "", "", "", "row-arg"), "a DataRow string argument is stored");
        Assert.AreEqual(baseline + 5 + 1, Figure("Counted", "public static int Quuxy;", "", "", ""), "a field's name is stored");
        Assert.AreEqual(baseline, Figure("Counted", "public const int Quuxy = 1;", "", "", ""), "a constant's name is not");
    }

    private static int StringTableBytes(string output)
    {
        Match m = Regex.Match(output, @"^string table of [^:]+: ([0-9,]+) bytes", RegexOptions.Multiline);
        Assert.IsTrue(m.Success, "no string table figure printed: " + output);
        return int.Parse(m.Groups[1].Value.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Runs the fixture (<see cref="CompiledFixture"/>) as a device-test assembly; its output names it Probe.<paramref name="name"/>.</summary>
    private static (Nano.TestRunner.Summary Summary, string Output) RunFixture(string name, string source) =>
        CompiledFixture.Use(name, source, (assembly, assemblyName) =>
        {
            var output = new StringWriter();
            Nano.TestRunner.Summary summary = Nano.TestRunner.RunDeviceAssembly(assembly, null, output);
            return (summary, output.ToString().Replace(assemblyName, "Probe." + name, StringComparison.Ordinal));
        });
}
