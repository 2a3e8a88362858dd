extern alias nano;

using System.Reflection;
using Microsoft.CodeAnalysis;
using Nano = nano::nanoFramework.TestFramework;

namespace NanoThing.Surface.Tests;

/// <summary>
/// A device-test fixture compiled into an assembly of its own (C# 9, against the TestFramework host stand-in), so that
/// the runner's toolchain checks see only the fixture, never this test project (whose own IL and strings the real
/// MetadataProcessor would refuse).
/// </summary>
internal static class CompiledFixture
{
    private const string Usings = "using nanoFramework.TestFramework;\nnamespace Probe {\n";

    /// <summary>Compiles <paramref name="source"/> (placed in namespace Probe) to a file, loads it, passes it with its
    /// assembly name to <paramref name="use"/>, and deletes the file afterwards.</summary>
    public static T Use<T>(string name, string source, Func<Assembly, string, T> use)
    {
        string shim = typeof(Nano.TestRunner).Assembly.Location;
        string assemblyName = "Probe." + name + "." + Guid.NewGuid().ToString("N")[..8];
        using MemoryStream image = HostCompiler.Compile(assemblyName, new[] { MetadataReference.CreateFromFile(shim) }, Usings + source + "\n}");
        string folder = Directory.CreateTempSubdirectory("runner-fixture-").FullName;
        try
        {
            string path = Path.Combine(folder, assemblyName + ".dll");
            File.WriteAllBytes(path, image.ToArray());
            return use(Assembly.LoadFrom(path), assemblyName);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
