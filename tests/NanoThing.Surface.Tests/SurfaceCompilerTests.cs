namespace NanoThing.Surface.Tests;

[TestClass]
public sealed class SurfaceCompilerTests
{
    private static string CoreProject => RepoPaths.Combine("firmware/NanoThing.Core/NanoThing.Core.nfproj");

    [TestMethod]
    public void Core_CompilesAgainstTheListings()
    {
        SurfaceCompilation core = SurfaceCompiler.CompileProject(CoreProject);

        Assert.IsTrue(core.Success, core.Describe());
    }

    [TestMethod]
    public void Esp32App_CompilesWithCoreAgainstItsPackages()
    {
        SurfaceCompilation app = SurfaceCompiler.CompileProject(RepoPaths.Combine("firmware/NanoThing/NanoThing.nfproj"));

        Assert.IsTrue(app.Success, app.Describe());
    }

    public static IEnumerable<object[]> DeviceTestNfprojs =>
        NfprojAnatomyTests.DeviceTestAssemblies.Select(c => new object[] { $"device-tests/NanoThing.DeviceTests.{c}/NanoThing.DeviceTests.{c}.nfproj" });

    [TestMethod]
    [DynamicData(nameof(DeviceTestNfprojs))]
    public void DeviceTests_CompileUnchangedForNanoFramework(string nfproj)
    {
        SurfaceCompilation tests = SurfaceCompiler.CompileProject(RepoPaths.Combine(nfproj));

        Assert.IsTrue(tests.Success, tests.Describe());
    }

    [TestMethod]
    [DynamicData(nameof(NfprojAnatomyTests.Nfprojs), typeof(NfprojAnatomyTests))]
    public void EveryNfproj_CompilesAgainstTheListings(string nfproj)
    {
        SurfaceCompilation result = SurfaceCompiler.CompileProject(RepoPaths.Combine(nfproj));

        Assert.IsTrue(result.Success, result.Describe());
    }

    [TestMethod]
    public void MisspeltApi_IsACompileErrorNamingFileAndLine()
    {
        SurfaceCompilation result = CompileWithCore("Misspelt", """
            public static string Join(string a, string b)
            {
                return string.Concatenate(a, b);
            }
            """);

        CollectionAssert.AreEqual(
            new[] { "Probe/Misspelt.cs(5,19): error CS0117: 'string' does not contain a definition for 'Concatenate'" },
            result.Errors.ToArray(),
            string.Join(Environment.NewLine, result.Errors));
    }

    [TestMethod]
    public void WrongParameterType_IsACompileError()
    {
        SurfaceCompilation result = CompileWithCore("WrongType", """
            public static void Pause(long milliseconds)
            {
                System.Threading.Thread.Sleep(milliseconds);
            }
            """);

        Assert.AreEqual(1, result.Errors.Count, string.Join(Environment.NewLine, result.Errors));
        StringAssert.StartsWith(result.Errors[0], "Probe/WrongType.cs(5,35): error CS1503: Argument 1: cannot convert from 'long' to 'int'");
    }

    [TestMethod]
    public void OneArgumentInterpolation_BindsFormatWithObjectArray()
    {
        SurfaceCompilation result = CompileWithCore("Interpolates", """
            public static string Hello(int n)
            {
                return $"hello {n}";
            }
            """);

        Assert.IsTrue(result.Success, result.Describe());
        string[] used = ExternalReferenceReader.Read(new MemoryStream(result.Image!)).Select(r => r.DocId).ToArray();
        CollectionAssert.Contains(used, "M:System.String.Format(System.String,System.Object[])");
        CollectionAssert.DoesNotContain(used, "M:System.String.Format(System.String,System.Object)");
    }

    [TestMethod]
    public void MissingCompileItemAndUnlistedReference_AreReported()
    {
        NfprojFile project = NfprojFile.Load(CoreProject);
        project.CompileItems.Add(new CompileItem(RepoPaths.Combine("firmware/NanoThing.Core/Nowhere.cs"), "Nowhere.cs", project.Path));
        project.References.Add(new ReferenceItem("System.Linq", "System.Linq", null, null));

        SurfaceCompilation result = SurfaceCompiler.Compile(project);

        CollectionAssert.AreEqual(
            new[]
            {
                "firmware/NanoThing.Core/NanoThing.Core.nfproj: Reference System.Linq has no listing in nanoframework-api/; add its listing or remove the reference",
                "firmware/NanoThing.Core/NanoThing.Core.nfproj: Compile item Nowhere.cs does not exist (firmware/NanoThing.Core/Nowhere.cs); create the file or remove the item",
            },
            result.Errors.ToArray(),
            string.Join(Environment.NewLine, result.Errors));
    }

    [TestMethod]
    public void ErrorObsoleteMember_IsACompileError()
    {
        SurfaceCompilation result = CompileWithCore("LocalTime", """
            public static System.DateTimeKind Kind()
            {
                return System.DateTimeKind.Local;
            }
            """);

        Assert.AreEqual(1, result.Errors.Count, string.Join(Environment.NewLine, result.Errors));
        StringAssert.StartsWith(result.Errors[0], "Probe/LocalTime.cs(5,12): error CS0619:");
    }

    /// <summary>Compiles Core plus Probe/&lt;name&gt;.cs, a static class Probe.&lt;name&gt; with <paramref name="members"/> starting on line 3.</summary>
    private static SurfaceCompilation CompileWithCore(string name, string members) =>
        SurfaceCompiler.Compile(NfprojFile.Load(CoreProject), ($"Probe/{name}.cs", $"namespace Probe {{\n  public static class {name} {{\n{members}\n  }}\n}}\n"));
}
